// Helm's `lookup`, answered by the provider's own Kubernetes client. The bundled renderer gets the
// URL of a loopback endpoint and a random token instead of the cluster's credentials: whatever the
// connection needs (exec plugins, proxies, client certificates, retries) stays in the provider,
// and no credential of the cluster ever leaves its process. The endpoint serves exactly what helm's
// lookup asks for (GET of a group version's discovery, of one object, of a list) and lives for one
// render.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClusterReader } from './types';

export interface LookupProxy {
  /** `http://127.0.0.1:<port>` */
  server: string;
  token: string;
  close(): Promise<void>;
}

export async function startLookupProxy(cluster: ClusterReader): Promise<LookupProxy> {
  const token = randomBytes(32).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  const server = createServer((req, res) => {
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return status(res, 401, 'Unauthorized', 'a bearer token is required');
    if (req.method !== 'GET') return status(res, 405, 'MethodNotAllowed', 'only GET is served');
    answer(cluster, req).then(
      (body) => (body === undefined ? status(res, 404, 'NotFound', 'not found') : send(res, 200, body)),
      (error: unknown) => {
        // The client's errors name the object and what the API server said (never a credential).
        const code = typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : 500;
        status(res, code, code === 403 ? 'Forbidden' : 'InternalError', error instanceof Error ? error.message : String(error));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// /api/v1 | /apis/<group>/<version>, then nothing (discovery) or [namespaces/<ns>/]<plural>[/<name>].
const PATH = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/(.*))?$/;

async function answer(cluster: ClusterReader, req: IncomingMessage): Promise<unknown> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const match = PATH.exec(url.pathname);
  if (!match) return undefined;
  const group = match[2] ?? '';
  const version = match[1] ?? match[3]!;
  const apiVersion = group ? `${group}/${version}` : version;
  const resources = (await cluster.resources()).filter((r) => r.group === group && r.version === version);
  if (resources.length === 0) return undefined;
  const rest = match[4] ? match[4].split('/').map(decodeURIComponent) : [];
  if (rest.length === 0) {
    return {
      kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersion,
      resources: resources.map((r) => ({ name: r.plural, singularName: '', namespaced: r.namespaced, kind: r.kind, verbs: r.verbs })),
    };
  }
  // "namespaces/x/secrets[/y]" is in a namespace; "namespaces[/x]" is the Namespace resource itself.
  const [namespace, plural, name] = rest[0] === 'namespaces' && rest.length >= 3 ? [rest[1], rest[2], rest[3]] : [undefined, rest[0], rest[1]];
  const resource = resources.find((r) => r.plural === plural);
  if (!resource || rest.length > (namespace === undefined ? 2 : 4)) return undefined;
  // As the API server has it: nothing cluster-scoped is in a namespace; a namespaced object is
  // read in its namespace, a namespaced list in one or all.
  if (!resource.namespaced && namespace !== undefined) return undefined;
  if (name === undefined) {
    const items = await cluster.list(apiVersion, resource.kind, namespace === undefined ? {} : { namespace });
    return { apiVersion, kind: `${resource.kind}List`, metadata: {}, items };
  }
  if (resource.namespaced && namespace === undefined) return undefined;
  return (await cluster.get({ apiVersion, kind: resource.kind, name, ...(namespace === undefined ? {} : { namespace }) })) ?? undefined;
}

function send(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function status(res: ServerResponse, code: number, reason: string, message: string): void {
  send(res, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason, message, code });
}

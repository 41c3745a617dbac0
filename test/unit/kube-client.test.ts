// The client against a fake API server on loopback: request shapes, discovery, and how failures
// become KubeApiError and KubeConnectionError. (Retries: kube-retry.test.ts.)
import { createServer as createHttpServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { AddressInfo } from 'node:net';
import { TLSSocket } from 'node:tls';
import { stringify } from 'yaml';
import { KubeApiError, KubeClient, KubeConnectionError } from '../../provider/kube';
import { createPki, type Pki } from '../harness/certs';
import { freePort } from '../harness/ports';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Whether a TLS client presented a certificate that the fake's CA signed. */
  authorized: boolean;
}
type Handler = (req: Seen, res: ServerResponse) => void;

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
const status = (code: number, reason: string, message: string) => ({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message });

const resource = (plural: string, kind: string, namespaced: boolean) => ({
  resource: plural,
  responseKind: { group: '', version: '', kind },
  scope: namespaced ? 'Namespaced' : 'Cluster',
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update'],
});
const aggregated = (items: unknown[]) => ({ kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', items });
const CORE = aggregated([
  {
    metadata: {},
    versions: [{ version: 'v1', resources: [resource('configmaps', 'ConfigMap', true), resource('namespaces', 'Namespace', false)] }],
  },
]);
const widgetsServed = { value: false };
const groups = () =>
  aggregated([
    { metadata: { name: 'apps' }, versions: [{ version: 'v1', resources: [resource('deployments', 'Deployment', true)] }] },
    ...(widgetsServed.value
      ? [{ metadata: { name: 'example.com' }, versions: [{ version: 'v1', resources: [resource('widgets', 'Widget', true)] }] }]
      : []),
    { metadata: { name: 'metrics.k8s.io' }, versions: [{ version: 'v1beta1', freshness: 'Stale' }] },
  ]);

// The fake answers discovery from `documents` and hands every other request to the test's handler.
class FakeApiServer {
  readonly seen: Seen[] = [];
  documents: (url: string) => unknown = (url) => (url === '/api' ? CORE : url === '/apis' ? groups() : undefined);
  handler: Handler = (_req, res) => json(res, 404, status(404, 'NotFound', 'not found'));
  private constructor(readonly server: Server) {}

  static async start(server: Server = createHttpServer()): Promise<FakeApiServer> {
    const fake = new FakeApiServer(server);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        const authorized = (req.socket as TLSSocket).authorized === true;
        const seen = { method: req.method!, url: req.url!, headers: req.headers, body, authorized };
        fake.seen.push(seen);
        const doc = fake.documents(seen.url);
        if (doc) json(res, 200, doc);
        else fake.handler(seen, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  requests(filter: (seen: Seen) => boolean = (seen) => seen.url !== '/api' && seen.url !== '/apis'): Seen[] {
    return this.seen.filter(filter);
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let fake: FakeApiServer;
let client: KubeClient;
beforeEach(async () => {
  widgetsServed.value = false;
  fake = await FakeApiServer.start();
  client = KubeClient.connect({ host: `http://127.0.0.1:${fake.port}`, token: 'sekret-token' }, { timeoutMs: 2_000, userAgent: 'strata-test' });
});
afterEach(async () => {
  client.close();
  await fake.stop();
});

const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas: 1 } };

describe('requests', () => {
  it('applies with server-side apply: PATCH apply-patch+yaml with JSON, fieldManager, force and dryRun', async () => {
    fake.handler = (req, res) => json(res, 200, { ...JSON.parse(req.body), status: {} });
    const applied = await client.apply(deployment, { fieldManager: 'strata', force: true, dryRun: true });
    expect(applied.status).toEqual({});
    const [req] = fake.requests();
    expect(req!.method).toBe('PATCH');
    expect(req!.url).toBe('/apis/apps/v1/namespaces/shop/deployments/web?fieldManager=strata&force=true&dryRun=All');
    expect(req!.headers['content-type']).toBe('application/apply-patch+yaml');
    expect(req!.headers.authorization).toBe('Bearer sekret-token');
    expect(req!.headers['user-agent']).toBe('strata-test');
    expect(JSON.parse(req!.body)).toEqual(deployment);
    await client.apply(deployment, { fieldManager: 'strata' });
    expect(fake.requests()[1]!.url).toBe('/apis/apps/v1/namespaces/shop/deployments/web?fieldManager=strata');
    expect(client.writeRequests).toBe(2);
  });

  it('puts namespaced objects without a namespace in the default one, and cluster-scoped objects in none', async () => {
    fake.handler = (req, res) => json(res, req.method === 'POST' ? 201 : 200, { apiVersion: 'v1', kind: 'X', metadata: { name: 'n' } });
    await client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } });
    await client.replace({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', namespace: 'ignored', resourceVersion: '7' } });
    await client.get({ apiVersion: 'v1', kind: 'Namespace', name: 'shop', namespace: 'ignored' });
    expect(fake.requests().map((req) => `${req.method} ${req.url}`)).toEqual([
      'POST /api/v1/namespaces/default/configmaps',
      'PUT /api/v1/namespaces/shop',
      'GET /api/v1/namespaces/shop',
    ]);
    expect(client.writeRequests).toBe(2);
  });

  it('returns null and false for objects that are gone, and sends DeleteOptions', async () => {
    fake.handler = (req, res) => (req.method === 'DELETE' && req.url.endsWith('/there') ? json(res, 200, status(200, '', '')) : json(res, 404, status(404, 'NotFound', 'gone')));
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'nope' };
    expect(await client.get(ref)).toBeNull();
    expect(await client.delete(ref)).toBe(false);
    expect(await client.delete({ ...ref, name: 'there' }, { propagationPolicy: 'Foreground', preconditions: { uid: 'u-1', resourceVersion: '42' } })).toBe(true);
    expect(JSON.parse(fake.requests().at(-1)!.body)).toEqual({ apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Foreground', preconditions: { uid: 'u-1', resourceVersion: '42' } });
    expect(client.writeRequests).toBe(2);
  });

  it('never sends a name that is not one path segment: "." and ".." would address the collection', async () => {
    for (const name of ['.', '..', 'a/b', '%2e']) {
      const err = (await client.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name }).catch((e: unknown) => e)) as KubeApiError;
      expect(err).toBeInstanceOf(KubeApiError);
      expect(err.message).toContain(`${JSON.stringify(name)} is not a valid object name or namespace`);
    }
    await expect(client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: '..', name: 'x' })).rejects.toThrow('".." is not a valid object name or namespace');
    expect(fake.requests()).toEqual([]);
  });

  it('lists page by page, with a label selector, filling in apiVersion and kind', async () => {
    fake.handler = (req, res) => {
      const url = new URL(req.url, 'http://x');
      const first = !url.searchParams.has('continue');
      json(res, 200, {
        kind: 'DeploymentList',
        metadata: { continue: first ? 'page-2' : '' },
        items: [{ metadata: { name: first ? 'a' : 'b', namespace: 'shop' } }],
      });
    };
    const items = await client.list('apps/v1', 'Deployment', { namespace: 'shop', labelSelector: 'app=web' });
    expect(items).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'a', namespace: 'shop' } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'b', namespace: 'shop' } },
    ]);
    expect(fake.requests().map((req) => req.url)).toEqual([
      '/apis/apps/v1/namespaces/shop/deployments?limit=500&labelSelector=app%3Dweb',
      '/apis/apps/v1/namespaces/shop/deployments?limit=500&labelSelector=app%3Dweb&continue=page-2',
    ]);
    await client.list('apps/v1', 'Deployment');
    expect(fake.requests().at(-2)!.url).toBe('/apis/apps/v1/deployments?limit=500');
  });

  it('treats an unserved kind as absent for reads and deletes, and as an error for writes', async () => {
    const ref = { apiVersion: 'example.com/v1', kind: 'Widget', namespace: 'shop', name: 'w' };
    expect(await client.get(ref)).toBeNull();
    expect(await client.list('example.com/v1', 'Widget')).toEqual([]);
    expect(await client.delete(ref)).toBe(false);
    const err = await client.apply({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'shop' } }, { fieldManager: 'strata' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeApiError);
    expect((err as KubeApiError).status).toBe(404);
    expect((err as Error).message).toMatch(/^apply Widget shop\/w: the server has no kind Widget in example.com\/v1 \(if it comes from a CustomResourceDefinition/);
    expect(fake.requests()).toEqual([]);
    expect(client.writeRequests).toBe(0);
  });
});

describe('discovery', () => {
  it('maps kinds to resources from aggregated discovery, cached', async () => {
    expect(await client.resourceFor('apps/v1', 'Deployment')).toEqual({
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      plural: 'deployments',
      namespaced: true,
      verbs: ['create', 'delete', 'get', 'list', 'patch', 'update'],
    });
    expect(await client.resourceFor('v1', 'Namespace')).toMatchObject({ group: '', version: 'v1', plural: 'namespaces', namespaced: false });
    expect(await client.apiVersions()).toEqual(['apps/v1', 'apps/v1/Deployment', 'metrics.k8s.io/v1beta1', 'v1', 'v1/ConfigMap', 'v1/Namespace']);
    expect(fake.seen.map((req) => req.url)).toEqual(['/api', '/apis']);
    expect(fake.seen[0]!.headers.accept).toMatch(/^application\/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,/);
  });

  it('re-discovers once on a miss, so that a kind added since is found', async () => {
    await client.resourceFor('apps/v1', 'Deployment');
    widgetsServed.value = true;
    expect(await client.resourceFor('example.com/v1', 'Widget')).toMatchObject({ plural: 'widgets' });
    expect(await client.resourceFor('example.com/v1', 'Gadget')).toBeUndefined();
    expect(fake.seen.map((req) => req.url)).toEqual(['/api', '/apis', '/api', '/apis', '/api', '/apis']);
    client.invalidateDiscovery();
    await client.resourceFor('apps/v1', 'Deployment');
    expect(fake.seen).toHaveLength(8);
  });

  it('says why a kind of an unavailable aggregated API cannot be found', async () => {
    await expect(client.resourceFor('metrics.k8s.io/v1beta1', 'PodMetrics')).rejects.toThrow(
      /^discover metrics.k8s.io\/v1beta1: the API server could not refresh its discovery data .* \(HTTP 503 ServiceUnavailable\)$/,
    );
  });

  it('falls back to per-group-version discovery on servers without aggregated discovery', async () => {
    const documents: Record<string, unknown> = {
      '/api': { kind: 'APIVersions', versions: ['v1'] },
      '/apis': { kind: 'APIGroupList', groups: [{ name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }] }, { name: 'metrics.k8s.io', versions: [{ groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' }] }] },
      '/api/v1': { kind: 'APIResourceList', resources: [{ name: 'pods', kind: 'Pod', namespaced: true, verbs: ['get'] }, { name: 'pods/status', kind: 'Pod', namespaced: true, verbs: ['get'] }] },
      '/apis/apps/v1': { kind: 'APIResourceList', resources: [{ name: 'deployments', kind: 'Deployment', namespaced: true, verbs: ['get'] }, { name: 'deployments/scale', kind: 'Scale', namespaced: true }] },
    };
    fake.documents = (url) => documents[url];
    fake.handler = (_req, res) => json(res, 503, status(503, 'ServiceUnavailable', 'the server is currently unable to handle the request'));
    expect(await client.resourceFor('v1', 'Pod')).toEqual({ group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true, verbs: ['get'] });
    expect(await client.apiVersions()).toEqual(['apps/v1', 'apps/v1/Deployment', 'metrics.k8s.io/v1beta1', 'v1', 'v1/Pod']);
    await expect(client.resourceFor('metrics.k8s.io/v1beta1', 'PodMetrics')).rejects.toThrow(
      'discover the API (GET /apis/metrics.k8s.io/v1beta1): the server is currently unable to handle the request (HTTP 503 ServiceUnavailable)',
    );
  });
});

describe('API errors', () => {
  it('carry the API server message, reason, status and object', async () => {
    const message = 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0';
    fake.handler = (_req, res) => json(res, 422, status(422, 'Invalid', message));
    const err = (await client.apply(deployment, { fieldManager: 'strata' }).catch((e: unknown) => e)) as KubeApiError;
    expect(err).toBeInstanceOf(KubeApiError);
    expect(err.message).toBe(`apply Deployment shop/web: ${message} (HTTP 422 Invalid)`);
    expect(err).toMatchObject({ status: 422, reason: 'Invalid', apiMessage: message, ref: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' } });
    expect(err.message).not.toContain('sekret-token');
  });

  it('carry the causes of a refusal: which field, and why', async () => {
    const causes = [{ reason: 'FieldValueInvalid', message: 'Invalid value: ...: field is immutable', field: 'spec.selector' }];
    fake.handler = (_req, res) => json(res, 422, { ...status(422, 'Invalid', 'Deployment.apps "web" is invalid: spec.selector: Invalid value: ...: field is immutable'), details: { causes } });
    const err = (await client.apply(deployment, { fieldManager: 'strata', dryRun: true }).catch((e: unknown) => e)) as KubeApiError;
    expect(err.causes).toEqual(causes);
  });

  it('use the body text and the HTTP status when the answer is not a Status', async () => {
    fake.handler = (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('upstream connect error\n');
    };
    await expect(client.get({ apiVersion: 'v1', kind: 'Namespace', name: 'x' })).rejects.toThrow('get Namespace x: upstream connect error (HTTP 502 BadGateway)');
  });

  it('say when the host is not an API server', async () => {
    fake.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>login</html>');
    };
    await expect(client.serverVersion()).rejects.toThrow('get the server version: the answer is not JSON; is host a Kubernetes API server? (HTTP 200 InvalidResponse)');
  });
});

describe('what the client marks as safe to repeat', () => {
  it('a DELETE with a precondition and a PUT with a resourceVersion go again after a dropped connection; without them, not', async () => {
    let calls = 0;
    fake.handler = (_req, res) => (++calls % 2 === 1 ? res.socket!.destroy() : json(res, 200, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }));
    const ref = { apiVersion: 'v1', kind: 'Namespace', name: 'shop' };
    expect(await client.delete(ref, { preconditions: { uid: 'u-1' } })).toBe(true);
    await client.replace({ ...ref, metadata: { name: 'shop', resourceVersion: '7' } });
    expect(calls).toBe(4);
    fake.handler = (_req, res) => (calls++, res.socket!.destroy());
    await expect(client.delete(ref)).rejects.toThrow(KubeConnectionError);
    await expect(client.replace({ ...ref, metadata: { name: 'shop' } })).rejects.toThrow(KubeConnectionError);
    expect(calls).toBe(6);
  });
});

describe('connection errors', () => {
  it('name the host and the cause: connection refused', async () => {
    const port = await freePort();
    const closed = KubeClient.connect({ host: `https://127.0.0.1:${port}`, token: 'sekret-token' });
    const err = (await closed.serverVersion().catch((e: unknown) => e)) as KubeConnectionError;
    expect(err).toBeInstanceOf(KubeConnectionError);
    expect(err.host).toBe(`https://127.0.0.1:${port}`);
    expect(err.message).toBe(
      // Refused connections are retried (nothing was sent), then reported with the number of attempts.
      `cannot reach the Kubernetes API server at https://127.0.0.1:${port} (GET /version, 3 attempts): connection refused (ECONNREFUSED); ` +
        "check that host (or the kubeconfig's server) is right and that the API server is running and reachable from here",
    );
  });

  it('time out per request', async () => {
    fake.handler = () => undefined;
    const slow = KubeClient.connect({ host: `http://127.0.0.1:${fake.port}` }, { timeoutMs: 300 });
    const started = Date.now();
    await expect(slow.get({ apiVersion: 'v1', kind: 'Namespace', name: 'x' })).rejects.toThrow(
      `cannot reach the Kubernetes API server at http://127.0.0.1:${fake.port} (GET /api/v1/namespaces/x): no answer within 300 ms`,
    );
    // A GET that times out is not retried: it is not a reset.
    expect(Date.now() - started).toBeLessThan(2_000);
    slow.close();
  });
});

describe('TLS', () => {
  let pki: Pki;
  let tlsFake: FakeApiServer;
  beforeAll(async () => {
    pki = await createPki();
  });
  beforeEach(async () => {
    const server = createHttpsServer({ cert: pki.servingCertPem, key: pki.servingKeyPem, ca: pki.caCertPem, requestCert: true, rejectUnauthorized: false });
    tlsFake = await FakeApiServer.start(server);
    // Like the API server, a client certificate is optional, and a bad one means 401.
    tlsFake.handler = (req, res) =>
      req.headers.authorization || req.authorized
        ? json(res, 200, { gitVersion: 'v1.35.4', major: '1', minor: '35' })
        : json(res, 401, status(401, 'Unauthorized', 'Unauthorized'));
  });
  afterEach(() => tlsFake.stop());

  it('verifies the server against cluster_ca_certificate, and says what to check when it fails', async () => {
    const host = `https://127.0.0.1:${tlsFake.port}`;
    const good = KubeClient.connect({ host, cluster_ca_certificate: pki.caCertPem, token: 't' });
    expect((await good.serverVersion()).gitVersion).toBe('v1.35.4');
    good.close();
    const other = await createPki();
    const bad = KubeClient.connect({ host, cluster_ca_certificate: other.caCertPem });
    const err = (await bad.serverVersion().catch((e: unknown) => e)) as KubeConnectionError;
    expect(err).toBeInstanceOf(KubeConnectionError);
    expect(err.message).toMatch(new RegExp(`^cannot reach the Kubernetes API server at ${host} \\(GET /version\\): its TLS certificate is not trusted: .*; check that cluster_ca_certificate`));
    const insecure = KubeClient.connect({ host, insecure: true, token: 't' });
    expect((await insecure.serverVersion()).major).toBe('1');
    insecure.close();
  });

  it('presents the client certificate', async () => {
    const host = `https://127.0.0.1:${tlsFake.port}`;
    const anonymous = KubeClient.connect({ host, cluster_ca_certificate: pki.caCertPem });
    await expect(anonymous.serverVersion()).rejects.toThrow('get the server version: Unauthorized (HTTP 401 Unauthorized)');
    anonymous.close();
    const byCert = KubeClient.connect({ host, cluster_ca_certificate: pki.caCertPem, client_certificate: pki.clientCertPem, client_key: pki.clientKeyPem });
    expect((await byCert.serverVersion()).major).toBe('1');
    byCert.close();
    const mismatched = KubeClient.connect({ host, cluster_ca_certificate: pki.caCertPem, client_certificate: pki.clientCertPem, client_key: pki.servingKeyPem });
    await expect(mismatched.serverVersion()).rejects.toThrow(/the client certificate or key cannot be used: .*; check that client_certificate and client_key/);
  });

  it('checks the name from tls-server-name', async () => {
    const doc = (serverName: string) =>
      stringify({
        clusters: [{ name: 'c', cluster: { server: `https://127.0.0.1:${tlsFake.port}`, 'certificate-authority-data': Buffer.from(pki.caCertPem).toString('base64'), 'tls-server-name': serverName } }],
        users: [{ name: 'u', user: { token: 't' } }],
        contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
        'current-context': 'x',
      });
    const named = KubeClient.connect({ config_content: doc('kubernetes.default.svc') });
    expect((await named.serverVersion()).major).toBe('1');
    named.close();
    const wrong = KubeClient.connect({ config_content: doc('elsewhere.example') });
    await expect(wrong.serverVersion()).rejects.toThrow(/its TLS certificate is not valid for this address: .*; check that host is the name the certificate was issued for, or set tls-server-name/);
  });
});

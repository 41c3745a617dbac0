// A small client of the OCI distribution API (https only): tags, catalog, manifests and blobs,
// pulled and pushed, with the registry's basic or bearer-token challenge answered from the
// pack_registry credentials. It knows nothing of packs.
import { createHash } from 'node:crypto';
import { httpRequest, type HttpResponse } from './http';
import type { RegistryCredentials } from './credentials';

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

export interface Descriptor { mediaType: string; digest: string; size: number; annotations?: Record<string, string> }
export interface OciManifest {
  schemaVersion: 2;
  mediaType: typeof OCI_MANIFEST;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

/** The registry answered with an error status; `status` says which. */
export class OciError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export class OciClient {
  private readonly base: string;
  private readonly tokens = new Map<string, string>();

  constructor(readonly host: string, private readonly credentials: RegistryCredentials | undefined, private readonly signal?: AbortSignal) {
    this.base = `https://${host}`;
  }

  /** A repository's tags; undefined when the repository does not exist. */
  async tags(repository: string): Promise<string[] | undefined> {
    const tags: string[] = [];
    let next: string | undefined = `/v2/${repository}/tags/list?n=1000`;
    while (next) {
      const response = await this.send('GET', next, `repository:${repository}:pull`);
      if (response.status === 404) return undefined;
      this.expect(response, [200], `list the tags of ${repository}`);
      tags.push(...((JSON.parse(response.body.toString('utf8')) as { tags?: string[] | null }).tags ?? []));
      next = nextLink(response);
    }
    return tags;
  }

  /** The registry's repositories (the `_catalog` API). */
  async catalog(): Promise<string[]> {
    const names: string[] = [];
    let next: string | undefined = '/v2/_catalog?n=1000';
    while (next) {
      const response = await this.send('GET', next, 'registry:catalog:*');
      this.expect(response, [200], 'list its repositories');
      names.push(...((JSON.parse(response.body.toString('utf8')) as { repositories?: string[] }).repositories ?? []));
      next = nextLink(response);
    }
    return names;
  }

  /** The manifest a tag or digest names; undefined when there is none. */
  async manifest(repository: string, reference: string): Promise<OciManifest | undefined> {
    const response = await this.send('GET', `/v2/${repository}/manifests/${reference}`, `repository:${repository}:pull`, { accept: OCI_MANIFEST });
    if (response.status === 404) return undefined;
    this.expect(response, [200], `read manifest ${repository}:${reference}`);
    return JSON.parse(response.body.toString('utf8')) as OciManifest;
  }

  async blob(repository: string, digest: string): Promise<Buffer> {
    const response = await this.send('GET', `/v2/${repository}/blobs/${digest}`, `repository:${repository}:pull`);
    this.expect(response, [200], `read blob ${digest} of ${repository}`);
    return response.body;
  }

  /** Uploads a blob unless the repository has it (one monolithic upload). */
  async pushBlob(repository: string, bytes: Buffer): Promise<{ digest: string; size: number }> {
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    const scope = `repository:${repository}:pull,push`;
    const head = await this.send('HEAD', `/v2/${repository}/blobs/${digest}`, scope);
    if (head.status !== 200) {
      const started = await this.send('POST', `/v2/${repository}/blobs/uploads/`, scope);
      this.expect(started, [202], `start an upload to ${repository}`);
      const location = new URL(String(started.headers.location), this.base);
      location.searchParams.set('digest', digest);
      const put = await this.send('PUT', location.pathname + location.search, scope, { 'content-type': 'application/octet-stream' }, bytes);
      this.expect(put, [201], `upload blob ${digest} to ${repository}`);
    }
    return { digest, size: bytes.length };
  }

  async pushManifest(repository: string, tag: string, manifest: OciManifest): Promise<void> {
    const response = await this.send('PUT', `/v2/${repository}/manifests/${tag}`, `repository:${repository}:pull,push`, { 'content-type': OCI_MANIFEST }, Buffer.from(JSON.stringify(manifest)));
    this.expect(response, [201], `push manifest ${repository}:${tag}`);
  }

  private expect(response: HttpResponse, statuses: number[], what: string): void {
    if (statuses.includes(response.status)) return;
    const body = response.body.toString('utf8').slice(0, 300).trim();
    const hint = response.status === 401 || response.status === 403
      ? (this.credentials?.username ? ': the credentials of the pack_registry block were refused' : ': the registry wants credentials; add a pack_registry block for it with username and password')
      : body ? `: ${body}` : '';
    throw new OciError(response.status, `${this.host} answered ${response.status} when asked to ${what}${hint}`);
  }

  /** One request, answering an authentication challenge once. */
  private async send(method: string, path: string, scope: string, headers: Record<string, string> = {}, body?: Buffer): Promise<HttpResponse> {
    const request = (authorization?: string) => httpRequest(`${this.base}${path}`, {
      method, headers: { ...headers, ...(authorization ? { authorization } : {}) },
      ...(body ? { body } : {}), ...(this.credentials?.ca_certificate ? { ca: this.credentials.ca_certificate } : {}), ...(this.signal ? { signal: this.signal } : {}),
    });
    const known = this.tokens.get(scope);
    const first = await request(known);
    if (first.status !== 401) return first;
    const authorization = await this.authorize(String(first.headers['www-authenticate'] ?? ''), scope);
    if (!authorization) return first;
    this.tokens.set(scope, authorization);
    return request(authorization);
  }

  private async authorize(challenge: string, scope: string): Promise<string | undefined> {
    const { username, password } = this.credentials ?? {};
    const basic = username ? `Basic ${Buffer.from(`${username}:${password ?? ''}`).toString('base64')}` : undefined;
    if (/^basic\b/i.test(challenge)) return basic;
    if (!/^bearer\b/i.test(challenge)) return undefined;
    const params = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!.toLowerCase(), m[2]!]));
    if (!params.realm) return undefined;
    const url = new URL(params.realm);
    // The realm gets the credentials: never in the clear.
    if (url.protocol !== 'https:') throw new Error(`${this.host} names the token service ${url.origin}, which is not https: Strata does not send the pack_registry credentials there. Configure the registry's token realm with https`);
    if (params.service) url.searchParams.set('service', params.service);
    url.searchParams.set('scope', params.scope ?? scope);
    const response = await httpRequest(url.toString(), {
      headers: basic ? { authorization: basic } : {},
      ...(this.credentials?.ca_certificate ? { ca: this.credentials.ca_certificate } : {}), ...(this.signal ? { signal: this.signal } : {}),
    });
    if (response.status !== 200) return undefined;
    const answer = JSON.parse(response.body.toString('utf8')) as { token?: string; access_token?: string };
    const token = answer.token ?? answer.access_token;
    return token ? `Bearer ${token}` : undefined;
  }
}

/** The path of the next page from a `Link: <...>; rel="next"` header. */
function nextLink(response: HttpResponse): string | undefined {
  const link = response.headers.link;
  const match = typeof link === 'string' ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(link) : null;
  if (!match) return undefined;
  const url = new URL(match[1]!, 'https://registry.invalid');
  return url.pathname + url.search;
}

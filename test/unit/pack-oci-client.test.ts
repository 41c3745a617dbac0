// The OCI distribution client against a fake registry that wants bearer tokens (as GHCR, Harbor and
// Docker Hub do): the challenge is answered at the token realm with the pack_registry credentials,
// the token is reused for its scope, tags are read across pages, and a pushed pack reads back.
import { createServer, type Server } from 'node:https';
import { createHash } from 'node:crypto';
import { createPki } from '../harness/certs';
import { OciClient } from '../../provider/render/pack/oci-client';
import { configurePackRegistries } from '../../provider/render/pack';
import { ociRegistry, pushPack } from '../../provider/render/pack/registry-oci';
import { PackError } from '../../provider/render/pack/registry';

const USER = 'robot';
const PASSWORD = 'token-secret-9c1d';

describe('OCI client with bearer tokens', () => {
  let server: Server;
  let host: string;
  let ca: string;
  const requests: string[] = [];
  const tokenRequests: { scope: string | null; authorization: string | undefined }[] = [];
  const blobs = new Map<string, Buffer>();
  const manifests = new Map<string, Buffer>();

  beforeAll(async () => {
    const pki = await createPki();
    ca = pki.caCertPem;
    server = createServer({ cert: pki.servingCertPem, key: pki.servingKeyPem }, (req, res) => {
      const url = new URL(req.url!, 'https://registry');
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        requests.push(`${req.method} ${url.pathname}${url.search}`);
        if (url.pathname === '/token') {
          tokenRequests.push({ scope: url.searchParams.get('scope'), authorization: req.headers.authorization });
          if (req.headers.authorization !== `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`) return void res.writeHead(401).end();
          return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: `t-${url.searchParams.get('scope')}` }));
        }
        const scope = url.pathname.startsWith('/v2/packs/web/') ? `repository:packs/web:${req.method === 'GET' || req.method === 'HEAD' ? 'pull' : 'pull,push'}` : 'x';
        const granted = req.headers.authorization === `Bearer t-${scope}` || (scope.endsWith(':pull') && req.headers.authorization === 'Bearer t-repository:packs/web:pull,push');
        if (!granted) {
          return void res.writeHead(401, { 'www-authenticate': `Bearer realm="https://${host}/token",service="fake",scope="${scope}"` }).end();
        }
        const body = Buffer.concat(chunks);
        const path = url.pathname.slice('/v2/packs/web/'.length);
        if (path === 'tags/list') {
          const tags = [...manifests.keys()].sort();
          const last = url.searchParams.get('last');
          const page = last ? tags.filter((t) => t > last) : tags.slice(0, 1);
          const headers = !last && tags.length > 1 ? { link: `</v2/packs/web/tags/list?n=1&last=${page[0]}>; rel="next"` } : {};
          return void res.writeHead(200, headers).end(JSON.stringify({ name: 'packs/web', tags: page }));
        }
        if (path.startsWith('blobs/uploads/') && req.method === 'POST') return void res.writeHead(202, { location: '/v2/packs/web/blobs/uploads/1?state=x' }).end();
        if (path.startsWith('blobs/uploads/') && req.method === 'PUT') {
          const digest = url.searchParams.get('digest')!;
          if (digest !== `sha256:${createHash('sha256').update(body).digest('hex')}`) return void res.writeHead(400).end();
          blobs.set(digest, body);
          return void res.writeHead(201).end();
        }
        if (path.startsWith('blobs/')) {
          const blob = blobs.get(path.slice('blobs/'.length));
          return void (blob ? res.writeHead(200).end(req.method === 'HEAD' ? undefined : blob) : res.writeHead(404).end());
        }
        if (path.startsWith('manifests/')) {
          const tag = path.slice('manifests/'.length);
          if (req.method === 'PUT') {
            manifests.set(tag, body);
            return void res.writeHead(201).end();
          }
          const manifest = manifests.get(tag);
          return void (manifest ? res.writeHead(200).end(manifest) : res.writeHead(404).end());
        }
        res.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    host = `127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  afterAll(async () => {
    configurePackRegistries([]);
    await new Promise((resolve) => server.close(resolve));
  });

  test('a pushed pack reads back through tokens from the realm; a repository that does not exist has no tags', async () => {
    configurePackRegistries([{ url: `oci://${host}/packs`, username: USER, password: PASSWORD, ca_certificate: ca }]);
    const metadata = { name: 'web', version: '1.0.0', type: 'manifest' as const, description: 'Web' };
    await pushPack(`oci://${host}/packs`, metadata, Buffer.from('archive 1'));
    await pushPack(`oci://${host}/packs`, { ...metadata, version: '1.1.0+build.7' }, Buffer.from('archive 2'));
    expect([...manifests.keys()].sort()).toEqual(['1.0.0', '1.1.0_build.7']);

    const registry = ociRegistry(`oci://${host}/packs`);
    expect((await registry.versions('web'))!.sort()).toEqual(['1.0.0', '1.1.0+build.7']);
    const entry = await registry.entry('web', '1.1.0+build.7');
    expect(entry).toEqual({ path: '1.1.0_build.7', digest: `sha256:${createHash('sha256').update('archive 2').digest('hex')}`, type: 'manifest', description: 'Web' });
    expect((await registry.download('web', entry)).toString()).toBe('archive 2');
    expect(await registry.versions('nothere')).toBeUndefined();

    // Every token came from the realm with the credentials, for the scope the registry named.
    expect(tokenRequests.length).toBeGreaterThan(0);
    expect(tokenRequests.every((t) => t.authorization === `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`)).toBe(true);
    expect(new Set(tokenRequests.map((t) => t.scope))).toEqual(new Set(['repository:packs/web:pull', 'repository:packs/web:pull,push', 'x']));
    expect(requests).toContain('GET /v2/packs/web/tags/list?n=1&last=1.0.0');
  });

  test('a manifest whose layer digest is not a sha256 digest is not a pack', async () => {
    configurePackRegistries([{ url: `oci://${host}/packs`, username: USER, password: PASSWORD, ca_certificate: ca }]);
    const digest = `sha256:../../${'0'.repeat(58)}`;
    manifests.set('6.6.6', Buffer.from(JSON.stringify({
      schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', artifactType: 'application/vnd.strata.pack.v1',
      config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: `sha256:${'1'.repeat(64)}`, size: 2 },
      layers: [{ mediaType: 'application/vnd.strata.pack.layer.v1.tar+gzip', digest, size: 1 }],
      annotations: { 'dev.strata.pack.type': 'manifest' },
    })));
    try {
      const error = await ociRegistry(`oci://${host}/packs`).entry('web', '6.6.6').then(() => undefined, (err: unknown) => err);
      expect(error).toBeInstanceOf(PackError);
      expect((error as PackError).problem).toBe('invalid-pack');
      expect((error as PackError).message).toBe(`packs/web:6.6.6 in oci://${host}/packs has the layer digest ${JSON.stringify(digest)}, which is not sha256:<64 hex digits>. Publish the version again with \`npm run pack:publish\`.`);
    } finally {
      manifests.delete('6.6.6');
    }
  });

  test('without credentials the token realm refuses, and the error says to add a pack_registry block', async () => {
    const client = new OciClient(host, { url: `oci://${host}/packs`, ca_certificate: ca });
    await expect(client.tags('packs/web')).rejects.toThrow(`${host} answered 401 when asked to list the tags of packs/web: the registry wants credentials; add a pack_registry block for it with username and password`);
  });
});

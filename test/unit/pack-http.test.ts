// Where pack registry requests may go: files of an https registry stay under its URL, redirects
// and token realms never leave https, so the pack_registry credentials go nowhere else.
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:https';
import { createPki } from '../harness/certs';
import { httpRequest } from '../../provider/render/pack/http';
import { OciClient } from '../../provider/render/pack/oci-client';
import { PackError } from '../../provider/render/pack/registry';
import { registryFileUrl } from '../../provider/render/pack/registry-https';

const listen = async (server: Server | ReturnType<typeof createHttpServer>): Promise<number> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
};

describe('https pack registry files', () => {
  test('a path under the registry resolves under its URL', () => {
    expect(registryFileUrl('https://packs.example/team/packs', 'web/web-1.0.0+build.1.tgz')).toBe('https://packs.example/team/packs/web/web-1.0.0+build.1.tgz');
  });

  test.each([
    ['another origin', 'https://evil.example/web.tgz'],
    ['a network-path reference', '//evil.example/web.tgz'],
    ['an escaped ..', '%2e%2e/%2e%2e/other/web.tgz'],
    ['backslashes', '..\\..\\other\\web.tgz'],
    ['a folder above', '../other/web.tgz'],
  ])('refuses %s', (_what, path) => {
    const error = (() => {
      try {
        return registryFileUrl('https://packs.example/team/packs', path);
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(PackError);
    expect((error as PackError).problem).toBe('invalid-registry');
    expect((error as PackError).message).toBe(`the index of pack registry https://packs.example/team/packs names ${JSON.stringify(path)}, which is not a file under the registry's URL: ` +
      'the pack_registry credentials are sent only there. Publish into it again with `npm run pack:publish`, or fix index.json.');
  });
});

describe('https requests never fall back to http', () => {
  let ca: string;
  let https: Server;
  let http: ReturnType<typeof createHttpServer>;
  let httpsPort: number;
  let httpPort: number;
  const plain: string[] = [];

  beforeAll(async () => {
    const pki = await createPki();
    ca = pki.caCertPem;
    http = createHttpServer((req, res) => {
      plain.push(`${req.url} ${req.headers.authorization ?? '-'}`);
      res.writeHead(200).end('{"token":"t"}');
    });
    httpPort = await listen(http);
    https = createServer({ cert: pki.servingCertPem, key: pki.servingKeyPem }, (req, res) => {
      if (req.url === '/redirect') return void res.writeHead(302, { location: `http://127.0.0.1:${httpPort}/index.json` }).end();
      res.writeHead(401, { 'www-authenticate': `Bearer realm="http://127.0.0.1:${httpPort}/token",service="fake"` }).end();
    });
    httpsPort = await listen(https);
  });

  afterAll(async () => {
    await Promise.all([new Promise((resolve) => https.close(resolve)), new Promise((resolve) => http.close(resolve))]);
  });

  test('a redirect from https to http is refused', async () => {
    await expect(httpRequest(`https://127.0.0.1:${httpsPort}/redirect`, { ca, headers: { authorization: 'Basic c2VjcmV0' } })).rejects.toThrow(
      `https://127.0.0.1:${httpsPort}/redirect redirected to http://127.0.0.1:${httpPort}, which is not https: the redirect is not followed. Serve the registry over https only`,
    );
    expect(plain).toEqual([]);
  });

  test('an http token realm gets no credentials', async () => {
    const client = new OciClient(`127.0.0.1:${httpsPort}`, { url: `oci://127.0.0.1:${httpsPort}/packs`, username: 'robot', password: 'secret', ca_certificate: ca });
    await expect(client.tags('packs/web')).rejects.toThrow(
      `127.0.0.1:${httpsPort} names the token service http://127.0.0.1:${httpPort}, which is not https: Strata does not send the pack_registry credentials there. Configure the registry's token realm with https`,
    );
    expect(plain).toEqual([]);
  });
});

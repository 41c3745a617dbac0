// A static HTTPS file server on loopback, as any web server would serve a folder: for tests of what
// users upload (the release's network mirror). Its certificate comes from a fresh test CA, which
// the test hands to clients the way users would (SSL_CERT_FILE for tofu).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:https';
import { extname, relative, resolve, sep } from 'node:path';
import { createPki } from './certs';

export interface StaticHttpsServer {
  /** `https://127.0.0.1:<port>/` (with the trailing slash a network_mirror url wants). */
  url: string;
  /** The CA that signed the server's certificate (PEM). */
  caCertPem: string;
  /** The paths that were requested, in order. */
  requests: string[];
  /** Bodies served instead of the file at a path (relative to the folder, "/"-separated). */
  replace: Map<string, Buffer>;
  stop(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = { '.json': 'application/json', '.zip': 'application/zip' };

export async function serveFolderHttps(folder: string): Promise<StaticHttpsServer> {
  const root = resolve(folder);
  const pki = await createPki();
  const requests: string[] = [];
  const replace = new Map<string, Buffer>();
  const server = createServer({ cert: pki.servingCertPem, key: pki.servingKeyPem }, (req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'https://localhost').pathname);
      requests.push(path);
      const file = resolve(root, `.${path}`);
      const name = relative(root, file).split(sep).join('/');
      const headers = { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' };
      if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
      if (file !== root && !file.startsWith(root + sep)) return void res.writeHead(404).end();
      const replacement = replace.get(name);
      if (replacement) return void res.writeHead(200, { ...headers, 'content-length': replacement.length }).end(req.method === 'HEAD' ? undefined : replacement);
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) return void res.writeHead(404, { 'content-type': 'text/plain' }).end(`${path} not found\n`);
      res.writeHead(200, { ...headers, 'content-length': info.size });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    })().catch((err: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`${err.message}\n`));
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('static HTTPS server: no TCP address');
  let stopped = false;
  return {
    url: `https://127.0.0.1:${address.port}/`,
    caCertPem: pki.caCertPem,
    requests,
    replace,
    async stop() {
      if (stopped) return;
      stopped = true;
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    },
  };
}


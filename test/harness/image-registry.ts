// A read-only OCI registry over plain HTTP on loopback, serving one tiny image made in memory (one
// layer holding one file), for packages whose components list images: `zarf package create` pulls
// them. Enough of the distribution API for a pull: /v2/, manifests by tag or digest, blobs.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';

export interface ImageRegistry {
  /** `127.0.0.1:<port>`, the registry part of image references. */
  host: string;
  /** The paths requested, in order. */
  requests: string[];
  stop(): Promise<void>;
}

const digestOf = (data: Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

/** A tar archive holding one regular file. */
function tarOf(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100);
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${content.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  const sum = [...header].reduce((a, b) => a + b, 0);
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([header, content, padding, Buffer.alloc(1024)]);
}

/** Serves `<repository>:<tag>` (e.g. strata/tiny:1.0.0), a linux/amd64 image. */
export async function startImageRegistry(repository: string, tag: string): Promise<ImageRegistry> {
  const layerTar = tarOf('hello.txt', Buffer.from('hello from a Strata test image\n'));
  const layer = gzipSync(layerTar);
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: [digestOf(layerTar)] } }));
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: digestOf(config), size: config.length },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: digestOf(layer), size: layer.length }],
  }));
  const blobs = new Map([[digestOf(config), config], [digestOf(layer), layer]]);
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    requests.push(`${req.method} ${path}`);
    const send = (status: number, body: Buffer, type: string, digest?: string) => {
      res.writeHead(status, { 'content-type': type, 'content-length': body.length, ...(digest ? { 'docker-content-digest': digest } : {}) });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (path === '/v2/' || path === '/v2') return send(200, Buffer.from('{}'), 'application/json');
    if (path === `/v2/${repository}/manifests/${tag}` || path === `/v2/${repository}/manifests/${digestOf(manifest)}`) {
      return send(200, manifest, 'application/vnd.oci.image.manifest.v1+json', digestOf(manifest));
    }
    const blob = path.startsWith(`/v2/${repository}/blobs/`) ? blobs.get(path.slice(`/v2/${repository}/blobs/`.length)) : undefined;
    if (blob) return send(200, blob, 'application/octet-stream', path.slice(path.lastIndexOf('/') + 1));
    send(404, Buffer.from(JSON.stringify({ errors: [{ code: 'NAME_UNKNOWN', message: path }] })), 'application/json');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { host: `127.0.0.1:${port}`, requests, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

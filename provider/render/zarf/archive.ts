// A Zarf package archive (`.tar`, or `.tar.zst` as `zarf package create` writes by default), read in
// one streaming pass: every regular file is hashed as it goes by, and only the small files the
// renderer needs are kept (zarf.yaml, checksums.txt, the signature and the component tarballs).
// Images, the bulk of most packages, are hashed and dropped, never written to disk.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Decompress } from 'fzstd';
import { Parser, type ReadEntry } from 'tar';

export interface PackageArchive {
  /** The kept files' contents, by path inside the archive. */
  files: Map<string, Buffer>;
  /** The SHA-256 (hex) of every regular file, by path inside the archive. */
  digests: Map<string, string>;
}

const ZSTD_MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);

/** Whether the renderer keeps the file's content (the rest is only hashed). */
function kept(path: string): boolean {
  return path === 'zarf.yaml' || path === 'checksums.txt' || path === 'zarf.yaml.sig' || /^components\/[^/]+\.tar$/.test(path);
}

/** Paths in archives are relative; `./` prefixes (some tar writers add them) are dropped. */
const normalPath = (path: string): string => path.replace(/^(\.\/)+/, '');

/** Reads a tar stream (given chunk by chunk) into hashes and kept files. */
function tarReader(keep: (path: string) => boolean): { write(chunk: Uint8Array): void; end(): Promise<PackageArchive> } {
  const files = new Map<string, Buffer>();
  const digests = new Map<string, string>();
  let failure: Error | undefined;
  const parser = new Parser({
    strict: true,
    onReadEntry: (entry: ReadEntry) => {
      if (entry.type !== 'File' && entry.type !== 'OldFile' && entry.type !== 'ContiguousFile') {
        entry.resume();
        return;
      }
      const path = normalPath(entry.path);
      const hash = createHash('sha256');
      const chunks: Buffer[] = [];
      const keepIt = keep(path);
      entry.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        if (keepIt) chunks.push(chunk);
      });
      entry.on('end', () => {
        digests.set(path, hash.digest('hex'));
        if (keepIt) files.set(path, Buffer.concat(chunks));
      });
    },
  });
  parser.on('error', (err: Error) => (failure ??= err));
  parser.on('warn', (_code: string, message: string | Error) => (failure ??= message instanceof Error ? message : new Error(message)));
  return {
    write: (chunk) => {
      parser.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    },
    end: () =>
      new Promise((resolve, reject) => {
        parser.end(() => (failure ? reject(failure) : resolve({ files, digests })));
      }),
  };
}

/** Reads a package archive file; throws an Error whose message says what is wrong with the file. */
export async function readPackageArchive(path: string): Promise<PackageArchive> {
  const reader = tarReader(kept);
  let zstd: Decompress | undefined;
  let first = true;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    if (first) {
      first = false;
      if (chunk.subarray(0, 4).equals(ZSTD_MAGIC)) zstd = new Decompress((data) => reader.write(data));
    }
    if (zstd) zstd.push(chunk);
    else reader.write(chunk);
  }
  if (first) throw new Error('the file is empty');
  zstd?.push(new Uint8Array(0), true);
  return reader.end();
}

/** The regular files of an uncompressed tarball held in memory (a component's tarball), by path. */
export async function readTarBuffer(data: Buffer): Promise<Map<string, Buffer>> {
  const reader = tarReader(() => true);
  reader.write(data);
  return (await reader.end()).files;
}

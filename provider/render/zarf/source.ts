// Where a Zarf package file comes from: a local path (relative paths from the working directory, as
// for local charts), or an https:// URL, downloaded with Node's fetch (trusting the system's CAs
// and NODE_EXTRA_CA_CERTS) into `<cacheDir>/zarf/`. A cached download is revalidated with its ETag
// on each render, so a URL whose content changes is fetched again; its integrity is checked after
// every read anyway. oci:// references need a registry client Strata does not have yet.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { privateFolder } from '../../util/cache-dir';

/** A source that cannot be read; the message says why and what to do. */
export class SourceError extends Error {
  override name = 'SourceError';
}

/** The source without the user and password of a URL, for messages. */
export function sourceLabel(source: string): string {
  return source.replace(/^(\w+:\/\/)[^@/]*@/, '$1');
}

/** The path of the package file on this machine, downloading it first for an https:// source. */
export async function packageFile(source: string, options: { cacheDir: string; workDir?: string; signal?: AbortSignal }): Promise<string> {
  if (source.startsWith('oci://')) {
    throw new SourceError('oci:// Zarf packages are not supported by this Strata version yet. Pull the package to a file first (`zarf package pull oci://...`) and give its path or an https:// URL.');
  }
  if (/^https:\/\//.test(source)) return shared(source, options.cacheDir, options.signal);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) throw new SourceError(`${sourceLabel(source).split('://')[0]}:// is not a supported package source. Give a local path or an https:// URL.`);
  const path = isAbsolute(source) ? source : resolve(options.workDir ?? process.cwd(), source);
  try {
    if (!(await stat(path)).isFile()) throw new SourceError(`${path} is not a file. Give the path of the package archive (zarf-package-<name>-<arch>[-<version>].tar.zst) that \`zarf package create\` wrote.`);
  } catch (err) {
    if (err instanceof SourceError) throw err;
    throw new SourceError(`the package file ${path} does not exist. Fix the path (relative paths are read from the directory tofu runs in), or build the package with \`zarf package create\`.`);
  }
  return path;
}

/** Where a download of `url` is kept in the cache. */
function cachedFile(url: string, cacheDir: string): string {
  const key = createHash('sha256').update(url).digest('hex').slice(0, 32);
  return join(privateFolder(join(cacheDir, 'zarf')), `${key}.tar`);
}

// Layers render concurrently: renders of one URL share one download rather than race on its file.
const inFlight = new Map<string, Promise<string>>();

function shared(url: string, cacheDir: string, signal?: AbortSignal): Promise<string> {
  const file = cachedFile(url, cacheDir);
  let pending = inFlight.get(file);
  if (!pending) {
    pending = download(url, file, signal).finally(() => inFlight.delete(file));
    inFlight.set(file, pending);
  }
  return pending;
}

/** Drops the cached download of an https:// source (and its ETag), so the next render downloads it again. */
export async function forgetDownload(source: string, cacheDir: string): Promise<void> {
  if (!/^https:\/\//.test(source)) return;
  const file = cachedFile(source, cacheDir);
  await rm(`${file}.etag`, { force: true });
  await rm(file, { force: true });
}

async function download(url: string, file: string, signal?: AbortSignal): Promise<string> {
  const etagFile = `${file}.etag`;
  const etag = await readFile(etagFile, 'utf8').catch(() => undefined);
  const cached = etag !== undefined && (await stat(file).then(() => true, () => false));
  let response: Response;
  try {
    response = await fetch(url, { headers: cached ? { 'if-none-match': etag } : {}, ...(signal ? { signal } : {}) });
  } catch (err) {
    const cause = (err as { cause?: Error }).cause?.message ?? (err as Error).message;
    throw new SourceError(`cannot download ${sourceLabel(url)} (${cause}). Check the URL and the network; for a private CA, add it to NODE_EXTRA_CA_CERTS.`);
  }
  if (cached && response.status === 304) return file;
  if (!response.ok || !response.body) throw new SourceError(`downloading ${sourceLabel(url)} answered HTTP ${response.status}. Check the URL.`);
  // A name of its own (another process may download the same URL); the ETag goes only once the file
  // it names is complete, so an interrupted download is never revalidated as if it were whole.
  const partial = `${file}.${randomBytes(8).toString('hex')}.part`;
  try {
    await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), createWriteStream(partial, { mode: 0o600 }));
    await rm(etagFile, { force: true });
    await rename(partial, file);
  } finally {
    await rm(partial, { force: true });
  }
  const newTag = response.headers.get('etag');
  if (newTag) await writeFile(etagFile, newTag, { mode: 0o600 });
  return file;
}

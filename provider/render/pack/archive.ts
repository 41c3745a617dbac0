// Pack archives: a gzipped tar of the pack folder (pack.yaml at its root), written the same way
// every time (sorted entries, no owners, times zeroed) so that one folder has one digest in every
// registry; and unpacked into the render cache, regular files and folders only.
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import * as tar from 'tar';
import { sha256 } from '../../profile/digest';

/** Every file and folder under `root`, relative, sorted, folders before what they hold. */
async function entries(root: string, dir = root): Promise<string[]> {
  const found: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(relative(root, path), ...(await entries(root, path)));
    else if (entry.isFile()) found.push(relative(root, path));
    else throw new Error(`${path} is neither a file nor a folder; a pack holds only files and folders`);
  }
  return found;
}

/** The archive of a pack folder, in `work` (a folder the caller removes). */
export async function packFolder(folder: string, work: string): Promise<Buffer> {
  const file = join(work, 'pack.tgz');
  await tar.c({ file, cwd: folder, gzip: { level: 9 }, portable: true, mtime: new Date(0), noDirRecurse: true }, await entries(folder));
  return readFile(file);
}

/**
 * The folder the archive unpacks to, under `<cacheDir>/packs/<hex>`: unpacked once per digest
 * (into a temporary folder, then renamed into place, so readers never see half a pack).
 */
export async function unpackCached(archive: Buffer, cacheDir: string): Promise<string> {
  const folder = join(cacheDir, 'packs', sha256(archive).slice('sha256:'.length));
  try {
    await stat(join(folder, 'pack.yaml'));
    return folder;
  } catch {
    // not unpacked yet
  }
  const work = await mkdtemp(join(cacheDir, 'tmp', 'pack-'));
  try {
    const file = join(work, 'pack.tgz');
    await writeFile(file, archive);
    const into = join(work, 'pack');
    await mkdir(into);
    await tar.x({ file, cwd: into, strict: true, filter: (_path, entry) => 'type' in entry && (entry.type === 'File' || entry.type === 'Directory') });
    try {
      await rename(into, folder);
    } catch (err) {
      // Another render unpacked the same digest first: theirs is the same content.
      if (!['EEXIST', 'ENOTEMPTY'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
    }
    return folder;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

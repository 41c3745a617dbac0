// Publishing a pack folder into a registry: a directory (index.json and archives, which is also
// the layout to upload to an https registry) or an OCI registry. A published version is never
// replaced by other content.
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packFolder } from './archive';
import { sha256 } from '../../profile/digest';
import { emptyIndex, INDEX_FILE, PACK_FILE, parsePackIndex, parsePackMetadata, type PackIndex, type PackMetadata } from './format';
import { directoryOf } from './registry-dir';
import { ociRegistry, pushPack } from './registry-oci';

export interface Published {
  metadata: PackMetadata;
  digest: string;
  /** Where the archive went: a file, or an OCI reference. */
  location: string;
}

export async function publishPack(folder: string, registry: string, workDir = process.cwd()): Promise<Published> {
  const metadata = parsePackMetadata(await readFile(join(folder, PACK_FILE), 'utf8'));
  const work = await mkdtemp(join(tmpdir(), 'strata-pack-'));
  try {
    const archive = await packFolder(folder, work);
    const digest = sha256(archive);
    if (/^oci:\/\//i.test(registry)) return { metadata, digest, location: await publishOci(registry, metadata, archive, digest) };
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(registry) && !/^file:\/\//i.test(registry)) {
      throw new Error(`${registry}: publish into a directory (then upload it to the https server as it is) or an oci:// registry`);
    }
    return { metadata, digest, location: await publishDirectory(directoryOf(registry, workDir), metadata, archive, digest) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function publishDirectory(root: string, metadata: PackMetadata, archive: Buffer, digest: string): Promise<string> {
  let index: PackIndex;
  try {
    index = parsePackIndex(await readFile(join(root, INDEX_FILE), 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    index = emptyIndex();
  }
  const { name, version } = metadata;
  const existing = index.packs[name]?.versions[version];
  if (existing && existing.digest !== digest) throw new Error(`${name} ${version} is already published with other content (${existing.digest}); publish a new version`);
  const path = `${name}/${name}-${version}.tgz`;
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), archive);
  const pack = (index.packs[name] ??= { versions: {} });
  pack.versions[version] = { path, digest, type: metadata.type, ...(metadata.description ? { description: metadata.description } : {}) };
  // Replaced whole, so that a reader never sees half an index.
  await writeFile(join(root, `${INDEX_FILE}.tmp`), `${JSON.stringify(index, null, 2)}\n`);
  await rename(join(root, `${INDEX_FILE}.tmp`), join(root, INDEX_FILE));
  return join(root, path);
}

async function publishOci(url: string, metadata: PackMetadata, archive: Buffer, digest: string): Promise<string> {
  const registry = ociRegistry(url);
  const versions = await registry.versions(metadata.name);
  if (versions?.includes(metadata.version)) {
    const existing = await registry.entry(metadata.name, metadata.version);
    if (existing.digest !== digest) throw new Error(`${metadata.name} ${metadata.version} is already published with other content (${existing.digest}); publish a new version`);
  }
  await pushPack(url, metadata, archive);
  return `${url.replace(/\/+$/, '')}/${metadata.name}:${metadata.version.replace(/\+/g, '_')}`;
}

// Registries laid out as index.json plus archives (directory and https): the index says which
// versions exist, where each archive is and its digest.
import { INDEX_FILE, parsePackIndex, type PackIndex, type PackVersionEntry } from './format';
import { checkDigest } from './digest';
import { PackError, type PackRegistry } from './registry';

/** Reads a file of the registry by its path relative to the index; a PackError when it cannot. */
export type ReadFile = (path: string) => Promise<Buffer>;

export function indexedRegistry(url: string, read: ReadFile): PackRegistry {
  let index: Promise<PackIndex> | undefined;
  const load = (): Promise<PackIndex> => {
    index ??= read(INDEX_FILE).then((bytes) => {
      try {
        return parsePackIndex(bytes.toString('utf8'));
      } catch (err) {
        throw new PackError('invalid-registry', `the index of pack registry ${url} is not valid: ${(err as Error).message}. Publish into it again with \`npm run pack:publish\`, or fix ${INDEX_FILE}.`, { cause: err });
      }
    });
    return index;
  };
  return {
    url,
    async packs() {
      return Object.keys((await load()).packs).sort();
    },
    async versions(name) {
      const { packs } = await load();
      return Object.hasOwn(packs, name) ? Object.keys(packs[name]!.versions) : undefined;
    },
    async entry(name, version) {
      const { packs } = await load();
      const entry = Object.hasOwn(packs, name) && Object.hasOwn(packs[name]!.versions, version) ? packs[name]!.versions[version] : undefined;
      if (!entry) throw new PackError('unknown-pack', `pack registry ${url} has no version ${version} of pack ${JSON.stringify(name)}.`);
      return entry;
    },
    async download(name, entry: PackVersionEntry) {
      return checkDigest(await read(entry.path), entry.digest, `the archive ${entry.path} of pack ${JSON.stringify(name)} in ${url}`);
    },
  };
}

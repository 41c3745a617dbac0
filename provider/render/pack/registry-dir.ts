// A pack registry in a directory: `<dir>/index.json` and the archives it names.
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PackError, type PackRegistry } from './registry';
import { indexedRegistry } from './registry-indexed';

/** `file:///abs/dir`, `/abs/dir` or a path relative to `workDir`. */
export function directoryOf(url: string, workDir: string): string {
  if (url.startsWith('file://')) return fileURLToPath(url);
  return isAbsolute(url) ? url : resolve(workDir, url);
}

export function directoryRegistry(url: string, workDir: string): PackRegistry {
  const root = directoryOf(url, workDir);
  return indexedRegistry(url, async (path) => {
    try {
      return await readFile(resolve(root, path));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new PackError('unreachable', `cannot read ${path} of pack registry ${url} (${resolve(root, path)}: ${code ?? (err as Error).message}). ` +
        'Check the registry path (a directory holding index.json; a relative path is read from the directory tofu runs in), or publish into it with `npm run pack:publish`.', { cause: err });
    }
  });
}

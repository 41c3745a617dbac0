// The file the go-shim runs. It loads the provider's bundles (beside it) through V8's code cache,
// kept under ~/.cache/strata/v8 (STRATA_CACHE_DIR): parsing and compiling them is a large part of
// the time Terraform waits for each provider process it starts. A missing or stale cache only
// costs that time once.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { privateFolder, strataCacheDir } from './util/cache-dir';

/** The code cache folder, or undefined (no cache) when others could write it: V8 would run what it holds. */
function codeCacheDir(): string | undefined {
  try {
    return privateFolder(join(strataCacheDir(), 'v8'));
  } catch {
    // Not private (a CacheDirError), or a read-only home: no cache, only slower start-ups.
    return undefined;
  }
}
const cacheDir = codeCacheDir();

/** Keyed by path, size and time: V8 only checks the length of the source it cached. */
function cacheFileFor(dir: string, file: string): string {
  const { size, mtimeMs } = statSync(file);
  return join(dir, `${createHash('sha256').update(`${file}\0${size}\0${mtimeMs}`).digest('hex').slice(0, 16)}.cache`);
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Written a moment after loading, so the cache also holds the functions start-up compiled. */
function saveLater(script: Script, file: string): void {
  setTimeout(() => {
    try {
      writeFileSync(`${file}.${process.pid}`, script.createCachedData(), { mode: 0o600 });
      renameSync(`${file}.${process.pid}`, file);
    } catch {
      // A read-only home only means no cache.
    }
  }, 1000).unref();
}

// Node's own loader hooks, as v8-compile-cache uses them: Node 20 has no public compile cache.
type Loader = (module: Module, filename: string) => void;
const internals = Module as unknown as { _extensions: Record<string, Loader>; _resolveFilename(id: string, parent: Module): string };
const extensions = internals._extensions;
const plainJs = extensions['.js'];

extensions['.js'] = (module, filename) => {
  if (dirname(filename) !== __dirname || cacheDir === undefined) return plainJs(module, filename);
  const cacheFile = cacheFileFor(cacheDir, filename);
  const cached = readCache(cacheFile);
  const script = new Script(Module.wrap(readFileSync(filename, 'utf8')), { filename, cachedData: cached });
  const localRequire = Object.assign((id: string) => module.require(id), { resolve: (id: string) => internals._resolveFilename(id, module) });
  script.runInThisContext().call(module.exports, module.exports, localRequire, module, filename, dirname(filename));
  if (!cached || script.cachedDataRejected) saveLater(script, cacheFile);
};

require('./provider-main.js');

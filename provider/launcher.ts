// The file the go-shim runs. It compiles the provider bundle with V8's code cache, kept under
// ~/.cache/strata/v8 (STRATA_CACHE_DIR), because parsing and compiling the bundle is a large part
// of the time Terraform waits for the handshake. A missing or stale cache only costs that time.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

const bundle = join(__dirname, 'provider-main.js');
const cacheRoot = process.env.STRATA_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'strata');
const cacheFile = join(cacheRoot, 'v8', `${createHash('sha256').update(bundle).digest('hex').slice(0, 16)}.cache`);

function readCache(): Buffer | undefined {
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

const cached = readCache();
const script = new Script(Module.wrap(readFileSync(bundle, 'utf8')), { filename: bundle, cachedData: cached });
const main = new Module(bundle, module);
main.filename = bundle;
main.paths = [];
script.runInThisContext().call(main.exports, main.exports, main.require.bind(main), main, bundle, dirname(bundle));

// Written after start-up has settled, so the cache also holds the functions start-up compiled.
if (!cached || script.cachedDataRejected) {
  setTimeout(() => {
    try {
      mkdirSync(dirname(cacheFile), { recursive: true });
      writeFileSync(`${cacheFile}.${process.pid}`, script.createCachedData());
      renameSync(`${cacheFile}.${process.pid}`, cacheFile);
    } catch {
      // A read-only home only means no cache.
    }
  }, 1000).unref();
}

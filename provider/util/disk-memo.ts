// A memo on disk for pure, expensive functions of large inputs. Terraform starts a new provider
// process for each phase of one command (validate, plan, apply), and each would otherwise redo the
// same work on the same profile text. Keys include the code's identity, so a new provider version
// never reads an old answer; any error just means computing again.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { strataCacheDir } from './cache-dir';

let codeIdentity: string | undefined;

function identity(): string {
  if (codeIdentity === undefined) {
    const stat = statSync(__filename);
    codeIdentity = `${__filename}:${stat.size}:${stat.mtimeMs}`;
  }
  return codeIdentity;
}

/** JSON that gives back exactly the value: no undefined, functions or non-finite numbers inside. */
function faithfulJson(value: unknown): string | undefined {
  let faithful = true;
  const text = JSON.stringify(value, (_key, v) => {
    if (v === undefined || typeof v === 'function' || (typeof v === 'number' && !Number.isFinite(v))) faithful = false;
    return v;
  });
  return faithful ? text : undefined;
}

/**
 * `keep` decides whether a value may be stored: values holding Secret data must not be. Files are
 * private to the user (0600 in 0700 folders), like Helm's own cache.
 */
export function diskMemo<T>(namespace: string, input: string, compute: () => T, keep: (value: T) => boolean = () => true): T {
  let file: string | undefined;
  try {
    const key = createHash('sha256').update(identity()).update('\0').update(input).digest('hex');
    file = join(strataCacheDir(), 'memo', namespace, key.slice(0, 2), `${key}.json`);
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    // Not there yet (or unreadable): compute.
  }
  const value = compute();
  const text = file && keep(value) ? faithfulJson(value) : undefined;
  if (file && text !== undefined) {
    try {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(`${file}.${process.pid}`, text, { mode: 0o600 });
      renameSync(`${file}.${process.pid}`, file);
    } catch {
      // A read-only cache only costs the computation next time.
    }
  }
  return value;
}

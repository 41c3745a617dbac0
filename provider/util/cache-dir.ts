// Where Strata keeps what it builds and caches on this machine: $STRATA_CACHE_DIR, else
// $XDG_CACHE_HOME/strata, else ~/.cache/strata (the same rule as scripts/tools.sh). Strata trusts
// what it reads back from there (pulled charts, memoised parses), so a folder that another user can
// write is refused.
import { mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

export function strataCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.STRATA_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'strata');
}

/** The cache folder may not be trusted; the message names the folder and how to fix it. */
export class CacheDirError extends Error {
  override name = 'CacheDirError';
}

// Folders found private once in this process.
const trusted = new Set<string>();

function refuse(folder: string, problem: string, fix: string): CacheDirError {
  return new CacheDirError(
    `Strata's cache folder is not private: ${folder} ${problem}, so another user could change the charts and data Strata reads from it. ` +
    `${fix}, or set STRATA_CACHE_DIR to a folder that only you can write.`);
}

function check(folder: string, uid: number): void {
  const { mode, uid: owner } = statSync(folder);
  if (owner !== uid) throw refuse(folder, `is owned by user ${owner}, not by you (user ${uid})`, `Run \`chown -R ${uid} ${folder}\` as that user or root`);
  if ((mode & 0o022) !== 0) {
    const writers = [(mode & 0o020) !== 0 && 'its group', (mode & 0o002) !== 0 && 'others'].filter(Boolean).join(' and ');
    throw refuse(folder, `can be written by ${writers} (mode ${(mode & 0o7777).toString(8)})`, `Run \`chmod go-w ${folder}\``);
  }
}

/** Checks `folder`, first creating it private (0700) when it does not exist. */
function ensure(folder: string, uid: number | undefined): void {
  try {
    if (uid !== undefined) return check(folder, uid);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    if (uid !== undefined) check(folder, uid);
  }
}

/**
 * `folder`, once it and every folder from the cache folder down to it (only itself when it is
 * outside the cache folder) are owned by this user and not writable by group or others; else a
 * CacheDirError that says how to fix it. Missing folders are created private (0700), each only
 * after the one holding it passed. (No check where there are no Unix users, on Windows.)
 */
export function privateFolder(folder: string, env: NodeJS.ProcessEnv = process.env): string {
  const target = resolve(folder);
  if (trusted.has(target)) return target;
  const uid = process.getuid?.();
  const root = resolve(strataCacheDir(env));
  const below = relative(root, target);
  const inside = below === '' || (!below.startsWith('..') && !isAbsolute(below));
  let dir = inside ? root : target;
  ensure(dir, uid);
  for (const step of inside ? below.split(sep).filter(Boolean) : []) ensure((dir = join(dir, step)), uid);
  trusted.add(target);
  return target;
}

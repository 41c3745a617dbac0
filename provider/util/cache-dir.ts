// Where Strata keeps what it builds and caches on this machine: $STRATA_CACHE_DIR, else
// $XDG_CACHE_HOME/strata, else ~/.cache/strata (the same rule as scripts/tools.sh).
import { homedir } from 'node:os';
import { join } from 'node:path';

export function strataCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.STRATA_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'strata');
}

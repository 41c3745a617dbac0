// Provider-wide settings from the provider block (and their environment fallbacks).
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface ProviderSettings { helmPath: string; cacheDir: string }

export function defaultSettings(env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  const cacheRoot = env.STRATA_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'strata');
  return { helmPath: env.STRATA_HELM_PATH || 'helm', cacheDir: join(cacheRoot, 'charts') };
}

export const settings: ProviderSettings = defaultSettings();

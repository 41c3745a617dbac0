// Provider-wide settings from the provider block (and their environment fallbacks).
import { join } from 'node:path';
import { strataCacheDir } from './util/cache-dir';

export interface ProviderSettings { helmPath: string; cacheDir: string }

export function defaultSettings(env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  return { helmPath: env.STRATA_HELM_PATH || 'helm', cacheDir: join(strataCacheDir(env), 'charts') };
}

export const settings: ProviderSettings = defaultSettings();

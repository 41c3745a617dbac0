// Provider-wide settings from the provider block (and their environment fallbacks).
import { join } from 'node:path';
import type { CtyValue } from './protocol/cty';
import { strataCacheDir } from './util/cache-dir';

export interface ProviderSettings {
  /** `helm_path`, else STRATA_HELM_PATH: a helm binary to render with; empty: the bundled renderer. */
  helmPath: string;
  cacheDir: string;
  /**
   * The provider block's `kubernetes` connection: the default of every cluster that sets none.
   * Terraform hands it over at every plan, apply, refresh, import and destroy, and never stores it.
   * Undefined when the provider block sets none; it may hold unknown values during a plan.
   */
  kubernetes?: Record<string, CtyValue>;
}

export function defaultSettings(env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  return { helmPath: env.STRATA_HELM_PATH || '', cacheDir: join(strataCacheDir(env), 'charts') };
}

export const settings: ProviderSettings = defaultSettings();

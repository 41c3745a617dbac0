// strata_packs: the adapter between Terraform values and a pack registry's listing.
import semver from 'semver';
import type { DataSourceType, ReadContext } from '../framework/data-source';
import type { ModelOf } from '../framework/schema';
import { DiagnosticError } from '../protocol/diagnostics';
import { newestFirst, openRegistry, PackError } from '../render/pack';
import { PROBLEM_SUMMARIES } from '../render/pack/registry';
import { packsSchema } from './packs-schema';

type Packs = ModelOf<typeof packsSchema>;

async function read({ config, signal }: ReadContext<Packs>): Promise<Packs> {
  const registryUrl = config.registry!;
  try {
    const registry = openRegistry(registryUrl, process.cwd(), signal);
    const packs = await Promise.all((await registry.packs()).map(async (name) => {
      const versions = newestFirst((await registry.versions(name)) ?? []);
      const latest = versions.find((v) => semver.prerelease(v) === null) ?? versions[0];
      const entry = latest === undefined ? undefined : await registry.entry(name, latest);
      return { name, description: entry?.description ?? null, type: entry?.type ?? null, versions: [...versions].reverse(), latest: latest ?? null };
    }));
    return { ...config, packs };
  } catch (error) {
    if (error instanceof PackError) throw new DiagnosticError(PROBLEM_SUMMARIES[error.problem], error.message, ['registry']);
    throw error;
  }
}

export const packsDataSource: DataSourceType<Packs> = {
  typeName: 'strata_packs',
  schema: packsSchema,
  read,
};

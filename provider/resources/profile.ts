// strata_profile: the identity of a profile plus its working ("in place") layers. Changing the
// layers updates it in place and bumps `revision`; no earlier copy is kept (use
// strata_profile_version for snapshots). State-only, like strata_profile_version.
import { Unknown, isWhollyKnown, type CtyValue } from '../protocol/cty';
import type { Diagnostics } from '../protocol/diagnostics';
import { buildDocument, contentDigest, dnsLabel, snapshotJson, validateContent } from '../profile';
import type { ModelOf, ResourceSchema } from '../framework/schema';
import { number, string, stringMap } from '../framework/schema';
import type { PlanContext, ResourceType } from '../framework/resource';
import { computedProfileAttributes, layerBlock, variableBlock } from './layer-schema';
import { upgradeProfileState } from './profile-state-upgrade';
import { contentFromBlocks, layerToBlock, readExportedDocument, reportIssues, variableToBlock } from './profile-content';

const schema = {
  version: 1,
  description: 'A cluster profile: an ordered stack of layers that can change in place. Every content change bumps `revision`; ' +
    'clusters whose `profile` is this resource\'s `snapshot` follow it. For immutable snapshots use `strata_profile_version`.',
  import: '`tofu import strata_profile.NAME <name>` adopts the profile and takes its layers from the next apply, ' +
    'or `tofu import strata_profile.NAME ./path/to/export.json` rebuilds it from an exported profile document.',
  attributes: {
    id: string({ computed: true, description: 'The profile name.' }),
    name: string({ required: true, requiresReplace: true, description: 'Name of the profile; a DNS label. Changing it creates a new profile.' }),
    description: string({ optional: true, description: 'What the profile is for.' }),
    labels: stringMap({ optional: true, description: 'Labels for finding and grouping profiles.' }),
    revision: number({ computed: true, description: 'Starts at 1 and grows by one with every change of the layers or variables.' }),
    ...computedProfileAttributes,
  },
  blocks: { layer: layerBlock, variable: variableBlock },
} satisfies ResourceSchema;

type Profile = ModelOf<typeof schema>;
type Obj = Record<string, CtyValue>;

const metadataPaths = { name: 'name' };

function metadataOf(values: Obj, revision?: number) {
  return {
    name: values.name as string,
    ...(revision !== undefined ? { revision } : {}),
    ...(values.description !== null && values.description !== undefined ? { description: values.description as string } : {}),
    ...(values.labels !== null && values.labels !== undefined ? { labels: values.labels as Record<string, string> } : {}),
  };
}

function check(config: Obj, diagnostics: Diagnostics): void {
  const layers = config.layer;
  if (Array.isArray(layers) && layers.length === 0) {
    diagnostics.error('Missing profile content', 'A profile needs at least one `layer` block.', ['layer']);
    return;
  }
  if (!isWhollyKnown(config.layer ?? null) || !isWhollyKnown(config.variable ?? null) || !isWhollyKnown(config.name ?? null) || !isWhollyKnown(config.labels ?? null)) return;
  reportIssues(validateContent(contentFromBlocks(config), metadataOf(config)), diagnostics, metadataPaths);
}

function finish(values: Obj, revision: number): Profile {
  const content = contentFromBlocks(values);
  return {
    ...values,
    id: values.name,
    revision,
    digest: contentDigest(content),
    snapshot: snapshotJson(buildDocument(metadataOf(values, revision), content)),
  } as unknown as Profile;
}

export const profileResource: ResourceType<Profile> = {
  typeName: 'strata_profile',
  schema,

  validate(config, diagnostics) {
    check(config, diagnostics);
  },

  plan(context: PlanContext<Profile>) {
    const { planned, prior, diagnostics } = context;
    check(context.config, diagnostics);
    if (diagnostics.hasErrors) return;
    if (!isWhollyKnown(planned.layer ?? null) || !isWhollyKnown(planned.variable ?? null) || !isWhollyKnown(planned.name ?? null) || !isWhollyKnown(planned.labels ?? null)
      || !isWhollyKnown(planned.description ?? null)) {
      for (const name of ['digest', 'snapshot', 'revision']) planned[name] = new Unknown();
      return;
    }
    const digest = contentDigest(contentFromBlocks(planned));
    const revision = !prior || prior.revision === null ? 1 : prior.digest === digest ? prior.revision : prior.revision + 1;
    Object.assign(planned, finish(planned, revision));
  },

  async create({ planned }) {
    return { state: finish(planned as unknown as Obj, 1) };
  },

  async update({ prior, planned }) {
    const digest = contentDigest(contentFromBlocks(planned as unknown as Obj));
    const revision = prior.revision === null ? 1 : prior.digest === digest ? prior.revision : prior.revision + 1;
    return { state: finish(planned as unknown as Obj, revision) };
  },

  async delete() {
    // Nothing outside Terraform state to remove.
  },

  async read({ current }) {
    return { state: current };
  },

  async importState({ id, diagnostics }) {
    if (id.endsWith('.json')) {
      const document = readExportedDocument(id, 'a profile name', diagnostics);
      if (!document) return null;
      const { metadata, layers } = document;
      const values = {
        name: metadata.name, description: metadata.description ?? null, labels: metadata.labels ?? null,
        layer: layers.map(layerToBlock), variable: (document.variables ?? []).map(variableToBlock),
      } as Obj;
      return finish(values, metadata.revision ?? 1);
    }
    if (dnsLabel(id)) {
      diagnostics.error('Invalid import ID', `"${id}" is neither a profile name (a DNS label such as "web") nor a path to an exported .json document.`);
      return null;
    }
    return { id, name: id, description: null, labels: null, layer: [], variable: [], revision: null, digest: null, snapshot: null } as Profile;
  },

  upgradeState: upgradeProfileState('strata_profile'),
};

// strata_profile_version: an immutable snapshot of a profile's layers. State-only: it lives in
// Terraform state, and clusters consume it through its `snapshot`.
import { valid as validSemver } from 'semver';
import { Unknown, isWhollyKnown, type CtyValue } from '../protocol/cty';
import type { Diagnostics } from '../protocol/diagnostics';
import { buildDocument, contentDigest, exportJson, snapshotJson, validateContent } from '../profile';
import type { ModelOf, ResourceSchema } from '../framework/schema';
import { string } from '../framework/schema';
import type { ApplyContext, PlanContext, ResourceType } from '../framework/resource';
import { computedProfileAttributes, layerBlock, variableBlock } from './layer-schema';
import { upgradeProfileState } from './profile-state-upgrade';
import { contentOf, layerToBlock, readExportedDocument, reportIssues, variableToBlock } from './profile-content';

const schema = {
  version: 1,
  description: 'An immutable snapshot of a profile: an ordered stack of layers under a semantic version. ' +
    'Any change of its content plans a replacement. Pin a cluster to it through `snapshot`; re-pinning an earlier version is the rollback.',
  import: '`tofu import strata_profile_version.NAME <profile>@<version>` adopts the version and takes its content from the next apply, ' +
    'or `tofu import strata_profile_version.NAME ./path/to/export.json` rebuilds it whole from a document saved from `export_json`.',
  attributes: {
    id: string({ computed: true, description: '`<profile_id>@<version>`.' }),
    profile_id: string({ required: true, requiresReplace: true, description: 'The profile this is a version of (a `strata_profile` id).' }),
    version: string({ required: true, requiresReplace: true, description: 'Semantic version of this snapshot, e.g. `1.4.0`.' }),
    document: string({ optional: true, sensitive: true, description: 'A profile document to import, as `export_json` writes it (`file("web-1.4.0.json")`). Set this or `layer` blocks, not both.' }),
    ...computedProfileAttributes,
    export_json: string({ computed: true, sensitive: true, description: 'The version as a JSON document that `document` accepts again, byte for byte the same. Sensitive, like `snapshot`.' }),
  },
  blocks: { layer: layerBlock, variable: variableBlock },
} satisfies ResourceSchema;

type ProfileVersion = ModelOf<typeof schema>;
type Obj = Record<string, CtyValue>;

function metadataOf(values: Obj) {
  return { name: values.profile_id as string, version: values.version as string };
}

function checkConfig(config: Obj, diagnostics: Diagnostics): void {
  const hasDocument = config.document !== null && config.document !== undefined;
  const layers = config.layer;
  const hasLayers = Array.isArray(layers) ? layers.length > 0 : layers instanceof Unknown;
  if (hasDocument && hasLayers) {
    diagnostics.error('Conflicting profile content', 'Set either `document` or `layer` blocks, not both: remove the `layer` blocks to import the document, or remove `document`.', ['document']);
    return;
  }
  const variables = config.variable;
  if (hasDocument && (Array.isArray(variables) ? variables.length > 0 : variables instanceof Unknown)) {
    diagnostics.error('Conflicting profile content', 'An imported `document` declares its own variables: remove the `variable` blocks, or the `document`.', ['variable']);
    return;
  }
  if (!hasDocument && !hasLayers) {
    diagnostics.error('Missing profile content', 'A profile version needs content: add at least one `layer` block, or set `document` to an exported profile document.', ['layer']);
    return;
  }
  const source = contentOf(config, diagnostics);
  if (source.kind !== 'known' || !isWhollyKnown(config.profile_id ?? null) || !isWhollyKnown(config.version ?? null)) return;
  const meta = metadataOf(config);
  if (source.document) {
    const { name, version } = source.document.metadata;
    if (name !== meta.name) diagnostics.error('Document is for another profile', `The document belongs to profile "${name}", but profile_id is "${meta.name}". Set profile_id = "${name}" or import the right document.`, ['document']);
    if (version !== undefined && version !== meta.version) diagnostics.error('Document is for another version', `The document is version "${version}", but version is "${meta.version}". Set version = "${version}" or import the right document.`, ['document']);
  }
  reportIssues(validateContent(source.content, meta), diagnostics, { name: 'profile_id', version: 'version' });
}

/** Computed attributes for content that is known; unknown otherwise. */
function computed(values: Obj): Pick<ProfileVersion, 'digest' | 'snapshot' | 'export_json' | 'id'> | null {
  const source = contentOf(values);
  if (source.kind !== 'known' || !isWhollyKnown(values.profile_id ?? null) || !isWhollyKnown(values.version ?? null)) return null;
  const doc = buildDocument(metadataOf(values), source.content);
  return { id: `${values.profile_id}@${values.version}`, digest: contentDigest(source.content), snapshot: snapshotJson(doc), export_json: exportJson(doc) };
}

function stateFromDocument(path: string, diagnostics: Diagnostics): ProfileVersion | null {
  const document = readExportedDocument(path, 'an id <profile>@<version>', diagnostics);
  if (!document) return null;
  const { metadata, layers } = document;
  if (!metadata.version) {
    diagnostics.error('Document has no version', `"${path}" holds a profile without metadata.version; import a document exported from a strata_profile_version.`);
    return null;
  }
  const base = {
    profile_id: metadata.name, version: metadata.version, document: null, layer: layers.map(layerToBlock), variable: (document.variables ?? []).map(variableToBlock),
  } as Obj;
  return { ...base, ...computed(base)! } as unknown as ProfileVersion;
}

export const profileVersionResource: ResourceType<ProfileVersion> = {
  typeName: 'strata_profile_version',
  schema,

  validate(config, diagnostics) {
    checkConfig(config, diagnostics);
  },

  plan(context: PlanContext<ProfileVersion>) {
    const { planned, prior, diagnostics } = context;
    checkConfig(context.config, diagnostics);
    if (diagnostics.hasErrors) return;
    const values = computed(planned);
    const contentPath = planned.document !== null ? ['document'] : ['layer'];
    if (!values) {
      for (const name of ['id', 'digest', 'snapshot', 'export_json']) planned[name] = new Unknown();
      if (prior) context.requiresReplace.push(contentPath);
      return;
    }
    Object.assign(planned, values);
    // Versions are immutable: new content is a new object. A version imported by id alone has no
    // digest yet and adopts its content in place, as does the same content written another way.
    if (prior && prior.digest !== null && prior.digest !== values.digest) context.requiresReplace.push(contentPath);
  },

  async create({ planned }: ApplyContext<ProfileVersion>) {
    return { state: { ...planned, ...computed(planned as unknown as Obj) } as ProfileVersion };
  },

  async update({ planned }) {
    return { state: { ...planned, ...computed(planned as unknown as Obj) } as ProfileVersion };
  },

  async delete() {
    // Nothing outside Terraform state to remove.
  },

  async read({ current }) {
    return { state: current };
  },

  async importState({ id, diagnostics }) {
    if (id.endsWith('.json')) return stateFromDocument(id, diagnostics);
    const match = /^([^@]+)@(.+)$/.exec(id);
    if (!match || !validSemver(match[2])) {
      diagnostics.error('Invalid import ID', `"${id}" is neither <profile>@<version> (for example web@1.4.0) nor a path to an exported .json document.`);
      return null;
    }
    return { id, profile_id: match[1], version: match[2], document: null, layer: [], variable: [], digest: null, snapshot: null, export_json: null } as ProfileVersion;
  },

  upgradeState: upgradeProfileState('strata_profile_version'),
};

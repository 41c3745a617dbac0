// Semantic checks: the rules a JSON Schema cannot state (unique names, exactly one source
// named in the message, versions and repositories Helm accepts, YAML inside strings).
import { diskMemo } from '../util/disk-memo';
import semver from 'semver';
import { canonicalJson, isJsonObject, normalize } from './canonical';
import { dnsLabelProblem } from './dns-label';
import { formatPath, listWords, mergeIssues } from './issues';
import { LAYER_TYPES } from './model';
import type { ProfileContent, ProfileIssue, ProfileMetadata } from './model';
import { schemaIssues } from './schema';
import { declarationIssues, placeholderIssues, withStandIns } from './variables';
import { manifestIssues, valuesIssues } from './yaml-checks';

type Path = ProfileIssue['path'];

/**
 * Every issue of content (and, when given, metadata) built outside a document, e.g. from
 * Terraform: the schema's rules for layers and metadata, then the semantic checks, so that
 * configured layers and imported documents are held to the same rules. Unset (undefined or
 * null) optional fields are treated as absent.
 */
export function validateContent(content: ProfileContent, meta?: ProfileMetadata): ProfileIssue[] {
  const layers = normalize(content.layers);
  const metadata = meta === undefined ? undefined : normalize(meta);
  const variables = content.variables === undefined ? undefined : normalize(content.variables);
  const structural = [
    ...schemaIssues('layers', layers, ['layers']),
    ...(metadata === undefined ? [] : schemaIssues('metadata', metadata, ['metadata'])),
    ...(variables === undefined ? [] : schemaIssues('variables', variables, ['variables'])),
  ];
  return mergeIssues(structural, semanticIssues(layers, metadata, variables));
}

/**
 * The semantic checks alone, on data that may not have passed the schema: anything of the
 * wrong shape is skipped here because the schema reports it.
 */
export function semanticIssues(layers: unknown, metadata: unknown, variables?: unknown): ProfileIssue[] {
  // Parsing every manifest is the costly part, and each Terraform phase runs in a new process
  // that checks the same content again (as layer blocks, then as the snapshot a cluster reads).
  return diskMemo('semantic-issues', canonicalJson({ layers, metadata, variables }), () => computeSemanticIssues(layers, metadata, variables));
}

function computeSemanticIssues(layers: unknown, metadata: unknown, variables: unknown): ProfileIssue[] {
  const issues: ProfileIssue[] = [];
  if (isJsonObject(metadata)) issues.push(...metadataIssues(metadata));
  issues.push(...declarationIssues(variables));
  if (Array.isArray(layers)) {
    const firstUse = new Map<string, number>();
    layers.forEach((layer, index) => {
      if (isJsonObject(layer)) issues.push(...layerIssues(layer, index, firstUse, variables));
    });
  }
  issues.push(...placeholderIssues(layers, variables));
  return issues;
}

function metadataIssues(metadata: Record<string, unknown>): ProfileIssue[] {
  const issues: ProfileIssue[] = [];
  if (typeof metadata.version === 'string') {
    const problem = exactVersionProblem(metadata.version);
    if (problem) issues.push({ path: ['metadata', 'version'], summary: 'Invalid version', detail: problem });
  }
  const revision = metadata.revision;
  if (typeof revision === 'number' && !(Number.isInteger(revision) && revision >= 1)) {
    issues.push({
      path: ['metadata', 'revision'],
      summary: 'Invalid revision',
      detail: `Revision ${revision} is not a positive integer. Use a whole number of 1 or more.`,
    });
  }
  return issues;
}

function layerIssues(layer: Record<string, unknown>, index: number, firstUse: Map<string, number>, variables: unknown): ProfileIssue[] {
  const issues: ProfileIssue[] = [];
  const at: Path = ['layers', index];
  const name = typeof layer.name === 'string' ? layer.name : undefined;
  const label = name ? `Layer ${JSON.stringify(name)}` : `The layer at ${formatPath(at)}`;

  if (name !== undefined) {
    const problem = dnsLabelProblem(name, `Layer name ${JSON.stringify(name)}`);
    if (problem) issues.push({ path: [...at, 'name'], summary: 'Invalid layer name', detail: problem });
    const earlier = firstUse.get(name);
    if (earlier === undefined) {
      firstUse.set(name, index);
    } else {
      issues.push({
        path: [...at, 'name'],
        summary: 'Duplicate layer name',
        detail: `Layer name ${JSON.stringify(name)} is already used by ${formatPath(['layers', earlier])}. Give every layer a unique name.`,
      });
    }
  }

  const sources = LAYER_TYPES.filter((type) => layer[type] != null);
  if (sources.length === 0) {
    issues.push({ path: at, summary: 'Layer has no source', detail: `${label} has no source. Add exactly one of: ${LAYER_TYPES.join(', ')}.` });
  } else if (sources.length > 1) {
    issues.push({
      path: at,
      summary: 'Layer has more than one source',
      detail: `${label} has ${listWords(sources)} sources. Keep exactly one of them and move the others to layers of their own.`,
    });
  }

  const { manifest, helm, zarf, pack } = layer;
  if (isJsonObject(manifest) && typeof manifest.content === 'string') {
    issues.push(...manifestIssues(withStandIns(manifest.content, variables), [...at, 'manifest', 'content'], label));
  }
  if (isJsonObject(helm)) {
    if (typeof helm.version === 'string' && helm.version !== '' && !isHelmVersion(helm.version)) {
      issues.push({
        path: [...at, 'helm', 'version'],
        summary: 'Invalid chart version',
        detail:
          `${JSON.stringify(helm.version)} is neither a chart version nor a version range Helm accepts. ` +
          'Use an exact version such as "1.2.3" or a range such as "^1.2.0", "~1.2" or ">=1.2.0 <2.0.0"; leave version out for the newest chart.',
      });
    }
    if (typeof helm.repository === 'string' && !isChartRepository(helm.repository)) {
      issues.push({
        path: [...at, 'helm', 'repository'],
        summary: 'Invalid chart repository',
        detail:
          `${JSON.stringify(helm.repository)} is not a chart repository URL helm can use: write https://, http:// or oci:// and a host, ` +
          'e.g. "https://charts.jetstack.io" or "oci://ghcr.io/org/charts". For a chart on disk, leave repository out and set chart to its path.',
      });
    }
    if (helm.create_namespace === true && (typeof helm.namespace !== 'string' || helm.namespace === '')) {
      issues.push({
        path: [...at, 'helm', 'create_namespace'],
        summary: 'Release namespace not set',
        detail: 'create_namespace creates the release namespace, and helm.namespace is not set (the "default" namespace always exists): set helm.namespace, or remove create_namespace.',
      });
    }
    if (typeof helm.values === 'string') issues.push(...valuesIssues(withStandIns(helm.values, variables), [...at, 'helm', 'values']));
  }
  if (isJsonObject(zarf) && typeof zarf.source === 'string' && hasUserInfo(zarf.source)) {
    issues.push({
      path: [...at, 'zarf', 'source'],
      summary: 'Credentials in a URL',
      detail: 'zarf.source has a user or password in its URL, which would show in plans, state and messages. Remove it: Strata downloads packages without credentials; ' +
        'download a package that needs them yourself and give its path.',
    });
  }
  if (isJsonObject(pack)) {
    if (typeof pack.registry === 'string' && hasUserInfo(pack.registry)) {
      issues.push({
        path: [...at, 'pack', 'registry'],
        summary: 'Credentials in a URL',
        detail: 'pack.registry has a user or password in its URL, which would show in plans, state and messages. Remove it, and give the credentials in a pack_registry block ' +
          'of the provider for this URL (username and password).',
      });
    }
    if (typeof pack.version === 'string' && !isHelmVersion(pack.version)) {
      issues.push({
        path: [...at, 'pack', 'version'],
        summary: 'Invalid pack version',
        detail: `${JSON.stringify(pack.version)} is neither a pack version nor a version range. Use an exact version such as "1.2.3" or a range such as "^1.2.0", "~1.2" or ">=1.2.0 <2.0.0".`,
      });
    }
    if (typeof pack.values === 'string') issues.push(...valuesIssues(withStandIns(pack.values, variables), [...at, 'pack', 'values']));
  }
  return issues;
}

/** A URL with userinfo (`scheme://user:password@host`): credentials that would be kept with the layer. */
function hasUserInfo(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(source);
}

/** Exact semantic versions only, as written on semver.org: no leading "v", no range, no spaces. */
function exactVersionProblem(version: string): string | undefined {
  if (semver.parse(version) !== null && version === version.trim() && !version.startsWith('v')) return undefined;
  if (/^v/i.test(version) && semver.parse(version.slice(1)) !== null) {
    return `Version ${JSON.stringify(version)} has a leading "${version[0]}". Write it as ${JSON.stringify(version.slice(1))}.`;
  }
  const coerced = semver.coerce(version)?.version;
  return (
    `${JSON.stringify(version)} is not an exact semantic version (MAJOR.MINOR.PATCH, optionally with -prerelease and +build). ` +
    `Write an exact version such as ${JSON.stringify(coerced ?? '1.4.0')}.`
  );
}

/**
 * The schemes helm has getters for (it has none for file://), lower case as Strata tells OCI
 * repositories apart; helm plugins could add others, but Strata runs helm without the user's plugins.
 */
function isChartRepository(url: string): boolean {
  return /^(https?|oci):\/\/[^/?#\s]/.test(url);
}

/**
 * What `helm --version` accepts: an exact version or a semver constraint. Helm's constraints
 * (Masterminds semver) may join AND-ed comparators with commas, which node-semver writes with spaces.
 */
function isHelmVersion(version: string): boolean {
  return semver.validRange(version.replace(/,/g, ' ')) !== null;
}

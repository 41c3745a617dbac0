// strata_cluster: the adapter between Terraform values and the reconcile engine.
import { Unknown, isWhollyKnown, type CtyValue } from '../protocol/cty';
import { DiagnosticError, Diagnostics } from '../protocol/diagnostics';
import { ConnectionConfigError, KubeApiError, KubeClient, KubeConnectionError, kubeconfigPaths, type ConnectionConfig } from '../kube';
import { dnsLabel, parseDocument, type Layer, type ProfileDocument } from '../profile';
import { appliedDigestWithSources, RenderError, rendersChart, type RenderedLayer } from '../render';
import { pinPackVersions } from '../render/pack';
import { describeChange, planLines, type ObjectChange } from '../reconcile/changes';
import { describeDrift, detectDrift } from '../reconcile/drift';
import { reconcile, teardown, type ReconcileOptions } from '../reconcile/engine';
import { packPayload, payloadOf, planMove, teardownHooks, unpackPayload, type MoveOptions } from '../reconcile/plan';
import { readRecord, SYSTEM_NAMESPACE, recordName, type ClusterRecord, type InventoryLayer } from '../reconcile/record';
import type { ModelOf } from '../framework/schema';
import type { IgnoreRule } from '../reconcile/ignore-fields';
import type { PlanContext, ResourceType } from '../framework/resource';
import { settings } from '../settings';
import { orphanWarning } from './cluster-override-messages';
import { clusterSchema, type HistoryStatus, type LayerStatus } from './cluster-schema';
import { clusterContent, requireClusterContent } from './cluster-variables';
import { upgradeClusterState } from './cluster-state-upgrade';

type Cluster = ModelOf<typeof clusterSchema>;
type Obj = Record<string, CtyValue>;

const COMPUTED = ['id', 'applied_version', 'applied_digest', 'layers', 'history', 'changes', 'drift'] as const;

export function parseTimeout(text: string): number | undefined {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text.trim());
  if (!match || text.trim() === '') return undefined;
  const [, h = '0', m = '0', s = '0'] = match;
  return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000;
}

function options(values: Obj): ReconcileOptions & MoveOptions {
  return {
    wait: values.wait !== false,
    timeoutMs: parseTimeout((values.timeout as string | null) ?? '5m') ?? 300_000,
    prune: values.prune !== false,
    forceConflicts: values.force_conflicts === true,
    adoptExisting: values.adopt_existing === true,
    recreateOnImmutable: values.recreate_on_immutable === true,
    deleteCrdsWithResources: values.delete_crds_with_resources === true,
  };
}

function ignoreRules(values: Obj): IgnoreRule[] {
  const rules = (values.ignore_fields ?? []) as { api_version: string | null; kind: string; name: string | null; namespace: string | null; paths: string[] }[];
  return rules.map((r) => ({ kind: r.kind, paths: r.paths, ...(r.api_version ? { apiVersion: r.api_version } : {}), ...(r.name ? { name: r.name } : {}), ...(r.namespace ? { namespace: r.namespace } : {}) }));
}

/** The cluster's own connection, else the provider block's; null when neither is set. */
function connectionOf(kubernetes: CtyValue | undefined): CtyValue {
  return kubernetes ?? settings.kubernetes ?? null;
}

export function connect(kubernetes: CtyValue | undefined): KubeClient {
  // With neither, the kubeconfigs KUBECONFIG lists, as kubectl reads them.
  const connection = connectionOf(kubernetes) ?? (kubeconfigPaths().length > 0 ? {} : null);
  if (connection === null) {
    throw new DiagnosticError('No cluster connection',
      'Set `kubernetes` in the provider block (the default connection of every cluster, never stored in state) or on this cluster, or KUBECONFIG in the environment.', ['kubernetes']);
  }
  try {
    return KubeClient.connect(connection as ConnectionConfig, { userAgent: 'strata' });
  } catch (error) {
    // tofu points at an attribute, not inside an object's value: the path is kubernetes, the detail names the field.
    const where = kubernetes ? 'kubernetes' : 'the provider block\'s kubernetes';
    if (error instanceof ConnectionConfigError) throw new DiagnosticError('Invalid cluster connection', `${where}.${error.attribute}: ${error.message}`, ['kubernetes']);
    throw error;
  }
}

const CLUSTER_NEEDS = `Strata needs to read and write its record and lock in namespace ${SYSTEM_NAMESPACE} and the objects of the profile`;

/**
 * Turns the errors users can act on into diagnostics that name where to look; `needs` says what the
 * credentials must allow, for a refused request.
 */
export function asDiagnostic(error: unknown, needs = CLUSTER_NEEDS): unknown {
  if (error instanceof KubeConnectionError) return new DiagnosticError('Cannot reach the Kubernetes API server', error.message, ['kubernetes']);
  if (error instanceof RenderError) return new DiagnosticError(error.summary ?? 'Cannot render the profile', error.message, ['profile']);
  if (error instanceof KubeApiError) {
    return new DiagnosticError('Kubernetes API request failed', `${error.message}\n\n${needs}; check the permissions of the credentials in \`kubernetes\`.`);
  }
  return error;
}

/** What rendering left out of each layer (a Zarf package's images and actions), as warnings on `profile`. */
export function warnOfLayers(layers: RenderedLayer[], diagnostics: Diagnostics): void {
  for (const layer of layers) {
    for (const { summary, detail } of layer.warnings ?? []) diagnostics.warning(`${summary} (layer "${layer.name}")`, `Layer "${layer.name}": ${detail}`, ['profile']);
  }
}

function versionLabel(document: ProfileDocument): string {
  return document.metadata.version ?? `revision ${document.metadata.revision ?? 1}`;
}

/** The layers the cluster ran according to state (its variable values in place), for the delete hooks of layers that leave. */
function priorLayers(prior: Cluster | null, current?: { profile: CtyValue; variables: CtyValue; layers: Layer[] }): Layer[] {
  if (typeof prior?.profile !== 'string') return [];
  // Most plans keep the profile and its values: its layers are then the ones just substituted.
  if (current && prior.profile === current.profile && JSON.stringify(prior.variables ?? null) === JSON.stringify(current.variables ?? null)) return current.layers;
  const parsed = parseDocument(prior.profile);
  if (!parsed.document) return [];
  return clusterContent(parsed.document, prior.variables, prior.name ?? '', new Diagnostics())?.layers ?? parsed.document.layers;
}

export function parseProfile(text: string): ProfileDocument {
  const parsed = parseDocument(text);
  if (!parsed.document) {
    const first = parsed.issues[0];
    throw new DiagnosticError('Invalid profile', `profile must be the snapshot of a strata_profile_version or strata_profile. ${first ? `${first.summary}: ${first.detail}` : ''}`, ['profile']);
  }
  return parsed.document;
}

const layerStatus = (layers: (InventoryLayer | RenderedLayer)[]): LayerStatus[] =>
  layers.map((l) => ({ name: l.name, type: l.type, digest: l.digest, object_count: l.objects.length }));

const historyStatus = (record: ClusterRecord): HistoryStatus[] =>
  record.history.map(({ version, digest, time, outcome }) => ({ version, digest, time, outcome }));

/** An override apply changes layers in the record, not in this state: the record's word counts for those. */
function withOverrideApplies(layers: LayerStatus[], inventory: InventoryLayer[]): LayerStatus[] {
  const recorded = new Map(inventory.map((l) => [l.name, l]));
  return layers.map((layer) => {
    const entry = recorded.get(layer.name);
    return entry && entry.digest !== '' && entry.digest !== layer.digest ? layerStatus([entry])[0]! : layer;
  });
}

/** How the record's history moved on from the one in `prior` (read at refresh), if it did. */
function movedSinceRead(prior: Cluster, record: ClusterRecord): string | undefined {
  if (!Array.isArray(prior.history)) return undefined;
  const seen = prior.history.at(-1);
  const now = record.history.at(-1);
  if (seen?.time === now?.time && seen?.digest === now?.digest) return undefined;
  return now ? `shows a move to ${now.version} at ${now.time} (${now.outcome})` : 'lost its history';
}

function sameLayers(a: LayerStatus[] | null, b: LayerStatus[]): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b);
}

function summary(cluster: string, changes: ObjectChange[]): string {
  return `Cluster "${cluster}" will change ${changes.length} object(s):\n${planLines(changes).join('\n')}`;
}

async function plan(context: PlanContext<Cluster>): Promise<void> {
  const { planned, prior, config, diagnostics, signal } = context;
  if (!isWhollyKnown(config.profile ?? null) || !isWhollyKnown(config.variables ?? null) || !isWhollyKnown(connectionOf(config.kubernetes)) || !isWhollyKnown(config.name ?? null)) {
    for (const name of COMPUTED) planned[name] = new Unknown();
    planned.id = prior ? prior.id as CtyValue : new Unknown();
    return;
  }
  const document = parseProfile(config.profile as string);
  const content = clusterContent(document, config.variables, planned.name as string, diagnostics);
  if (!content) return;
  const client = connect(config.kubernetes);
  const move = await planMove(client, {
    cluster: planned.name as string, layers: content.layers, driftLabels: (prior?.drift ?? []) as string[], options: options(planned), creating: prior === null,
    helmPath: settings.helmPath, cacheDir: settings.cacheDir, signal, priorLayers: priorLayers(prior, { profile: config.profile, variables: config.variables ?? null, layers: content.layers }), ignoreFields: ignoreRules(planned),
  });
  for (const warning of move.warnings) diagnostics.warning('Delete hooks will not run', warning, ['profile']);
  warnOfLayers(move.layers, diagnostics);
  for (const orphan of move.orphans) diagnostics.warning(...orphanWarning(planned.name as string, orphan));
  if (prior && !move.record) {
    diagnostics.error('In-cluster record is missing',
      `Cluster "${planned.name}" has no record (${SYSTEM_NAMESPACE}/${recordName(planned.name as string)}) although Terraform state says Strata applied ${prior.applied_version ?? 'a profile'} to it. ` +
      'Someone removed it, or this is a rebuilt cluster. Strata will not recreate it silently: to start over on this cluster run `tofu state rm` for this resource and apply again.', ['name']);
    return;
  }
  if (!prior && move.record?.applied) {
    diagnostics.error('Cluster is already managed by Strata',
      `Cluster "${planned.name}" already has an in-cluster record (version ${move.record.applied.version}); another Terraform state manages it, or it was removed from this one. Import it instead: tofu import <address> ${planned.name} (or ${planned.name}@<kubeconfig path> for a connection of its own)`, ['name']);
    return;
  }
  const moved = prior && move.record ? movedSinceRead(prior, move.record) : undefined;
  if (moved) {
    // A saved plan's apply plans once more from the state read when the plan was made; reporting
    // the move here keeps the CLI from rejecting the changed plan as a provider bug.
    diagnostics.error('Cluster moved since Terraform read it',
      `The in-cluster record of cluster "${planned.name}" ${moved}, after this run read it, so the plan made then no longer describes the cluster. Nothing was changed. ` +
      'Run plan again (with refresh, the default) and review the new plan; with a saved plan, make a new one with `tofu plan -out`.', ['name']);
    return;
  }
  if (move.problems.length > 0) {
    for (const problem of move.problems) diagnostics.error(problem.summary, problem.detail, ['profile']);
    return;
  }
  const digest = appliedDigestWithSources(content.digest, move.layers);
  const layers = layerStatus(move.layers);
  // Helm, Zarf and helm-type pack layers show field paths only: a chart may render other values when tofu plans again to apply.
  const chartLayers = new Set(move.layers.filter(rendersChart).map((l) => l.name));
  const changes = planLines(move.changes, (layer) => !chartLayers.has(layer));
  const upToDate = prior !== null && changes.length === 0 && prior.applied_digest === digest && sameLayers(prior.layers, layers) && (prior.drift ?? []).length === 0;
  if (upToDate) {
    for (const name of COMPUTED) planned[name] = prior[name] as CtyValue;
    return;
  }
  // Terraform plans once more during apply and rejects any known value that changed. A chart may
  // render differently each time (randAlphaNum, genCA), so their layer digests are left to apply.
  const plannedLayers = layers.map((layer) => (chartLayers.has(layer.name) ? { ...layer, digest: new Unknown() } : layer));
  Object.assign(planned, {
    // Known after the first apply, as ids are: what refers to the id (an override) waits for the cluster to exist.
    id: prior ? planned.name : new Unknown(), applied_version: versionLabel(document), applied_digest: digest, layers: plannedLayers, changes, drift: [], history: new Unknown(),
  });
  if (changes.length > 0) diagnostics.warning(`Strata plan for cluster "${planned.name}"`, summary(planned.name as string, move.changes));
  const letGo = move.changes.filter((c) => c.action === 'keep' || c.action === 'forget');
  if (letGo.length > 0) {
    diagnostics.warning(`Strata leaves ${letGo.length} object(s) in place`,
      `These objects leave the profile of cluster "${planned.name}" but will not be deleted; Strata drops them from its record:\n${letGo.map(describeChange).join('\n')}`, ['profile']);
  }
  context.plannedPrivate = packPayload(payloadOf(move));
}

async function applyMove(context: { prior: Cluster | null; planned: Cluster; plannedPrivate: Buffer; diagnostics: Diagnostics; signal: AbortSignal }) {
  const { prior, planned, diagnostics, signal } = context;
  // A plan that moves the cluster leaves history unknown; a wholly known plan only updates state
  // (new profile text with the same content, other options), and the cluster is left alone.
  if (prior && isWhollyKnown(planned as unknown as Obj)) return { state: planned };
  const document = parseProfile(planned.profile!);
  const content = requireClusterContent(document, planned.variables, planned.name!);
  const client = connect(planned.kubernetes);
  let payload = unpackPayload(context.plannedPrivate);
  if (!payload) {
    // Planned without this provider's private data (an older plan): render again, now.
    const move = await planMove(client, {
      cluster: planned.name!, layers: content.layers, driftLabels: prior?.drift ?? [], options: options(planned as Obj), creating: prior === null,
      helmPath: settings.helmPath, cacheDir: settings.cacheDir, signal, priorLayers: priorLayers(prior, { profile: planned.profile, variables: planned.variables, layers: content.layers }), ignoreFields: ignoreRules(planned as Obj),
    });
    if (move.problems.length > 0) throw new DiagnosticError(move.problems[0]!.summary, move.problems[0]!.detail, ['profile']);
    payload = payloadOf(move);
  }
  const outcome = await reconcile(client, {
    ...payload, cluster: planned.name!, version: versionLabel(document), digest: appliedDigestWithSources(content.digest, payload.layers), variables: content.variables,
    options: options(planned as Obj), expectedGeneration: payload.generation, creating: prior === null, signal,
    // The definitions hold the layers as this cluster runs them (its variable values in place, its pack versions pinned): an override re-renders from them.
    ...(payload.overrides && { definitions: { layers: pinPackVersions(content.layers, payload.layers), overrides: payload.overrides, settings: { options: options(planned as Obj), ignoreFields: ignoreRules(planned as Obj) } } }),
  });
  const record = outcome.record;
  const state: Cluster = {
    ...planned,
    id: planned.name,
    history: historyStatus(record),
    drift: [],
    layers: layerStatus(outcome.error ? record.inventory : payload.layers),
    applied_version: record.applied?.version ?? null,
    applied_digest: record.applied?.digest ?? null,
    changes: planned.changes ?? [],
  };
  if (outcome.error) diagnostics.error(outcome.error.summary, outcome.error.detail);
  if (outcome.warnings.length > 0) diagnostics.warning('Objects left in place', outcome.warnings.join('\n'));
  return { state };
}

function parseImportId(id: string): { name: string; configPath: string | null; context: string | null } | undefined {
  const match = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)(?:@([^#]+))?(?:#(.+))?$/.exec(id);
  if (!match) return undefined;
  // A name alone goes through the provider block's connection, else the kubeconfigs KUBECONFIG lists.
  return { name: match[1]!, configPath: match[3] ?? null, context: match[4] ?? null };
}

async function read({ current, diagnostics }: { current: Cluster; diagnostics: Diagnostics }) {
  const client = connect(current.kubernetes);
  const stored = await readRecord(client, current.name!);
  if (!stored) {
    diagnostics.warning('In-cluster record is missing', `Cluster "${current.name}" has no record ${SYSTEM_NAMESPACE}/${recordName(current.name!)}; Strata reports it instead of recreating anything. The next plan explains what to do.`);
    return { state: { ...current, changes: [], drift: [`v1 ConfigMap ${SYSTEM_NAMESPACE}/${recordName(current.name!)}: deleted outside Strata`] } };
  }
  const drift = (await detectDrift(client, current.name!, stored.record.inventory)).map(describeDrift);
  return {
    state: {
      ...current,
      // The last apply's lines: kept, the next plan would list them as removed above its own.
      changes: [],
      drift,
      history: historyStatus(stored.record),
      // The state's layers are what the last apply from here put there; only when the cluster was
      // moved from elsewhere (another applied digest) is the record the better description.
      layers: current.layers !== null && stored.record.applied?.digest === current.applied_digest ? withOverrideApplies(current.layers, stored.record.inventory) : layerStatus(stored.record.inventory),
      applied_version: stored.record.applied?.version ?? null,
      applied_digest: stored.record.applied?.digest ?? null,
    },
  };
}

async function importState({ id, diagnostics }: { id: string; diagnostics: Diagnostics }): Promise<Cluster | null> {
  const parsed = parseImportId(id);
  if (!parsed) {
    diagnostics.error('Invalid import ID', `"${id}" is not <name>[@<kubeconfig path>][#<context>]: e.g. edge-1 (through the provider block's kubernetes connection) or edge-1@/home/me/.kube/config#edge-1.`);
    return null;
  }
  const kubernetes = parsed.configPath === null && parsed.context === null ? null
    : { host: null, cluster_ca_certificate: null, token: null, client_certificate: null, client_key: null, insecure: null, config_path: parsed.configPath, config_context: parsed.context, config_content: null };
  const client = connect(kubernetes);
  const stored = await readRecord(client, parsed.name);
  if (!stored) {
    diagnostics.error('Nothing to import', `Cluster at ${client.host} has no Strata record named ${SYSTEM_NAMESPACE}/${recordName(parsed.name)}. Check the name, or create the resource with apply instead.`);
    return null;
  }
  const record = stored.record;
  return {
    id: parsed.name, name: parsed.name, kubernetes, profile: null, variables: null, wait: true, timeout: '5m', prune: true, force_conflicts: false,
    adopt_existing: false, recreate_on_immutable: false, delete_crds_with_resources: false, ignore_fields: null,
    applied_version: record.applied?.version ?? null, applied_digest: record.applied?.digest ?? null,
    layers: layerStatus(record.inventory as InventoryLayer[]), history: historyStatus(record), changes: [], drift: [],
  } as Cluster;
}

/** Wraps an operation so that the errors users can act on reach them as diagnostics (see asDiagnostic). */
export function userFacing<A, R>(operation: (argument: A) => Promise<R>): (argument: A) => Promise<R> {
  return async (argument) => {
    try {
      return await operation(argument);
    } catch (error) {
      throw asDiagnostic(error);
    }
  };
}

export const clusterResource: ResourceType<Cluster> = {
  typeName: 'strata_cluster',
  schema: clusterSchema,
  // The name names the record, so it is the object's identity; the connection is not part of it.
  identity: {
    version: 0,
    attributes: { name: { requiredForImport: true, description: 'The cluster name, as in `strata_cluster.name`; reached through the provider block\'s connection.' } },
    of: (state) => ({ name: state.name ?? null }),
    importId: (identity) => identity.name ?? '',
  },

  validate(config, diagnostics) {
    // The name is the value of the label that marks the cluster's objects, so a label value's rules hold.
    const nameProblem = typeof config.name === 'string' ? dnsLabel(config.name) : undefined;
    if (nameProblem) diagnostics.error('Invalid cluster name', nameProblem, ['name']);
    const timeout = config.timeout;
    if (typeof timeout === 'string' && parseTimeout(timeout) === undefined) {
      diagnostics.error('Invalid timeout', `"${timeout}" is not a duration; write it like 90s, 5m or 1h30m.`, ['timeout']);
    }
    if (typeof config.profile === 'string') {
      try {
        parseProfile(config.profile);
      } catch (error) {
        if (!(error instanceof DiagnosticError)) throw error;
        diagnostics.error(error.summary, error.detail, error.path);
      }
    }
  },

  plan: userFacing(plan),
  create: userFacing(applyMove),
  update: userFacing(applyMove),
  delete: userFacing(async ({ prior, diagnostics, signal }: { prior: Cluster; diagnostics: Diagnostics; signal: AbortSignal }) => {
    const client = connect(prior.kubernetes);
    const hookWarnings: string[] = [];
    const hooks = await teardownHooks(client, priorLayers(prior), { helmPath: settings.helmPath, cacheDir: settings.cacheDir, signal }, hookWarnings);
    for (const warning of hookWarnings) diagnostics.warning('Delete hooks will not run', warning);
    const { recorded, warnings } = await teardown(client, prior.name!, hooks, options(prior as unknown as Obj), signal);
    // The record is the only list of what Strata applied; without it nothing was deleted by guess.
    if (!recorded) {
      diagnostics.warning('In-cluster record is missing',
        `Cluster "${prior.name}" has no record ${SYSTEM_NAMESPACE}/${recordName(prior.name!)}, the list of what Strata applied, so destroy deleted none of its objects. ` +
        `They carry the label strata.dev/cluster=${prior.name}: find them with \`kubectl get all,configmaps,secrets -A -l strata.dev/cluster=${prior.name}\` and delete what should go.`);
    }
    if (warnings.length > 0) diagnostics.warning('Objects left in place', warnings.join('\n'));
  }),
  read: userFacing(read),
  importState: userFacing(importState),
  upgradeState: upgradeClusterState,
};

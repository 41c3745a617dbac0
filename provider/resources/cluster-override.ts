// strata_cluster_override: the adapter between Terraform values and the reconcile engine for an
// override. It renders the profile the cluster runs (from the record's definitions) with the
// cluster's overrides, this one added, changed or removed, and reconciles through the same engine as
// strata_cluster; the record then lists the override, and the cluster's own plans render with it.
import { hostname, userInfo } from 'node:os';
import { Unknown, isWhollyKnown, type CtyValue } from '../protocol/cty';
import { DiagnosticError, type Diagnostics } from '../protocol/diagnostics';
import type { KubeClient } from '../kube';
import type { ModelOf } from '../framework/schema';
import type { PlanContext, ResourceType } from '../framework/resource';
import { describeChange } from '../reconcile/changes';
import { reconcile } from '../reconcile/engine';
import { keyOf, labelOf, refOf } from '../reconcile/inventory';
import { describeOverride, overrideDigest, sortOverrides, targetKey, labelOfTarget, type OverrideContent, type OverrideEntry, type OverridePath } from '../reconcile/overrides';
import { packPayload, payloadOf, planMove, unpackPayload, type PlanPayload } from '../reconcile/plan';
import { readRecord, SYSTEM_NAMESPACE, recordName, type ClusterRecord, type StoredRecord } from '../reconcile/record';
import { readDefinitions, type Definitions } from '../reconcile/record-definitions';
import { settings } from '../settings';
import { connect, userFacing } from './cluster';
import { orphanWarning } from './cluster-override-messages';
import { clusterOverrideSchema } from './cluster-override-schema';

type Override = ModelOf<typeof clusterOverrideSchema>;
type PatchBlock = Override['patch'][number];

const COMPUTED = ['id', 'digest', 'orphaned', 'orphan_reason', 'objects', 'changes'] as const;

const idOf = (o: { cluster_id: string | null; layer: string | null; name: string | null }) => `${o.cluster_id}/${o.layer}/${o.name}`;

const same = (a: { name: string; layer: string }, b: { name: string | null; layer: string | null }) => a.name === b.name && a.layer === b.layer;

function contentOf(o: Override): OverrideContent {
  const patches = (o.patch ?? []).map((p: PatchBlock) => ({
    target: { apiVersion: p.target!.api_version!, kind: p.target!.kind!, name: p.target!.name!, ...(p.target!.namespace ? { namespace: p.target!.namespace } : {}) },
    ...(p.merge_patch !== null ? { mergePatch: p.merge_patch } : {}),
    ...(p.json_patch !== null ? { jsonPatch: p.json_patch } : {}),
  }));
  return { name: o.name!, layer: o.layer!, ...(o.values !== null ? { values: o.values } : {}), patches };
}

/** Problems of this override point at its own attributes; those of the cluster's other overrides at cluster_id. */
const pathsFor = (content: OverrideContent): OverridePath => (name, path) => (name === content.name ? path : ['cluster_id']);

/**
 * The cluster's record (read now, unless the caller just read it) and definitions; a DiagnosticError
 * on cluster_id when the cluster was never applied.
 */
async function load(client: KubeClient, cluster: string, known?: StoredRecord | null): Promise<{ stored: StoredRecord & { record: ClusterRecord & { applied: NonNullable<ClusterRecord['applied']> } }; definitions: Definitions }> {
  const stored = known === undefined ? await readRecord(client, cluster) : known;
  if (!stored?.record.applied) {
    throw new DiagnosticError('Cluster not found',
      `Cluster "${cluster}" has no in-cluster record with an applied profile (${SYSTEM_NAMESPACE}/${recordName(cluster)}) at ${client.host}. ` +
      'An override changes a layer of a cluster Strata manages: check cluster_id and the connection, and apply the strata_cluster first.', ['cluster_id']);
  }
  return { stored: stored as never, definitions: await readDefinitions(client, stored.record) };
}

async function planOverrides(client: KubeClient, cluster: string, definitions: Definitions, overrides: OverrideContent[], content: OverrideContent, signal?: AbortSignal) {
  const move = await planMove(client, {
    cluster, layers: definitions.layers, driftLabels: [], options: definitions.settings.options, creating: false,
    helmPath: settings.helmPath, cacheDir: settings.cacheDir, signal, ignoreFields: definitions.settings.ignoreFields,
    overrides, overridePath: pathsFor(content),
  });
  if (move.problems.length > 0) throw new DiagnosticError(move.problems[0]!.summary, move.problems[0]!.detail, ['cluster_id']);
  return move;
}

function summary(override: OverrideContent, cluster: string, changes: string[]): string {
  const shown = changes.slice(0, 50);
  return `${describeOverride(override)} changes ${changes.length} object(s) of cluster "${cluster}":\n${shown.join('\n')}${changes.length > shown.length ? `\n... and ${changes.length - shown.length} more (see the changes attribute)` : ''}`;
}

async function plan(context: PlanContext<Override>): Promise<void> {
  const { planned, prior, config, diagnostics, signal } = context;
  const inputs = ['cluster_id', 'name', 'layer', 'values', 'patch'].map((name) => config[name] ?? null);
  if (!inputs.every(isWhollyKnown) || !isWhollyKnown(config.kubernetes ?? settings.kubernetes ?? null)) {
    for (const name of COMPUTED) planned[name] = new Unknown();
    return;
  }
  const model = planned as unknown as Override;
  const cluster = model.cluster_id!;
  const content = contentOf(model);
  const client = connect(config.kubernetes);
  const { definitions } = await load(client, cluster);
  const overrides = [...definitions.overrides.filter((o) => !same(o, model)), content];
  const move = await planOverrides(client, cluster, definitions, overrides, content, signal);
  const orphans = move.orphans.filter((o) => same(o, model));
  for (const orphan of orphans) {
    const [summaryText, detail] = orphanWarning(cluster, orphan);
    diagnostics.warning(summaryText, detail, ['layer']);
  }
  const layer = move.layers.find((l) => l.name === content.layer);
  const carried = layer ? layer.objects.filter((o) => layer.overriddenBy?.get(keyOf(o))?.includes(content.name)) : [];
  const changes = move.changes.map(describeChange);
  const computed = {
    id: idOf(model), digest: overrideDigest(content), orphaned: orphans.length > 0, orphan_reason: orphans.map((o) => o.reason).join('; '),
    objects: carried.map((o) => labelOf(refOf(o))), changes,
  };
  // Unchanged: keep what state says (objects and changes as of the last apply), so that a plan after apply is empty.
  if (prior && prior.digest === computed.digest && prior.orphaned === computed.orphaned && changes.length === 0) {
    for (const name of COMPUTED) planned[name] = prior[name] as CtyValue;
    return;
  }
  Object.assign(planned, computed);
  if (changes.length > 0) diagnostics.warning(`Strata plan for override "${content.name}" of cluster "${cluster}"`, summary(content, cluster, changes));
  context.plannedPrivate = packPayload(payloadOf(move));
}

/**
 * One tofu run applies several overrides of a cluster in parallel, through this one provider process:
 * they take turns here instead of failing on each other's cluster lock.
 */
const turns = new Map<string, Promise<unknown>>();
function inTurn<T>(cluster: string, work: () => Promise<T>): Promise<T> {
  const run = (turns.get(cluster) ?? Promise.resolve()).catch(() => undefined).then(work);
  turns.set(cluster, run);
  return run;
}

const author = () => `${userInfo().username}@${hostname()}`;

const variablesOf = (record: ClusterRecord) => record.history.findLast((entry) => entry.digest === record.applied?.digest)?.variables;

/** Reconciles the cluster to its profile with `overrides` (its record's entries then `entries`). */
async function reconcileWith(client: KubeClient, cluster: string, loaded: Awaited<ReturnType<typeof load>>, payload: PlanPayload, entries: OverrideEntry[], diagnostics: Diagnostics, signal: AbortSignal) {
  const { stored, definitions } = loaded;
  const outcome = await reconcile(client, {
    ...payload, cluster, version: stored.record.applied.version, digest: stored.record.applied.digest, options: definitions.settings.options,
    // The cluster's variable values stay as its last move set them; the layers in the definitions carry them already.
    ...(variablesOf(stored.record) && { variables: variablesOf(stored.record) }),
    expectedGeneration: payload.generation, creating: false, signal,
    definitions: { ...definitions, overrides: payload.overrides }, overrideEntries: sortOverrides(entries),
  });
  if (outcome.error) diagnostics.error(outcome.error.summary, outcome.error.detail);
  if (outcome.warnings.length > 0) diagnostics.warning('Objects left in place', outcome.warnings.join('\n'));
}

async function apply({ planned, plannedPrivate, diagnostics, signal }: { planned: Override; plannedPrivate: Buffer; diagnostics: Diagnostics; signal: AbortSignal }) {
  const cluster = planned.cluster_id!;
  await inTurn(cluster, () => applyNow(planned, plannedPrivate, diagnostics, signal));
  return { state: { ...planned, id: idOf(planned), changes: planned.changes ?? [] } };
}

async function applyNow(planned: Override, plannedPrivate: Buffer, diagnostics: Diagnostics, signal: AbortSignal) {
  const cluster = planned.cluster_id!;
  const content = contentOf(planned);
  const client = connect(planned.kubernetes);
  const loaded = await load(client, cluster);
  // Planned against another record (another override of this run was applied first): the same change, rendered now.
  const fromPlan = unpackPayload(plannedPrivate);
  const payload = (fromPlan?.generation === loaded.stored.record.generation ? fromPlan : undefined)
    ?? payloadOf(await planOverrides(client, cluster, loaded.definitions, [...loaded.definitions.overrides.filter((o) => !same(o, planned)), content], content, signal));
  const entry: OverrideEntry = {
    name: content.name, layer: content.layer, ...(planned.description ? { description: planned.description } : {}), digest: overrideDigest(content), by: author(), time: new Date().toISOString(),
  };
  await reconcileWith(client, cluster, loaded, payload, [...(loaded.stored.record.overrides ?? []).filter((o) => !same(o, planned)), entry], diagnostics, signal);
}

async function destroy({ prior, diagnostics, signal }: { prior: Override; diagnostics: Diagnostics; signal: AbortSignal }) {
  await inTurn(prior.cluster_id!, () => destroyNow(prior, diagnostics, signal));
}

async function destroyNow(prior: Override, diagnostics: Diagnostics, signal: AbortSignal) {
  const cluster = prior.cluster_id!;
  const client = connect(prior.kubernetes);
  const stored = await readRecord(client, cluster);
  // The cluster is gone (destroyed first, or its record removed), and the override with it.
  if (!stored?.record.applied || !(stored.record.overrides ?? []).some((o) => same(o, prior))) return;
  const loaded = await load(client, cluster, stored);
  const content = contentOf(prior);
  const move = await planOverrides(client, cluster, loaded.definitions, loaded.definitions.overrides.filter((o) => !same(o, prior)), content, signal);
  await reconcileWith(client, cluster, loaded, payloadOf(move), (stored.record.overrides ?? []).filter((o) => !same(o, prior)), diagnostics, signal);
}

/** Why an override no longer applies, judged from the record alone (refresh renders nothing). */
function orphanReason(record: ClusterRecord, override: Override): string {
  const layer = record.inventory.find((l) => l.name === override.layer);
  if (!layer) return `the profile the cluster runs has no layer "${override.layer}"`;
  if (override.values !== null && layer.type !== 'helm' && layer.type !== 'pack') return `layer "${layer.name}" is not a Helm layer now, so its values do not apply`;
  const keys = new Set(layer.objects.map((o) => o.key));
  const reasons = contentOf(override).patches.map((p, i) => (keys.has(targetKey(p.target)) ? '' : `layer "${layer.name}" renders no ${labelOfTarget(p.target)} (patch ${i + 1})`));
  return reasons.filter((r) => r !== '').join('; ');
}

async function read({ current }: { current: Override }) {
  const client = connect(current.kubernetes);
  const stored = await readRecord(client, current.cluster_id!);
  const entry = stored?.record.overrides?.find((o) => same(o, current));
  if (!stored || !entry) return { state: null };
  const reason = orphanReason(stored.record, current);
  return { state: { ...current, digest: entry.digest, orphaned: reason !== '', orphan_reason: reason } };
}

async function importState({ id, diagnostics }: { id: string; diagnostics: Diagnostics }): Promise<Override | null> {
  const match = /^([^/]+)\/([^/]+)\/([^/]+)$/.exec(id);
  if (!match) {
    diagnostics.error('Invalid import ID', `"${id}" is not <cluster>/<layer>/<name>: e.g. edge-1/app/edge-replicas (through the provider block's kubernetes connection).`);
    return null;
  }
  const [, cluster, layer, name] = match as unknown as [string, string, string, string];
  const client = connect(null);
  const { stored, definitions } = await load(client, cluster);
  const entry = stored.record.overrides?.find((o) => o.name === name && o.layer === layer);
  const content = definitions.overrides.find((o) => o.name === name && o.layer === layer);
  if (!entry || !content) {
    diagnostics.error('Nothing to import', `Cluster "${cluster}" has no override "${name}" of layer "${layer}" in its record. Check the ID, or create the override with apply instead.`);
    return null;
  }
  const patch = content.patches.map((p) => ({
    target: { api_version: p.target.apiVersion, kind: p.target.kind, name: p.target.name, namespace: p.target.namespace ?? null },
    merge_patch: p.mergePatch ?? null, json_patch: p.jsonPatch ?? null,
  }));
  const model = { id, cluster_id: cluster, kubernetes: null, name, layer, description: entry.description ?? null, values: content.values ?? null, patch, digest: entry.digest, objects: [], changes: [] } as unknown as Override;
  const reason = orphanReason(stored.record, model);
  return { ...model, orphaned: reason !== '', orphan_reason: reason };
}

export const clusterOverrideResource: ResourceType<Override> = {
  typeName: 'strata_cluster_override',
  schema: clusterOverrideSchema,

  validate(config, diagnostics) {
    const patches = config.patch;
    if (config.values === null && Array.isArray(patches) && patches.length === 0) {
      diagnostics.error('Empty override', 'An override changes a layer: set values (for a Helm layer) or at least one patch block.', ['values']);
    }
    if (!Array.isArray(patches)) return;
    patches.forEach((patch, index) => {
      if (!isWhollyKnown(patch)) return;
      const p = patch as Record<string, CtyValue>;
      if ((p.merge_patch === null) === (p.json_patch === null)) {
        diagnostics.error('Invalid patch', `patch ${index + 1}: set exactly one of merge_patch and json_patch.`, ['patch', index]);
      }
      if (p.target === null) diagnostics.error('Invalid patch', `patch ${index + 1}: a target block names the object to patch.`, ['patch', index]);
    });
  },

  plan: userFacing(plan),
  create: userFacing(apply),
  update: userFacing(apply),
  delete: userFacing(destroy),
  read: userFacing(read),
  importState: userFacing(importState),
};

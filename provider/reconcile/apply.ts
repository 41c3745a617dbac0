// Applying one layer: CRDs and Namespaces first (CRDs established and served before the rest), then
// the other objects in install order, each with this cluster's mark and field manager; objects whose
// immutable fields change are deleted and re-created when the plan said so; then readiness.
import { KubeApiError, type KubeClient, type KubeObject } from '../kube';
import { objectDigest, type RenderedLayer } from '../render';
import { log } from '../util/log';
import { propagationFor } from './delete';
import { layerFailure } from './failure';
import { keyOf, refOf } from './inventory';
import { ownedDigest } from './managed-fields';
import { applyStages } from '../render/install-order';
import { fieldManagerFor, LEGACY_FIELD_MANAGER, marked } from './ownership';
import { CONCURRENCY, inParallel } from './parallel';
import type { InventoryLayer, InventoryObject } from './record';
import { runHooks, type HookInventory } from './hooks';
import { describeStuck, waitGone, waitReady, waitServed } from './wait';

export interface ReconcileOptions {
  wait: boolean;
  timeoutMs: number;
  prune: boolean;
  forceConflicts: boolean;
  deleteCrdsWithResources: boolean;
}

export interface LayerApply {
  client: KubeClient;
  cluster: string;
  options: ReconcileOptions;
  /** Keys whose apply takes fields over from other managers (drift repair, adoption). */
  forced: Set<string>;
  /** Keys to delete and re-create (their immutable fields change). */
  replaced: Set<string>;
  signal: AbortSignal;
}

/** Deletes the live object (the one the plan saw, by UID) and waits until it is gone. */
async function remove(context: LayerApply, layer: string, object: KubeObject): Promise<void> {
  const { client } = context;
  const live = await client.get(refOf(object));
  if (!live) return;
  log.info('re-creating (immutable fields change)', { object: keyOf(object) });
  // A StatefulSet's pods and their volumes outlive it: the new one adopts them.
  await client.delete(refOf(object), { propagationPolicy: propagationFor(object), preconditions: { uid: live.metadata.uid } });
  const ref = { ...refOf(object), key: keyOf(object), digest: '', owned: '', uid: live.metadata.uid };
  const stuck = await waitGone(client, [ref], Date.now() + context.options.timeoutMs, context.signal);
  if (stuck.length > 0) throw layerFailure(layer, object, new Error(`deleted to be re-created, but still there after the timeout: ${describeStuck(stuck)}`));
}

/**
 * Objects of a release without marks carry the legacy manager's fields: applying an empty
 * configuration as that manager hands them to this cluster's manager, which applied them just now.
 */
async function releaseLegacy(client: KubeClient, live: KubeObject): Promise<KubeObject> {
  const managed: { manager?: string; operation?: string }[] = live.metadata.managedFields ?? [];
  if (!managed.some((e) => e.manager === LEGACY_FIELD_MANAGER && e.operation === 'Apply')) return live;
  const { apiVersion, kind, metadata } = live;
  return client.apply({ apiVersion, kind, metadata: { name: metadata.name, ...(metadata.namespace ? { namespace: metadata.namespace } : {}) } }, { fieldManager: LEGACY_FIELD_MANAGER });
}

async function applyOne(context: LayerApply, layer: string, object: KubeObject): Promise<KubeObject> {
  const key = keyOf(object);
  if (context.replaced.has(key)) await remove(context, layer, object);
  const manager = fieldManagerFor(context.cluster);
  let live: KubeObject;
  try {
    live = await context.client.apply(marked(object, context.cluster, layer), { fieldManager: manager, force: context.options.forceConflicts || context.forced.has(key) });
    live = await releaseLegacy(context.client, live);
  } catch (error) {
    throw layerFailure(layer, object, error instanceof KubeApiError && error.status === 409
      ? new Error(`${error.apiMessage}. Another field manager owns these fields; set force_conflicts = true to take them over`)
      : error);
  }
  return live;
}

/** How a layer moves: its hooks run only when it changes, as install hooks when it is new. */
export interface LayerMove { runHooks: boolean; installing: boolean; recordedHooks: InventoryObject[] }

/**
 * Applies the layer's objects, between its pre- and post-install (or -upgrade) hooks; each applied
 * object is added to `entry` as soon as the API server answered, so that a failure half-way leaves
 * an honest inventory.
 */
export async function applyLayer(context: LayerApply, layer: RenderedLayer, entry: InventoryLayer, move: LayerMove): Promise<void> {
  const hooks: HookInventory = new Map(move.recordedHooks.map((o) => [o.key, o]));
  try {
    if (move.runHooks) await runHooks(context, layer, move.installing ? 'pre-install' : 'pre-upgrade', hooks);
    await applyObjects(context, layer, entry);
    if (move.runHooks) await runHooks(context, layer, move.installing ? 'post-install' : 'post-upgrade', hooks);
  } finally {
    entry.hooks = [...hooks.values()];
  }
}

async function applyObjects(context: LayerApply, layer: RenderedLayer, entry: InventoryLayer): Promise<void> {
  const applied = new Map<string, KubeObject>();
  const manager = fieldManagerFor(context.cluster);
  for (const [index, stage] of applyStages(layer.objects).entries()) {
    await inParallel(stage, CONCURRENCY, async (object) => {
      context.signal.throwIfAborted();
      const live = await applyOne(context, layer.name, object);
      applied.set(keyOf(object), live);
      entry.objects.push({ ...refOf(object), key: keyOf(object), digest: objectDigest(object), owned: ownedDigest(live, manager), uid: live.metadata.uid });
    });
    log.info(`layer "${layer.name}": ${applied.size}/${layer.objects.length} objects applied`, { layer: layer.name, applied: applied.size, total: layer.objects.length });
    // CRDs must be established before the layer's custom resources can be applied.
    const crds = stage.filter((o) => o.kind === 'CustomResourceDefinition');
    if (index === 0 && crds.length > 0) {
      const deadline = Date.now() + context.options.timeoutMs;
      await waitReady(context.client, layer.name, crds, applied, deadline, context.signal);
      await waitServed(context.client, layer.name, crds, deadline, context.signal);
    }
  }
  if (context.options.wait) await waitReady(context.client, layer.name, layer.objects, applied, Date.now() + context.options.timeoutMs, context.signal);
}

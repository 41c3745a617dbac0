// Deleting what left the profile (prune) or the whole inventory (destroy): layers in reverse order,
// within a layer in reverse install order, each layer finished (or timed out, naming what is stuck
// and on which finalizer) before the next starts. Every delete is judged on the live object first
// and carries its UID and resourceVersion as preconditions, so only what is provably this
// cluster's goes.
import { KubeApiError, type KubeObject } from '../kube';
import { log } from '../util/log';
import { labelOf, refOf } from './inventory';
import { pruneOrder } from '../render/install-order';
import { readLive } from './live';
import { CONCURRENCY, inParallel } from './parallel';
import type { InventoryLayer, InventoryObject } from './record';
import { judgeRemoval, type RemovalContext, type RemovalDecision } from './removal';
import { waitGone, type StuckObject } from './wait';

export interface DeletionResult {
  /** Keys of objects that are gone (deleted now, or already). */
  gone: Set<string>;
  /** Objects left in place on purpose, and why: they leave the record. */
  letGo: Map<string, { label: string; reason: string }>;
  /** Objects that did not go within the timeout: they stay in the record, and nothing after them was deleted. */
  stuck: StuckObject[];
}

/** Deleted in stages: what a Namespace or CRD would take with it must be gone before they go. */
function stages(objects: InventoryObject[]): InventoryObject[][] {
  const asObjects = new Map(objects.map((o) => [{ apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.name, namespace: o.namespace } } as KubeObject, o]));
  const ordered = pruneOrder([...asObjects.keys()]).map((o) => asObjects.get(o)!);
  const rank = (o: InventoryObject) => (o.kind === 'Namespace' ? 2 : o.kind === 'CustomResourceDefinition' ? 1 : 0);
  return [0, 1, 2].map((r) => ordered.filter((o) => rank(o) === r)).filter((stage) => stage.length > 0);
}

// StatefulSets go without their pods (whose volumes stay bound to them); everything else takes its dependents along.
export const propagationFor = (object: { kind: string }) => (object.kind === 'StatefulSet' ? 'Orphan' : 'Background');

/** Judges and deletes one object, starting from `live` as the stage's read found it. */
async function deleteOne(context: RemovalContext, object: InventoryObject, found: KubeObject | null, result: DeletionResult): Promise<boolean> {
  let live = found;
  for (let attempt = 1; ; attempt++) {
    const decision: RemovalDecision = await judgeRemoval(context, object, live);
    if (decision.action === 'gone') {
      result.gone.add(object.key);
      return false;
    }
    if (decision.action !== 'delete') {
      log.warn('not deleting', { object: labelOf(object), reason: decision.reason });
      result.letGo.set(object.key, { label: labelOf(object), reason: decision.reason });
      // It stays, so it holds its Namespace (or CRD) back too.
      context.leaving.delete(object.key);
      return false;
    }
    try {
      log.info('deleting', { object: labelOf(object) });
      await context.client.delete(refOf(object), {
        propagationPolicy: propagationFor(object),
        preconditions: { uid: decision.uid, resourceVersion: decision.resourceVersion },
      });
      return true;
    } catch (error) {
      // The object changed between the read and the delete: judge it again on what it is now.
      if (!(error instanceof KubeApiError && error.status === 409 && attempt < 3)) throw error;
      live = await context.client.get(refOf(object));
    }
  }
}

/** What runs around a layer's deletions when the layer itself leaves: its delete hooks. */
export interface LayerRemoval {
  /** Before the layer's objects go (pre-delete hooks). */
  before(layer: InventoryLayer): Promise<void>;
  /** After they went (post-delete hooks); returns the layer's hook objects, deleted last. */
  after(layer: InventoryLayer): Promise<InventoryObject[]>;
}

/** Deletes `layers`' objects (layers in profile order; deleted last first). */
export async function deleteLayers(context: RemovalContext, layers: InventoryLayer[], options: { timeoutMs: number; signal: AbortSignal }, removal?: LayerRemoval): Promise<DeletionResult> {
  const result: DeletionResult = { gone: new Set(), letGo: new Map(), stuck: [] };
  /** Deletes one stage and waits for it; false when something is stuck. */
  const deleteStage = async (stage: InventoryObject[], deadline: number): Promise<boolean> => {
    const sent: InventoryObject[] = [];
    const live = await readLive(context.client, stage);
    await inParallel(stage, CONCURRENCY, async (object) => {
      options.signal.throwIfAborted();
      if (await deleteOne(context, object, live.get(object.key) ?? null, result)) sent.push(object);
    });
    result.stuck = await waitGone(context.client, sent, deadline, options.signal);
    const stuck = new Set(result.stuck.map((s) => s.object.key));
    for (const object of sent) if (!stuck.has(object.key)) result.gone.add(object.key);
    return result.stuck.length === 0;
  };
  for (const layer of [...layers].reverse()) {
    const deadline = Date.now() + options.timeoutMs;
    await removal?.before(layer);
    for (const stage of stages(layer.objects)) if (!(await deleteStage(stage, deadline))) return result;
    const hooks = (await removal?.after(layer)) ?? [];
    if (hooks.length > 0 && !(await deleteStage(hooks, deadline))) return result;
    log.info('layer deleted', { layer: layer.name, objects: layer.objects.length });
  }
  return result;
}

// Running a layer's Helm hooks in a phase, as Argo CD maps them: one at a time by weight, each
// applied with this cluster's mark and waited on until ready (a Job until it completed), and
// deleted as its `helm.sh/hook-delete-policy` says. Hook objects that stay are recorded with
// their layer, and go when the layer does.
import type { KubeObject } from '../kube';
import { hooksFor, objectDigest, type HookObject, type HookPhase, type RenderedLayer } from '../render';
import { log } from '../util/log';
import type { LayerApply } from './apply';
import { layerFailure } from './failure';
import { keyOf, labelOf, refOf } from './inventory';
import { ownedDigest } from './managed-fields';
import { fieldManagerFor, marked, ownershipOf } from './ownership';
import type { InventoryObject } from './record';
import { describeStuck, waitGone, waitReady } from './wait';

/** The hook objects of a layer still in the cluster, by key. */
export type HookInventory = Map<string, InventoryObject>;

function entryOf(object: KubeObject, live?: KubeObject, manager?: string): InventoryObject {
  return { ...refOf(object), key: keyOf(object), digest: objectDigest(object), owned: live && manager ? ownedDigest(live, manager) : '', uid: live?.metadata.uid };
}

/** Deletes a hook object that is this cluster's (others' are an error) and waits until it is gone. */
async function deleteHook(context: LayerApply, layer: string, object: KubeObject, deadline: number): Promise<void> {
  const live = await context.client.get(refOf(object));
  if (!live) return;
  if (ownershipOf(live, context.cluster, true).owner !== 'this') {
    throw layerFailure(layer, object, new Error('the hook object exists and is not this cluster\'s; Strata does not delete it. Remove it, or rename the hook'));
  }
  await context.client.delete(refOf(object), { propagationPolicy: 'Background', preconditions: { uid: live.metadata.uid } });
  const stuck = await waitGone(context.client, [entryOf(object, live)], deadline, context.signal);
  if (stuck.length > 0) throw layerFailure(layer, object, new Error(`the earlier run of this hook is still being deleted: ${describeStuck(stuck)}`));
}

async function runHook(context: LayerApply, layer: string, hook: HookObject, phase: HookPhase, inventory: HookInventory): Promise<void> {
  const { object, deletePolicies } = hook;
  const key = keyOf(object);
  const deadline = Date.now() + context.options.timeoutMs;
  if (deletePolicies.includes('before-hook-creation')) {
    await deleteHook(context, layer, object, deadline);
    inventory.delete(key);
  }
  log.info('running hook', { layer, phase, object: labelOf(refOf(object)) });
  const manager = fieldManagerFor(context.cluster);
  let live: KubeObject;
  try {
    live = await context.client.apply(marked(object, context.cluster, layer), { fieldManager: manager });
  } catch (error) {
    throw layerFailure(layer, object, error);
  }
  inventory.set(key, entryOf(object, live, manager));
  try {
    await waitReady(context.client, layer, [object], new Map([[key, live]]), deadline, context.signal);
  } catch (error) {
    if (deletePolicies.includes('hook-failed')) {
      await deleteHook(context, layer, object, deadline);
      inventory.delete(key);
    }
    throw error;
  }
  if (deletePolicies.includes('hook-succeeded')) {
    await deleteHook(context, layer, object, deadline);
    inventory.delete(key);
  }
}

/** Runs the layer's hooks of `phase` in order; the first that fails stops the layer. */
export async function runHooks(context: LayerApply, layer: Pick<RenderedLayer, 'name' | 'hooks'>, phase: HookPhase, inventory: HookInventory): Promise<void> {
  for (const hook of hooksFor(layer, phase)) {
    context.signal.throwIfAborted();
    await runHook(context, layer.name, hook, phase, inventory);
  }
}

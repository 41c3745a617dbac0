// The reconcile engine (DESIGN.md, "Reconcile"): lock, intent, layers in order (apply.ts), prune in
// reverse (delete.ts), record, unlock. A failure stops at the failing layer; the record then holds
// every object that may exist, so nothing is forgotten.
import { KubeApiError, type KubeClient, type KubeObject } from '../kube';
import type { HookObject, RenderedLayer } from '../render';
import { packVersions } from '../render/pack';
import { DiagnosticError } from '../protocol/diagnostics';
import { log } from '../util/log';
import { applyLayer, type LayerApply, type ReconcileOptions } from './apply';
import { deleteLayers, type DeletionResult, type LayerRemoval } from './delete';
import { runHooks, type HookInventory } from './hooks';
import { layerFailure } from './failure';
import { acquireLock } from './lock';
import { allObjects, keyOf, mergeLayers, refOf } from './inventory';
import { deleteRecord, emptyRecord, ensureSystemNamespace, MANAGED_BY, readRecord, SYSTEM_NAMESPACE, writeRecord, type ClusterRecord, type HistoryLayer, type InventoryLayer, type InventoryObject, type StoredRecord } from './record';
import { describeStuck, waitGone } from './wait';
import { otherContents } from './removal';
import { storeDefinitions, type Definitions } from './record-definitions';
import type { OverrideEntry } from './overrides';

export type { ReconcileOptions } from './apply';

/** What the plan decided, object by object, that apply carries out. */
export interface MoveDecisions {
  /** Objects changed behind Strata's back: applying them takes their fields back (forced). */
  repair: string[];
  /** Objects created outside Strata that the plan adopts. */
  adopt: string[];
  /** Objects the plan deletes and re-creates. */
  replace: string[];
  /** Objects leaving the profile that the plan leaves in place (kept, or no longer Strata's): they leave the record. */
  letGo: string[];
  /** Layers that change in this move: their install or upgrade hooks run. */
  hookLayers: string[];
  /** The delete hooks of layers that leave the profile, rendered from the previous profile. */
  deleteHooks: LayerHooks[];
}

export interface ApplyRequest extends MoveDecisions {
  cluster: string;
  version: string;
  digest: string;
  /** The values of the profile's variables, kept in the history entry of this move. */
  variables?: Record<string, string>;
  layers: RenderedLayer[];
  options: ReconcileOptions;
  /** The record generation the plan was made against; apply refuses if the cluster moved since. */
  expectedGeneration?: number;
  /** True when the Terraform resource is being created: an existing record then belongs to someone else. */
  creating: boolean;
  signal: AbortSignal;
  /** What a later override apply needs (record-definitions.ts); unset: the record keeps what it has. */
  definitions?: Definitions;
  /** The cluster's overrides after this apply; unset: the record keeps its list. */
  overrideEntries?: OverrideEntry[];
}

/** A layer's hooks, by layer name. */
export interface LayerHooks { layer: string; hooks: HookObject[] }

export interface ApplyOutcome { record: ClusterRecord; error?: DiagnosticError; warnings: string[] }

/** Sorts like the rendered order, whatever order parallel applies finished in. */
function sortLike(entry: InventoryLayer, rendered: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } }[]): void {
  const order = new Map(rendered.map((o, i) => [keyOf(o), i]));
  entry.objects.sort((a, b) => order.get(a.key)! - order.get(b.key)!);
}

/** What history keeps of an inventory: object identities, not digests (the record must stay small). */
function historyLayers(inventory: InventoryLayer[]): HistoryLayer[] {
  return inventory.map((layer) => ({ name: layer.name, type: layer.type, digest: layer.digest, objects: layer.objects.map((o) => o.key) }));
}

/** The objects (and hook objects) of `layers` that `keep` keeps, layer by layer. */
function selectObjects(layers: InventoryLayer[], keep: (object: InventoryObject) => boolean): InventoryLayer[] {
  return layers.map((layer) => ({ ...layer, objects: layer.objects.filter(keep), hooks: (layer.hooks ?? []).filter(keep) }))
    .filter((layer) => layer.objects.length > 0 || layer.hooks.length > 0);
}

/** Runs the delete hooks of the layers that leave, around their deletions, and hands back their hook objects. */
function removalHooks(context: LayerApply, deleteHooks: LayerHooks[], leavingLayers: Set<string>): LayerRemoval {
  const byLayer = new Map(deleteHooks.map((entry) => [entry.layer, entry.hooks]));
  const inventories = new Map<string, HookInventory>();
  const inventory = (layer: InventoryLayer) => {
    if (!inventories.has(layer.name)) inventories.set(layer.name, new Map((layer.hooks ?? []).map((o) => [o.key, o])));
    return inventories.get(layer.name)!;
  };
  return {
    async before(layer) {
      if (leavingLayers.has(layer.name)) await runHooks(context, { name: layer.name, hooks: byLayer.get(layer.name) ?? [] }, 'pre-delete', inventory(layer));
    },
    async after(layer) {
      if (!leavingLayers.has(layer.name)) return [];
      await runHooks(context, { name: layer.name, hooks: byLayer.get(layer.name) ?? [] }, 'post-delete', inventory(layer));
      return [...inventory(layer).values()];
    },
  };
}

function letGoWarnings(result: DeletionResult): string[] {
  return [...result.letGo.values()].map(({ label, reason }) => `${label}: not deleted, ${reason}`);
}

export async function reconcile(client: KubeClient, request: ApplyRequest): Promise<ApplyOutcome> {
  const { cluster, options } = request;
  await ensureSystemNamespace(client);
  const lock = await acquireLock(client, cluster, { signal: request.signal });
  // Stop when Terraform asks to, and also when the lock could not be kept.
  const signal = AbortSignal.any([request.signal, lock.lost]);
  const warnings: string[] = [];
  try {
    let stored: StoredRecord = (await readRecord(client, cluster)) ?? { record: emptyRecord(cluster) };
    if (request.creating && stored.record.applied) {
      throw new DiagnosticError('Cluster is already managed by Strata',
        `Cluster "${cluster}" has an in-cluster record (version ${stored.record.applied.version}); another Terraform state manages it. ` +
        `Import it instead: tofu import <address> ${cluster} (or ${cluster}@<kubeconfig path> for a connection of its own)`);
    }
    // A create starts from whatever a failed earlier create left (a replacement deletes it first).
    if (!request.creating && request.expectedGeneration !== undefined && stored.record.generation !== request.expectedGeneration) {
      throw new DiagnosticError('Cluster changed since the plan',
        `The record of cluster "${cluster}" changed after this plan was made (generation ${request.expectedGeneration}, now ${stored.record.generation}). Run plan again.`);
    }
    const old = stored.record.inventory;
    const startedAt = new Date().toISOString();
    const done: InventoryLayer[] = [];
    // Objects that left the record: deleted, or left in place on purpose.
    const released = new Set<string>();
    const inventoryNow = (partial?: InventoryLayer): InventoryLayer[] => {
      const claimed = new Set(allObjects([...done, ...(partial ? [partial] : [])]).map((o) => o.key));
      const leftovers = selectObjects(old, (o) => !claimed.has(o.key) && !released.has(o.key));
      return mergeLayers([...done, ...(partial ? [partial] : []), ...leftovers]);
    };
    const packs = packVersions(request.layers);
    const finish = async (outcome: string, error?: DiagnosticError): Promise<ApplyOutcome> => {
      const inventory = inventoryNow();
      const time = new Date().toISOString();
      const record: ClusterRecord = {
        ...stored.record,
        intent: null,
        inventory,
        applied: error ? stored.record.applied : { version: request.version, digest: request.digest, time },
        history: [...stored.record.history, { version: request.version, digest: request.digest, ...(request.variables ? { variables: request.variables } : {}), ...(packs ? { packs } : {}), time, outcome, layers: historyLayers(inventory) }],
      };
      stored = await writeRecord(client, { ...stored, record });
      return { record: stored.record, error, warnings };
    };

    // Each layer's objects are in the record before any of them is sent (with no digest yet, which
    // the next plan shows as a change to apply again), so that even a crash half-way through a
    // layer forgets nothing. That write is the one that closes the layer before it.
    const pending = (index: number): InventoryLayer | undefined => {
      const layer = request.layers[index];
      return layer && {
        name: layer.name, type: layer.type, digest: layer.digest,
        objects: layer.objects.map((object) => ({ ...refOf(object), key: keyOf(object), digest: '', owned: '' })),
      };
    };
    // Written with the intent, so that the record names them before any object carries them.
    const definitions = request.definitions && { definitions: await storeDefinitions(client, cluster, request.definitions) };
    stored = await writeRecord(client, {
      ...stored,
      record: { ...stored.record, ...definitions, ...(request.overrideEntries && { overrides: request.overrideEntries }), intent: { version: request.version, digest: request.digest, startedAt, holder: lock.holder }, inventory: inventoryNow(pending(0)) },
    });
    log.info('reconcile started', { cluster, version: request.version, layers: request.layers.length });

    const context: LayerApply = {
      client, cluster, options, signal,
      forced: new Set([...request.repair, ...request.adopt]),
      replaced: new Set(request.replace),
    };
    const hookLayers = new Set(request.hookLayers);
    for (const [layerIndex, layer] of request.layers.entries()) {
      const entry: InventoryLayer = { name: layer.name, type: layer.type, digest: layer.digest, objects: [] };
      const before = old.find((l) => l.name === layer.name);
      try {
        await applyLayer(context, layer, entry, { runHooks: hookLayers.has(layer.name), installing: !before, recordedHooks: before?.hooks ?? [] });
      } catch (error) {
        sortLike(entry, layer.objects);
        done.push(entry);
        const failure = error instanceof DiagnosticError ? error
          : signal.aborted ? new DiagnosticError(`Layer "${layer.name}" was interrupted`, `${String(signal.reason?.message ?? signal.reason)}. What was applied so far is in the record; apply again to finish.`)
          : layerFailure(layer.name, layer.objects[0]!, error);
        log.error('reconcile failed', { cluster, layer: layer.name, error: failure.detail });
        return await finish(`failed: layer ${layer.name}`, failure);
      }
      sortLike(entry, layer.objects);
      done.push(entry);
      stored = await writeRecord(client, { ...stored, record: { ...stored.record, inventory: inventoryNow(pending(layerIndex + 1)) } });
      log.info('layer applied', { cluster, layer: layer.name, objects: layer.objects.length });
    }

    const wanted = new Set(allObjects(done).map((o) => o.key));
    const letGo = new Set(request.letGo);
    for (const key of letGo) if (!wanted.has(key)) released.add(key);
    if (options.prune) {
      const leavingLayers = new Set(old.map((l) => l.name).filter((name) => !request.layers.some((l) => l.name === name)));
      // A layer that stays keeps its hook objects; one that leaves takes them along.
      const obsolete = old.map((layer) => ({
        ...layer, objects: layer.objects.filter((o) => !wanted.has(o.key) && !letGo.has(o.key)), hooks: leavingLayers.has(layer.name) ? layer.hooks ?? [] : [],
      })).filter((layer) => layer.objects.length > 0 || leavingLayers.has(layer.name));
      const leaving = new Set(allObjects(obsolete).map((o) => o.key));
      let result: DeletionResult;
      try {
        result = await deleteLayers({ client, cluster, leaving, deleteCrdsWithResources: options.deleteCrdsWithResources }, obsolete, { timeoutMs: options.timeoutMs, signal },
          removalHooks(context, request.deleteHooks, leavingLayers));
      } catch (error) {
        return await finish('failed: prune', new DiagnosticError('Prune failed', `${error instanceof Error ? error.message : String(error)}. The objects not yet removed stay in the record; apply again to retry.`));
      }
      for (const key of [...result.gone, ...result.letGo.keys()]) released.add(key);
      warnings.push(...letGoWarnings(result));
      if (result.stuck.length > 0) {
        return await finish('failed: prune', new DiagnosticError('Objects did not go away',
          `${describeStuck(result.stuck)} still exist(s) ${options.timeoutMs / 1000}s after being deleted. They stay in the record, and the layers before them were not pruned; ` +
          'look at what should clear their finalizers (an operator in an earlier layer, or a controller that is down) and apply again.'));
      }
    }
    return await finish('applied');
  } finally {
    await lock.release().catch((error) => log.warn('could not release the cluster lock', { cluster, error: String(error) }));
  }
}

/**
 * Destroy: delete every object the record lists (layers in reverse order), then remove the record
 * (and the system namespace once empty). Without a record nothing is deleted by guess: `recorded`
 * is then false. `warnings` name the objects left in place on purpose.
 */
export async function teardown(client: KubeClient, cluster: string, deleteHooks: LayerHooks[], options: ReconcileOptions, signal: AbortSignal): Promise<{ recorded: boolean; warnings: string[] }> {
  const lock = await acquireLock(client, cluster, { signal });
  let warnings: string[];
  let stored: StoredRecord | null;
  try {
    stored = await readRecord(client, cluster);
    const layers = stored?.record.inventory ?? [];
    const leaving = new Set(allObjects(layers).map((o) => o.key));
    const context: LayerApply = { client, cluster, options, signal, forced: new Set(), replaced: new Set() };
    const result = await deleteLayers({ client, cluster, leaving, deleteCrdsWithResources: options.deleteCrdsWithResources }, layers, { timeoutMs: options.timeoutMs, signal },
      removalHooks(context, deleteHooks, new Set(layers.map((l) => l.name))));
    warnings = letGoWarnings(result);
    if (result.stuck.length > 0) {
      if (stored) {
        const released = new Set([...result.gone, ...result.letGo.keys()]);
        stored = await writeRecord(client, { ...stored, record: { ...stored.record, inventory: selectObjects(layers, (o) => !released.has(o.key)) } });
      }
      throw new DiagnosticError('Objects did not go away',
        `${describeStuck(result.stuck)} still exist(s) ${options.timeoutMs / 1000}s after being deleted. The record keeps them and every object of the layers before them; ` +
        'look at what should clear their finalizers (an operator in an earlier layer, or a controller that is down) and run destroy again.');
    }
    if (stored) await deleteRecord(client, cluster);
  } finally {
    await lock.release().catch(() => undefined);
  }
  warnings.push(...await removeSystemNamespace(client, options, signal));
  return { recorded: stored !== null, warnings };
}

/**
 * Removes `strata-system` once nothing is left in it, and only if Strata created it (its label
 * says so): a namespace an administrator prepared, with Strata's Role in it, stays.
 */
async function removeSystemNamespace(client: KubeClient, options: ReconcileOptions, signal: AbortSignal): Promise<string[]> {
  const namespace = { apiVersion: 'v1', kind: 'Namespace', name: SYSTEM_NAMESPACE };
  const live = await client.get(namespace);
  const createdByStrata = (o: KubeObject) => Object.entries(MANAGED_BY).every(([k, v]) => o.metadata.labels?.[k] === v);
  if (!live || !createdByStrata(live)) return [];
  const { found, unreadable } = await otherContents(client, SYSTEM_NAMESPACE, new Set());
  if (found.length > 0 || unreadable.length > 0) {
    return found.some(createdByStrata) ? [] : [`v1 Namespace ${SYSTEM_NAMESPACE}: kept, it holds objects Strata did not create (or may not list)`];
  }
  try {
    await client.delete(namespace, { preconditions: { uid: live.metadata.uid } });
  } catch (error) {
    if (error instanceof KubeApiError && error.status === 403) return [`v1 Namespace ${SYSTEM_NAMESPACE}: kept, Strata may not delete it (see docs/rbac.md)`];
    throw error;
  }
  await waitGone(client, [{ ...namespace, key: keyOf(namespace), digest: '', owned: '', uid: live.metadata.uid }], Date.now() + options.timeoutMs, signal);
  return [];
}

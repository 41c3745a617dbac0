// The reconcile engine (DESIGN.md, "Reconcile"): lock, intent, layers in order with CRDs and
// Namespaces first, server-side apply, readiness, prune in reverse, record, unlock. A failure stops
// at the failing layer; the record then holds every object that may exist, so nothing is forgotten.
import { KubeApiError, type KubeClient, type KubeObject } from '../kube';
import { objectDigest, type RenderedLayer } from '../render';
import { DiagnosticError } from '../protocol/diagnostics';
import { log } from '../util/log';
import { acquireLock } from './lock';
import { allObjects, keyOf, labelOf, mergeLayers, refOf } from './inventory';
import { ownedDigest } from './managed-fields';
import { applyStages, pruneOrder } from './order';
import { readiness } from './readiness';
import { deleteRecord, emptyRecord, ensureSystemNamespace, readRecord, SYSTEM_NAMESPACE, writeRecord, type ClusterRecord, type HistoryLayer, type InventoryLayer, type InventoryObject, type StoredRecord } from './record';

export const FIELD_MANAGER = 'strata';
// Parallel requests per stage: enough to keep an API server busy, few enough not to be throttled.
const APPLY_CONCURRENCY = 16;
const POLL_MS = 250;

export interface ReconcileOptions { wait: boolean; timeoutMs: number; prune: boolean; forceConflicts: boolean }

export interface ApplyRequest {
  cluster: string;
  version: string;
  digest: string;
  layers: RenderedLayer[];
  options: ReconcileOptions;
  /** The record generation the plan was made against; apply refuses if the cluster moved since. */
  expectedGeneration?: number;
  /** Objects changed behind Strata's back: applying them takes their fields back (forced), as the plan said. */
  repair: string[];
  /** True when the Terraform resource is being created: an existing record then belongs to someone else. */
  creating: boolean;
  signal: AbortSignal;
}

export interface ApplyOutcome { record: ClusterRecord; error?: DiagnosticError }

/**
 * Runs `work` over `items`, `limit` at a time. After a failure no new item starts, and the call
 * returns only once the items in flight have finished: the record must not be written (nor the lock
 * released) while applies it does not know of are still going on.
 */
async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (!failure && next < items.length) {
      try {
        await work(items[next++]);
      } catch (error) {
        failure ??= { error };
      }
    }
  });
  await Promise.all(workers);
  if (failure) throw failure.error;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); reject(signal.reason); }, { once: true });
  });
}

function layerFailure(layer: string, object: KubeObject | InventoryObject, error: unknown): DiagnosticError {
  const label = labelOf(refOf(object));
  const message = error instanceof KubeApiError ? error.apiMessage : error instanceof Error ? error.message : String(error);
  return new DiagnosticError(
    `Layer "${layer}" failed`,
    `${label}: ${message}\n\nApply stopped at this layer. Objects applied before it stay in the cluster and in the record ` +
    '(see the `layers` attribute); fix the layer in the profile and apply again.',
  );
}

/**
 * Waits until every object is current by kstatus-style rules; throws naming what it waited for.
 * `applied` holds what the API server answered to the apply: objects already current there (most
 * kinds without a controller) need no further request.
 */
async function waitReady(client: KubeClient, layer: string, objects: KubeObject[], applied: Map<string, KubeObject>, deadline: number, signal: AbortSignal): Promise<void> {
  let pending = objects.filter((object) => {
    const answer = applied.get(keyOf(object));
    if (!answer) return true;
    const state = readiness(answer);
    if (state.state === 'failed') throw layerFailure(layer, object, new Error(state.reason));
    return state.state === 'pending';
  });
  while (pending.length > 0) {
    const still: { object: KubeObject; reason: string }[] = [];
    await inParallel(pending, APPLY_CONCURRENCY, async (object) => {
      let live: KubeObject | null;
      try {
        live = await client.get(refOf(object));
      } catch (error) {
        throw layerFailure(layer, object, error);
      }
      if (!live) return void still.push({ object, reason: 'not found after apply' });
      const state = readiness(live);
      if (state.state === 'failed') throw layerFailure(layer, object, new Error(state.reason));
      if (state.state === 'pending') still.push({ object, reason: state.reason });
    });
    if (still.length === 0) return;
    if (Date.now() > deadline) {
      const list = still.slice(0, 5).map((s) => `${labelOf(refOf(s.object))}: ${s.reason}`).join('; ');
      throw layerFailure(layer, still[0].object, new Error(`not ready within the timeout: ${list}. Raise \`timeout\`, or set \`wait = false\` to skip readiness checks`));
    }
    pending = still.map((s) => s.object);
    await sleep(POLL_MS, signal);
  }
}

/**
 * Waits until discovery serves the kinds of established CRDs: the API server's discovery documents
 * can lag a moment behind the Established condition, and an apply in that moment finds no kind.
 */
async function waitServed(client: KubeClient, layer: string, crds: KubeObject[], deadline: number, signal: AbortSignal): Promise<void> {
  const kinds = crds.flatMap((crd) => (crd.spec?.versions ?? [])
    .filter((v: { served?: boolean }) => v.served !== false)
    .map((v: { name: string }) => ({ crd, apiVersion: `${crd.spec.group}/${v.name}`, kind: crd.spec.names?.kind as string })));
  for (const { crd, apiVersion, kind } of kinds) {
    while (!(await client.resourceFor(apiVersion, kind))) {
      if (Date.now() > deadline) throw layerFailure(layer, crd, new Error(`established, but the API server does not serve ${kind} in ${apiVersion} within the timeout`));
      await sleep(POLL_MS, signal);
      client.invalidateDiscovery();
    }
  }
}

async function waitGone(client: KubeClient, objects: InventoryObject[], deadline: number, signal: AbortSignal): Promise<void> {
  let pending = objects;
  while (pending.length > 0 && Date.now() < deadline) {
    const still: InventoryObject[] = [];
    await inParallel(pending, APPLY_CONCURRENCY, async (object) => {
      if (await client.get(refOf(object))) still.push(object);
    });
    pending = still;
    if (pending.length > 0) await sleep(POLL_MS, signal);
  }
}

export async function pruneObjects(client: KubeClient, objects: InventoryObject[], options: ReconcileOptions, signal: AbortSignal): Promise<void> {
  // pruneOrder sorts objects and hands back the same references, so each finds its entry again.
  const entries = new Map(objects.map((o) => [{ apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.name, namespace: o.namespace } } as KubeObject, o]));
  for (const object of pruneOrder([...entries.keys()])) {
    const entry = entries.get(object)!;
    signal.throwIfAborted();
    log.info('pruning', { object: labelOf(entry) });
    await client.delete(refOf(entry), { propagationPolicy: 'Background' });
  }
  if (options.wait) await waitGone(client, objects, Date.now() + options.timeoutMs, signal);
}

/** Keeps rendered order in the record, whatever order parallel applies finished in. */
function sortLike(entry: InventoryLayer, rendered: KubeObject[]): void {
  const order = new Map(rendered.map((o, i) => [keyOf(o), i]));
  entry.objects.sort((a, b) => order.get(a.key)! - order.get(b.key)!);
}

/** What history keeps of an inventory: object identities, not digests (the record must stay small). */
function historyLayers(inventory: InventoryLayer[]): HistoryLayer[] {
  return inventory.map((layer) => ({ name: layer.name, type: layer.type, digest: layer.digest, objects: layer.objects.map((o) => o.key) }));
}

export async function reconcile(client: KubeClient, request: ApplyRequest): Promise<ApplyOutcome> {
  const { cluster, options } = request;
  const repair = new Set(request.repair);
  await ensureSystemNamespace(client);
  const lock = await acquireLock(client, cluster);
  // Stop when Terraform asks to, and also when the lock could not be kept.
  const signal = AbortSignal.any([request.signal, lock.lost]);
  try {
    let stored: StoredRecord = (await readRecord(client, cluster)) ?? { record: emptyRecord(cluster) };
    if (request.creating && stored.record.applied) {
      throw new DiagnosticError('Cluster is already managed by Strata',
        `Cluster "${cluster}" has an in-cluster record (version ${stored.record.applied.version}); another Terraform state manages it. ` +
        `Import it instead: tofu import <address> ${cluster}@<kubeconfig path>`);
    }
    // A create starts from whatever a failed earlier create left (a replacement deletes it first).
    if (!request.creating && request.expectedGeneration !== undefined && stored.record.generation !== request.expectedGeneration) {
      throw new DiagnosticError('Cluster changed since the plan',
        `The record of cluster "${cluster}" changed after this plan was made (generation ${request.expectedGeneration}, now ${stored.record.generation}). Run plan again.`);
    }
    const old = stored.record.inventory;
    const startedAt = new Date().toISOString();
    const done: InventoryLayer[] = [];
    const pruned = new Set<string>();
    const inventoryNow = (partial?: InventoryLayer): InventoryLayer[] => {
      const claimed = new Set(allObjects([...done, ...(partial ? [partial] : [])]).map((o) => o.key));
      const leftovers = old.map((layer) => ({ ...layer, objects: layer.objects.filter((o) => !claimed.has(o.key) && !pruned.has(o.key)) }));
      return mergeLayers([...done, ...(partial ? [partial] : []), ...leftovers]);
    };
    const finish = async (outcome: string, error?: DiagnosticError): Promise<ApplyOutcome> => {
      const inventory = inventoryNow();
      const time = new Date().toISOString();
      const record: ClusterRecord = {
        ...stored.record,
        intent: null,
        inventory,
        applied: error ? stored.record.applied : { version: request.version, digest: request.digest, time },
        history: [...stored.record.history, { version: request.version, digest: request.digest, time, outcome, layers: historyLayers(inventory) }],
      };
      stored = await writeRecord(client, { ...stored, record });
      return { record: stored.record, error };
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
    stored = await writeRecord(client, {
      ...stored,
      record: { ...stored.record, intent: { version: request.version, digest: request.digest, startedAt, holder: lock.holder }, inventory: inventoryNow(pending(0)) },
    });
    log.info('reconcile started', { cluster, version: request.version, layers: request.layers.length });

    for (const [layerIndex, layer] of request.layers.entries()) {
      const entry: InventoryLayer = { name: layer.name, type: layer.type, digest: layer.digest, objects: [] };
      const applied = new Map<string, KubeObject>();
      try {
        for (const [index, stage] of applyStages(layer.objects).entries()) {
          await inParallel(stage, APPLY_CONCURRENCY, async (object) => {
            signal.throwIfAborted();
            let live: KubeObject;
            try {
              live = await client.apply(object, { fieldManager: FIELD_MANAGER, force: options.forceConflicts || repair.has(keyOf(object)) });
            } catch (error) {
              throw layerFailure(layer.name, object, error instanceof KubeApiError && error.status === 409
                ? new Error(`${error.apiMessage}. Another field manager owns these fields; set force_conflicts = true to take them over`)
                : error);
            }
            applied.set(keyOf(object), live);
            entry.objects.push({ ...refOf(object), key: keyOf(object), digest: objectDigest(object), owned: ownedDigest(live, FIELD_MANAGER) });
          });
          // CRDs must be established before the layer's custom resources can be applied.
          if (index === 0 && stage.some((o) => o.kind === 'CustomResourceDefinition')) {
            const crds = stage.filter((o) => o.kind === 'CustomResourceDefinition');
            const deadline = Date.now() + options.timeoutMs;
            await waitReady(client, layer.name, crds, applied, deadline, signal);
            await waitServed(client, layer.name, crds, deadline, signal);
          }
        }
        if (options.wait) await waitReady(client, layer.name, layer.objects, applied, Date.now() + options.timeoutMs, signal);
      } catch (error) {
        sortLike(entry, layer.objects);
        done.push(entry);
        const failure = error instanceof DiagnosticError ? error
          : signal.aborted ? new DiagnosticError(`Layer "${layer.name}" was interrupted`, `${String(signal.reason?.message ?? signal.reason)}. What was applied so far is in the record; apply again to finish.`)
          : layerFailure(layer.name, layer.objects[0], error);
        log.error('reconcile failed', { cluster, layer: layer.name, error: failure.detail });
        return await finish(`failed: layer ${layer.name}`, failure);
      }
      sortLike(entry, layer.objects);
      done.push(entry);
      stored = await writeRecord(client, { ...stored, record: { ...stored.record, inventory: inventoryNow(pending(layerIndex + 1)) } });
      log.info('layer applied', { cluster, layer: layer.name, objects: layer.objects.length });
    }

    if (options.prune) {
      const wanted = new Set(allObjects(done).map((o) => o.key));
      const obsolete = allObjects(old).filter((o) => !wanted.has(o.key));
      try {
        await pruneObjects(client, obsolete, options, signal);
      } catch (error) {
        return await finish('failed: prune', new DiagnosticError('Prune failed', `${error instanceof Error ? error.message : String(error)}. The objects not yet removed stay in the record; apply again to retry.`));
      }
      for (const object of obsolete) pruned.add(object.key);
    }
    return await finish('applied');
  } finally {
    await lock.release().catch((error) => log.warn('could not release the cluster lock', { cluster, error: String(error) }));
  }
}

/**
 * Destroy: prune every object Strata applied, then remove the record (and the system namespace
 * once empty). `fallback` lists the objects Terraform state knows of, for a cluster whose record
 * is gone.
 */
export async function teardown(client: KubeClient, cluster: string, fallback: InventoryObject[], options: ReconcileOptions, signal: AbortSignal): Promise<void> {
  const lock = await acquireLock(client, cluster);
  try {
    const stored = await readRecord(client, cluster);
    const objects = stored ? allObjects(stored.record.inventory) : fallback;
    await pruneObjects(client, objects, { ...options, wait: true }, signal);
    const left = await stillThere(client, objects);
    if (left.length > 0) {
      throw new DiagnosticError('Objects did not go away',
        `${left.slice(0, 5).map(labelOf).join(', ')}${left.length > 5 ? ` and ${left.length - 5} more` : ''} still exist(s) after ${options.timeoutMs / 1000}s, ` +
        'probably held by finalizers. The record keeps them; look at their finalizers and run destroy again.');
    }
    if (stored) await deleteRecord(client, cluster);
  } finally {
    await lock.release().catch(() => undefined);
  }
  const others = await client.list('v1', 'ConfigMap', { namespace: SYSTEM_NAMESPACE, labelSelector: 'app.kubernetes.io/managed-by=strata' });
  const leases = await client.list('coordination.k8s.io/v1', 'Lease', { namespace: SYSTEM_NAMESPACE });
  if (others.length === 0 && leases.length === 0) {
    const namespace = { key: '', apiVersion: 'v1', kind: 'Namespace', name: SYSTEM_NAMESPACE, digest: '', owned: '' };
    await pruneObjects(client, [namespace], { ...options, wait: true }, signal);
  }
}

async function stillThere(client: KubeClient, objects: InventoryObject[]): Promise<InventoryObject[]> {
  const left: InventoryObject[] = [];
  await inParallel(objects, APPLY_CONCURRENCY, async (object) => {
    if (await client.get(refOf(object))) left.push(object);
  });
  return left;
}

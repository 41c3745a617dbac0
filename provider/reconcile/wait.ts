// Waiting on the cluster: objects ready (kstatus-style), CRD kinds served by discovery, and
// deleted objects gone. Each wait reads with one LIST per kind and namespace where several objects
// share them, polls with backoff, has a deadline and, when it runs out, names what it waited for.
import type { KubeClient, KubeObject } from '../kube';
import { log } from '../util/log';
import { layerFailure } from './failure';
import { keyOf, labelOf, refOf } from './inventory';
import { readLive } from './live';
import { sleep } from './parallel';
import { readiness } from './readiness';
import type { InventoryObject } from './record';

// Polls back off from the first to the last interval: quick answers for quick objects, few
// requests for slow ones.
const POLL_FIRST_MS = 250;
const POLL_MAX_MS = 2_000;
const nextPoll = (ms: number) => Math.min(Math.round(ms * 1.5), POLL_MAX_MS);

/**
 * Waits until every object is current by kstatus-style rules; throws naming what it waited for.
 * `applied` holds what the API server answered to the apply: objects already current there (most
 * kinds without a controller) need no further request.
 */
export async function waitReady(client: KubeClient, layer: string, objects: KubeObject[], applied: Map<string, KubeObject>, deadline: number, signal: AbortSignal): Promise<void> {
  let pending = objects.filter((object) => {
    const answer = applied.get(keyOf(object));
    if (!answer) return true;
    const state = readiness(answer);
    if (state.state === 'failed') throw layerFailure(layer, object, new Error(state.reason));
    return state.state === 'pending';
  });
  // One line per poll: a long apply shows where it is in TF_LOG, and what it still waits for.
  const progress = (waiting: { object: KubeObject; reason: string }[]) => log.info(`layer "${layer}": ${objects.length - waiting.length}/${objects.length} objects ready`, {
    layer, ready: objects.length - waiting.length, total: objects.length,
    ...(waiting[0] ? { waiting_for: labelOf(refOf(waiting[0].object)), reason: waiting[0].reason } : {}),
  });
  if (pending.length === 0) progress([]);
  for (let poll = POLL_FIRST_MS; pending.length > 0; poll = nextPoll(poll)) {
    let live: Map<string, KubeObject>;
    try {
      live = await readLive(client, pending.map(refOf));
    } catch (error) {
      throw layerFailure(layer, pending[0]!, error);
    }
    const still: { object: KubeObject; reason: string }[] = [];
    for (const object of pending) {
      const current = live.get(keyOf(object));
      if (!current) {
        still.push({ object, reason: 'not found after apply' });
        continue;
      }
      const state = readiness(current);
      if (state.state === 'failed') throw layerFailure(layer, object, new Error(state.reason));
      if (state.state === 'pending') still.push({ object, reason: state.reason });
    }
    progress(still);
    if (still.length === 0) return;
    if (Date.now() > deadline) {
      const list = still.slice(0, 5).map((s) => `${labelOf(refOf(s.object))}: ${s.reason}`).join('; ');
      throw layerFailure(layer, still[0]!.object, new Error(`not ready within the timeout: ${list}. Raise \`timeout\`, or set \`wait = false\` to skip readiness checks`));
    }
    pending = still.map((s) => s.object);
    await sleep(poll, signal);
  }
}

/**
 * Waits until discovery serves the kinds of established CRDs: the API server's discovery documents
 * can lag a moment behind the Established condition, and an apply in that moment finds no kind.
 */
export async function waitServed(client: KubeClient, layer: string, crds: KubeObject[], deadline: number, signal: AbortSignal): Promise<void> {
  const kinds = crds.flatMap((crd) => (crd.spec?.versions ?? [])
    .filter((v: { served?: boolean }) => v.served !== false)
    .map((v: { name: string }) => ({ crd, apiVersion: `${crd.spec.group}/${v.name}`, kind: crd.spec.names?.kind as string })));
  for (const { crd, apiVersion, kind } of kinds) {
    while (!(await client.resourceFor(apiVersion, kind))) {
      if (Date.now() > deadline) throw layerFailure(layer, crd, new Error(`established, but the API server does not serve ${kind} in ${apiVersion} within the timeout`));
      // resourceFor reads discovery again on a miss.
      await sleep(POLL_FIRST_MS, signal);
    }
  }
}

/** An object that did not go away in time, and the finalizers that hold it. */
export interface StuckObject { object: InventoryObject; finalizers: string[] }

/** Waits until the objects are gone; returns those still there at the deadline. */
export async function waitGone(client: KubeClient, objects: InventoryObject[], deadline: number, signal: AbortSignal): Promise<StuckObject[]> {
  let pending = objects.map((object) => ({ object, finalizers: [] as string[] }));
  for (let poll = POLL_FIRST_MS; pending.length > 0; poll = nextPoll(poll)) {
    const live = await readLive(client, pending.map(({ object }) => object));
    const still: StuckObject[] = [];
    for (const { object } of pending) {
      const current = live.get(object.key);
      // Another object of that name (re-created since) is not the one deleted.
      if (current && (!object.uid || current.metadata.uid === object.uid)) {
        still.push({ object, finalizers: Array.isArray(current.metadata.finalizers) ? current.metadata.finalizers : [] });
      }
    }
    pending = still;
    if (pending.length === 0 || Date.now() > deadline) break;
    await sleep(poll, signal);
  }
  return pending;
}

export function describeStuck(stuck: StuckObject[]): string {
  const shown = stuck.slice(0, 5).map(({ object, finalizers }) => `${labelOf(object)}${finalizers.length > 0 ? ` (finalizer${finalizers.length > 1 ? 's' : ''} ${finalizers.join(', ')})` : ''}`);
  return `${shown.join(', ')}${stuck.length > 5 ? ` and ${stuck.length - 5} more` : ''}`;
}

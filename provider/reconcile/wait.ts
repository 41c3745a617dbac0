// Waiting on the cluster: objects ready (kstatus-style), CRD kinds served by discovery, and
// deleted objects gone. Each wait has a deadline and, when it runs out, names what it waited for.
import type { KubeClient, KubeObject } from '../kube';
import { layerFailure } from './failure';
import { keyOf, labelOf, refOf } from './inventory';
import { CONCURRENCY, inParallel, sleep } from './parallel';
import { readiness } from './readiness';
import type { InventoryObject } from './record';

const POLL_MS = 250;

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
  while (pending.length > 0) {
    const still: { object: KubeObject; reason: string }[] = [];
    await inParallel(pending, CONCURRENCY, async (object) => {
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
      throw layerFailure(layer, still[0]!.object, new Error(`not ready within the timeout: ${list}. Raise \`timeout\`, or set \`wait = false\` to skip readiness checks`));
    }
    pending = still.map((s) => s.object);
    await sleep(POLL_MS, signal);
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
      await sleep(POLL_MS, signal);
      client.invalidateDiscovery();
    }
  }
}

/** An object that did not go away in time, and the finalizers that hold it. */
export interface StuckObject { object: InventoryObject; finalizers: string[] }

/** Waits until the objects are gone; returns those still there at the deadline. */
export async function waitGone(client: KubeClient, objects: InventoryObject[], deadline: number, signal: AbortSignal): Promise<StuckObject[]> {
  let pending = objects.map((object) => ({ object, finalizers: [] as string[] }));
  while (pending.length > 0) {
    const still: StuckObject[] = [];
    await inParallel(pending, CONCURRENCY, async ({ object }) => {
      const live = await client.get(refOf(object));
      // Another object of that name (re-created since) is not the one deleted.
      if (live && (!object.uid || live.metadata.uid === object.uid)) {
        still.push({ object, finalizers: Array.isArray(live.metadata.finalizers) ? live.metadata.finalizers : [] });
      }
    });
    pending = still;
    if (pending.length === 0 || Date.now() > deadline) break;
    await sleep(POLL_MS, signal);
  }
  return pending;
}

export function describeStuck(stuck: StuckObject[]): string {
  const shown = stuck.slice(0, 5).map(({ object, finalizers }) => `${labelOf(object)}${finalizers.length > 0 ? ` (finalizer${finalizers.length > 1 ? 's' : ''} ${finalizers.join(', ')})` : ''}`);
  return `${shown.join(', ')}${stuck.length > 5 ? ` and ${stuck.length - 5} more` : ''}`;
}

// Reading the live objects a plan is about: one LIST per kind and namespace where several objects
// share them, one GET otherwise, so that planning a large change stays a handful of requests.
import type { KubeClient, KubeObject, ObjectRef } from '../kube';
import { keyOf } from './inventory';
import { CONCURRENCY, inParallel } from './parallel';

// From this many objects of one kind in one namespace on, a LIST is cheaper than the GETs.
const LIST_FROM = 8;

/** The live object of each ref by key (absent when it does not exist). */
export async function readLive(client: KubeClient, refs: ObjectRef[]): Promise<Map<string, KubeObject>> {
  const groups = new Map<string, ObjectRef[]>();
  for (const ref of refs) {
    const group = `${ref.apiVersion}|${ref.kind}|${ref.namespace ?? ''}`;
    groups.set(group, [...(groups.get(group) ?? []), ref]);
  }
  const live = new Map<string, KubeObject>();
  const singles: ObjectRef[] = [];
  const lists: ObjectRef[][] = [];
  for (const group of groups.values()) (group.length >= LIST_FROM ? lists.push(group) : singles.push(...group));
  await Promise.all([
    inParallel(lists, 4, async (group) => {
      const { apiVersion, kind, namespace } = group[0]!;
      const wanted = new Set(group.map(keyOf));
      for (const object of await client.list(apiVersion, kind, namespace ? { namespace } : {})) {
        const key = keyOf(object);
        if (wanted.has(key)) live.set(key, object);
      }
    }),
    inParallel(singles, CONCURRENCY, async (ref) => {
      const object = await client.get(ref);
      if (object) live.set(keyOf(ref), object);
    }),
  ]);
  return live;
}

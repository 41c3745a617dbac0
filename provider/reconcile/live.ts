// Reading the live objects a plan is about: one LIST per kind and namespace where several objects
// share them, one GET otherwise, so that planning a large change stays a handful of requests.
import { KubeApiError, type KubeClient, type KubeObject, type ObjectRef } from '../kube';
import { keyOf } from './inventory';
import { CONCURRENCY, inParallel } from './parallel';

// From this many objects of one kind in one namespace on, a LIST is cheaper than the GETs.
const LIST_FROM = 8;

/** The live object of each ref by key (absent when it does not exist). */
export async function readLive(client: KubeClient, refs: ObjectRef[], listFrom = LIST_FROM): Promise<Map<string, KubeObject>> {
  const groups = new Map<string, ObjectRef[]>();
  for (const ref of refs) {
    const group = `${ref.apiVersion}|${ref.kind}|${ref.namespace ?? ''}`;
    const members = groups.get(group);
    if (members) members.push(ref);
    else groups.set(group, [ref]);
  }
  const live = new Map<string, KubeObject>();
  const singles: ObjectRef[] = [];
  const lists: ObjectRef[][] = [];
  for (const group of groups.values()) (group.length >= listFrom ? lists.push(group) : singles.push(...group));
  await Promise.all([
    inParallel(lists, 4, async (group) => {
      const { apiVersion, kind, namespace } = group[0]!;
      const wanted = new Set(group.map(keyOf));
      let objects: KubeObject[];
      try {
        objects = await client.list(apiVersion, kind, namespace ? { namespace } : {});
      } catch (error) {
        // Credentials that may read these objects by name only (see docs/rbac.md): one GET each.
        if (!(error instanceof KubeApiError && error.status === 403)) throw error;
        objects = (await Promise.all(group.map((ref) => client.get(ref)))).filter((o): o is KubeObject => o !== null);
      }
      for (const object of objects) {
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

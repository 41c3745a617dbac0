// What happens to an object that leaves the profile (or the cluster's destroy): deleted, kept, or
// let go of. Judged on the live object, at plan (to show it) and again right before the delete
// (the cluster may have changed in between; safety wins over the plan, and says so).
import { KubeApiError, type KubeClient, type KubeObject } from '../kube';
import { apiGroup } from '../profile/kube-object';
import { keyOf } from './inventory';
import { keepReason, ownershipOf } from './ownership';
import { CONCURRENCY, inParallel } from './parallel';
import type { InventoryObject } from './record';

export type RemovalDecision =
  | { action: 'delete'; uid: string; resourceVersion: string }
  | { action: 'keep'; reason: string }
  | { action: 'forget'; reason: string }
  | { action: 'gone' };

export interface RemovalContext {
  client: KubeClient;
  cluster: string;
  /** Keys of every object this move deletes: they do not hold a Namespace or a CRD back. */
  leaving: Set<string>;
  /** The cluster's opt-in to delete CRDs whose custom resources still exist (and so them too). */
  deleteCrdsWithResources: boolean;
}

// Objects the control plane puts in every Namespace, or that belong to another object (ReplicaSets,
// Pods, EndpointSlices): none of them is a reason to keep a Namespace.
const EVENT_GROUPS = new Set(['', 'events.k8s.io']);
function isSystemMade(object: KubeObject): boolean {
  if (Array.isArray(object.metadata.ownerReferences) && object.metadata.ownerReferences.length > 0) return true;
  const group = apiGroup(object.apiVersion);
  if (object.kind === 'Event' && EVENT_GROUPS.has(group)) return true;
  if (group === '' && object.kind === 'Endpoints') return true;
  if (group === '' && object.kind === 'ConfigMap' && object.metadata.name === 'kube-root-ca.crt') return true;
  return group === '' && object.kind === 'ServiceAccount' && object.metadata.name === 'default';
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function countByKind(objects: KubeObject[]): string {
  const counts = new Map<string, number>();
  for (const o of objects) counts.set(o.kind, (counts.get(o.kind) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([kind, n]) => `${n} ${kind}`).join(', ');
}

/**
 * The objects in `namespace` that would be deleted with it although this move does not delete
 * them, and the kinds Strata may not list there (which could hold anything).
 */
export async function otherContents(client: KubeClient, namespace: string, leaving: Set<string>): Promise<{ found: KubeObject[]; unreadable: string[] }> {
  const kinds = new Map<string, { apiVersion: string; kind: string }>();
  for (const r of await client.resources()) {
    if (!r.namespaced || !r.verbs.includes('list')) continue;
    const id = `${r.group}/${r.kind}`;
    if (!kinds.has(id)) kinds.set(id, { apiVersion: r.group ? `${r.group}/${r.version}` : r.version, kind: r.kind });
  }
  const found: KubeObject[] = [];
  const unreadable: string[] = [];
  await inParallel([...kinds.values()], CONCURRENCY, async ({ apiVersion, kind }) => {
    let objects: KubeObject[];
    try {
      objects = await client.list(apiVersion, kind, { namespace });
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 403) return void unreadable.push(`${kind} (${apiVersion})`);
      // A kind whose CRD went a moment ago (discovery is cached) holds nothing.
      if (error instanceof KubeApiError && error.status === 404) return;
      throw error;
    }
    for (const object of objects) if (!isSystemMade(object) && !leaving.has(keyOf(object))) found.push(object);
  });
  return { found, unreadable: unreadable.sort() };
}

/** The custom resources of a CRD that exist and that this move does not delete. */
async function remainingInstances(client: KubeClient, crd: KubeObject, leaving: Set<string>): Promise<KubeObject[] | 'forbidden'> {
  const version = (crd.spec?.versions ?? []).find((v: { served?: boolean }) => v.served !== false)?.name;
  const kind = crd.spec?.names?.kind;
  if (!version || !kind) return [];
  try {
    return (await client.list(`${crd.spec.group}/${version}`, kind)).filter((o) => !leaving.has(keyOf(o)));
  } catch (error) {
    if (error instanceof KubeApiError && error.status === 403) return 'forbidden';
    if (error instanceof KubeApiError && error.status === 404) return [];
    throw error;
  }
}

export async function judgeRemoval(context: RemovalContext, entry: InventoryObject, live: KubeObject | null): Promise<RemovalDecision> {
  if (!live) return { action: 'gone' };
  const ownership = ownershipOf(live, context.cluster, true);
  if (ownership.owner === 'other-cluster') {
    return { action: 'forget', reason: `now carries the mark of cluster "${ownership.cluster}"; left in place and dropped from this cluster's record` };
  }
  if (ownership.owner === 'nobody') {
    return { action: 'forget', reason: 'no longer carries this cluster\'s mark (removed outside Strata); left in place and dropped from the record' };
  }
  if (entry.uid && live.metadata.uid !== entry.uid) {
    return { action: 'forget', reason: 'was deleted and re-created outside Strata (another UID); left in place and dropped from the record' };
  }
  const keep = keepReason(live);
  if (keep) return { action: 'keep', reason: `${keep}; left in place and dropped from the record` };
  if (live.kind === 'CustomResourceDefinition' && !context.deleteCrdsWithResources) {
    const instances = await remainingInstances(context.client, live, context.leaving);
    if (instances === 'forbidden') {
      return { action: 'keep', reason: `Strata may not list ${live.spec.names.kind} resources to check that none remain (see docs/rbac.md); set delete_crds_with_resources = true to delete it anyway` };
    }
    if (instances.length > 0) {
      const where = [...new Set(instances.map((o) => o.metadata.namespace).filter(Boolean))].sort().slice(0, 5);
      return {
        action: 'keep',
        reason: `${plural(instances.length, `${live.spec.names.kind} custom resource`)} still exist${where.length ? ` (namespaces ${where.join(', ')})` : ''}, ` +
          'and deleting the CRD would delete them; set delete_crds_with_resources = true to delete both',
      };
    }
  }
  if (live.kind === 'Namespace' && !live.apiVersion.includes('/')) {
    const { found, unreadable } = await otherContents(context.client, live.metadata.name, context.leaving);
    if (found.length > 0) {
      return { action: 'keep', reason: `holds ${plural(found.length, 'object')} that this move does not delete (${countByKind(found)}), which deleting it would delete` };
    }
    if (unreadable.length > 0) {
      return { action: 'keep', reason: `Strata may not list ${unreadable.slice(0, 5).join(', ')}${unreadable.length > 5 ? ` and ${unreadable.length - 5} more kinds` : ''} in it to check that it holds nothing else (see docs/rbac.md)` };
    }
  }
  return { action: 'delete', uid: live.metadata.uid, resourceVersion: live.metadata.resourceVersion };
}

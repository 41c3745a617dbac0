// Drift: objects in the record that were deleted, whose Strata-owned fields were changed, or that
// lost this cluster's mark, behind Strata's back. Read with one LIST per kind and namespace, so
// refresh stays cheap for big profiles.
import type { KubeClient } from '../kube';
import { labelOf } from './inventory';
import { ownedDigest } from './managed-fields';
import { ownerManager, ownershipOf } from './ownership';
import type { InventoryLayer, InventoryObject } from './record';

export type DriftKind = 'deleted' | 'modified' | 'unmarked';

export interface DriftedObject { key: string; label: string; what: DriftKind }

const WORDS: Record<DriftKind, string> = {
  deleted: 'deleted outside Strata',
  modified: 'modified outside Strata',
  unmarked: 'no longer marked as this cluster\'s (changed outside Strata)',
};

export function describeDrift(drift: DriftedObject): string {
  return `${drift.label}: ${WORDS[drift.what]}`;
}

export async function detectDrift(client: KubeClient, cluster: string, inventory: InventoryLayer[]): Promise<DriftedObject[]> {
  const groups = new Map<string, InventoryObject[]>();
  for (const object of inventory.flatMap((layer) => layer.objects)) {
    const group = `${object.apiVersion}|${object.kind}|${object.namespace ?? ''}`;
    groups.set(group, [...(groups.get(group) ?? []), object]);
  }
  const drifted: DriftedObject[] = [];
  await Promise.all([...groups.values()].map(async (objects) => {
    const { apiVersion, kind, namespace } = objects[0]!;
    // A kind the server no longer serves (its CRD was deleted) lists as empty: all its objects are
    // gone. Any other failure is an error, never drift: a repair would force fields back.
    const live = await client.list(apiVersion, kind, namespace ? { namespace } : {});
    const byName = new Map(live.map((o) => [o.metadata.name, o]));
    for (const object of objects) {
      const current = byName.get(object.name);
      const drift = (what: DriftKind) => drifted.push({ key: object.key, label: labelOf(object), what });
      if (!current) drift('deleted');
      else if (ownershipOf(current, cluster, true).owner !== 'this') drift('unmarked');
      else if (ownedDigest(current, ownerManager(current, cluster)) !== object.owned) drift('modified');
    }
  }));
  return drifted.sort((a, b) => a.key.localeCompare(b.key));
}

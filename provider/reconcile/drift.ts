// Drift: objects in the record that were deleted, or whose Strata-owned fields were changed, behind
// Strata's back. Read with one LIST per kind and namespace, so refresh stays cheap for big profiles.
import type { KubeClient } from '../kube';
import { labelOf } from './inventory';
import { ownedDigest } from './managed-fields';
import { FIELD_MANAGER } from './engine';
import type { InventoryLayer, InventoryObject } from './record';

export interface DriftedObject { key: string; label: string; what: 'deleted' | 'modified' }

export function describeDrift(drift: DriftedObject): string {
  return `${drift.label}: ${drift.what} outside Strata`;
}

export async function detectDrift(client: KubeClient, inventory: InventoryLayer[]): Promise<DriftedObject[]> {
  const groups = new Map<string, InventoryObject[]>();
  for (const object of inventory.flatMap((layer) => layer.objects)) {
    const group = `${object.apiVersion}|${object.kind}|${object.namespace ?? ''}`;
    groups.set(group, [...(groups.get(group) ?? []), object]);
  }
  const drifted: DriftedObject[] = [];
  await Promise.all([...groups.values()].map(async (objects) => {
    const { apiVersion, kind, namespace } = objects[0];
    // A kind the server no longer serves (its CRD was deleted) lists as empty: all its objects are
    // gone. Any other failure is an error, never drift: a repair would force fields back.
    const live = await client.list(apiVersion, kind, namespace ? { namespace } : {});
    const byName = new Map(live.map((o) => [o.metadata.name, o]));
    for (const object of objects) {
      const current = byName.get(object.name);
      if (!current) drifted.push({ key: object.key, label: labelOf(object), what: 'deleted' });
      else if (ownedDigest(current, FIELD_MANAGER) !== object.owned) drifted.push({ key: object.key, label: labelOf(object), what: 'modified' });
    }
  }));
  return drifted.sort((a, b) => a.key.localeCompare(b.key));
}

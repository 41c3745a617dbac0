// Drift: objects in the record that were deleted, whose Strata-owned fields were changed, or that
// lost this cluster's mark, behind Strata's back. Read with one LIST per kind and namespace, so
// refresh stays cheap for big profiles.
import type { KubeClient } from '../kube';
import { labelOf } from './inventory';
import { ownedDigest } from './managed-fields';
import { ownerManager, ownershipOf } from './ownership';
import { readLive } from './live';
import type { InventoryLayer } from './record';

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
  const objects = inventory.flatMap((layer) => layer.objects);
  // One LIST per kind and namespace (a GET where listing is not allowed). A kind the server no
  // longer serves (its CRD was deleted) reads as empty: all its objects are gone. Any other failure
  // is an error, never drift: a repair would force fields back.
  const live = await readLive(client, objects, 1);
  const drifted: DriftedObject[] = [];
  for (const object of objects) {
    const current = live.get(object.key);
    const drift = (what: DriftKind) => drifted.push({ key: object.key, label: labelOf(object), what });
    if (!current) drift('deleted');
    else if (ownershipOf(current, cluster, true).owner !== 'this') drift('unmarked');
    else if (ownedDigest(current, ownerManager(current, cluster)) !== object.owned) drift('modified');
  }
  return drifted.sort((a, b) => a.key.localeCompare(b.key));
}

// What a move from the recorded inventory to newly rendered layers changes, object by object:
// the layer-by-layer diff a plan shows and apply carries out.
import type { RenderedLayer } from '../render';
import { objectDigest } from '../render';
import { keyOf, labelOf, refOf } from './inventory';
import type { InventoryLayer } from './record';

export type ChangeAction = 'add' | 'change' | 'repair' | 'remove';

export interface ObjectChange { layer: string; action: ChangeAction; key: string; label: string }

const SYMBOL: Record<ChangeAction, string> = { add: '+', change: '~', repair: '~', remove: '-' };

export function describeChange(change: ObjectChange): string {
  return `${change.layer}: ${SYMBOL[change.action]} ${change.label}${change.action === 'repair' ? ' (repair drift)' : ''}`;
}

/**
 * @param drifted keys of recorded objects that were changed or deleted outside Strata
 * @param prune whether objects that left the profile are removed (else they are left in place)
 */
export function planChanges(desired: RenderedLayer[], inventory: InventoryLayer[], drifted: Set<string>, prune: boolean): ObjectChange[] {
  const recorded = new Map(inventory.flatMap((layer) => layer.objects.map((o) => [o.key, o] as const)));
  const changes: ObjectChange[] = [];
  const wanted = new Set<string>();
  for (const layer of desired) {
    for (const object of layer.objects) {
      const key = keyOf(object);
      wanted.add(key);
      const before = recorded.get(key);
      const label = labelOf(refOf(object));
      if (!before) changes.push({ layer: layer.name, action: 'add', key, label });
      else if (before.digest !== objectDigest(object)) changes.push({ layer: layer.name, action: 'change', key, label });
      else if (drifted.has(key)) changes.push({ layer: layer.name, action: 'repair', key, label });
    }
  }
  if (prune) {
    for (const layer of inventory) {
      for (const object of layer.objects) {
        if (!wanted.has(object.key)) changes.push({ layer: layer.name, action: 'remove', key: object.key, label: labelOf(object) });
      }
    }
  }
  return changes;
}

// What a move from the recorded inventory to newly rendered layers changes, object by object:
// the layer-by-layer diff a plan shows and apply carries out.
import type { RenderedLayer } from '../render';
import { objectDigest } from '../render';
import { keyOf, labelOf, refOf } from './inventory';
import type { InventoryLayer } from './record';

/**
 * add/change/remove as usual; repair takes drifted fields back; adopt takes over an object created
 * outside Strata; replace deletes and re-creates (an immutable field changes); keep and forget
 * leave an object that leaves the profile in place and drop it from the record.
 */
export type ChangeAction = 'add' | 'adopt' | 'change' | 'repair' | 'replace' | 'remove' | 'keep' | 'forget' | 'hook';

export interface ObjectChange {
  layer: string;
  action: ChangeAction;
  key: string;
  label: string;
  reason?: string;
  /** For hooks: the phase they run in (`pre-install`, ...). */
  phase?: string;
}

const SIGN: Record<ChangeAction, string> = { add: '+', adopt: '+', change: '~', repair: '~', replace: '-/+', remove: '-', keep: 'keep', forget: 'forget', hook: 'hook' };

/** `layer: <sign> <apiVersion Kind namespace/name> (<why>)`, or `layer: hook <phase> <object>`: one line of the plan. */
export function describeChange(change: ObjectChange): string {
  const reason = change.reason ?? (change.action === 'repair' ? 'repair drift' : undefined);
  const sign = change.phase ? `${SIGN[change.action]} ${change.phase}` : SIGN[change.action];
  return `${change.layer}: ${sign} ${change.label}${reason ? ` (${reason})` : ''}`;
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

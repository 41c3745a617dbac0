// What a move from the recorded inventory to newly rendered layers changes, object by object:
// the layer-by-layer diff a plan shows and apply carries out.
import type { RenderedLayer } from '../render';
import { objectDigest } from '../render';
import type { FieldDiff } from './field-diff';
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
  /** The overrides whose content the object carries (RenderedLayer.overriddenBy). */
  overrides?: string[];
  /** For objects that exist and change: which fields, from the live object to the dry-run result. */
  fields?: FieldDiff;
}

const SIGN: Record<ChangeAction, string> = { add: '+', adopt: '+', change: '~', repair: '~', replace: '-/+', remove: '-', keep: 'keep', forget: 'forget', hook: 'hook' };

/** `layer: <sign> <apiVersion Kind namespace/name> (<why>)`, or `layer: hook <phase> <object>`: one line of the plan. */
export function describeChange(change: ObjectChange): string {
  const reason = change.reason ?? (change.action === 'repair' ? 'repair drift' : undefined);
  const sign = change.phase ? `${SIGN[change.action]} ${change.phase}` : SIGN[change.action];
  const overrides = change.overrides?.length ? ` (override ${change.overrides.map((name) => JSON.stringify(name)).join(', ')})` : '';
  return `${change.layer}: ${sign} ${change.label}${reason ? ` (${reason})` : ''}${overrides}`;
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
      const overrides = layer.overriddenBy?.get(key);
      const common = { layer: layer.name, key, label, ...(overrides?.length ? { overrides } : {}) };
      if (!before) changes.push({ ...common, action: 'add' });
      else if (before.digest !== objectDigest(object)) changes.push({ ...common, action: 'change' });
      else if (drifted.has(key)) changes.push({ ...common, action: 'repair' });
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

/** At most this many object lines in a plan; the rest is counted in the last line. */
export const OBJECT_LINE_LIMIT = 200;
/** Field lines for at most this many objects. */
export const DETAILED_OBJECT_LIMIT = 20;
const FIELD_INDENT = '     ';

/** A line of `planLines` that details a field of the object line above it. */
export function isFieldLine(line: string): boolean {
  return /^\S+: {5}/.test(line);
}

/**
 * What a plan shows: one line per object (describeChange), each changed object followed by its
 * field lines (`layer:     spec.replicas: 2 -> 3`), bounded by OBJECT_LINE_LIMIT and
 * DETAILED_OBJECT_LIMIT; a last line counts what is left out.
 * @param values whether a layer's field values are shown, or only its field paths
 */
export function planLines(changes: ObjectChange[], values: (layer: string) => boolean = () => true): string[] {
  const lines: string[] = [];
  let detailed = 0;
  for (const change of changes.slice(0, OBJECT_LINE_LIMIT)) {
    lines.push(describeChange(change));
    if (!change.fields || detailed >= DETAILED_OBJECT_LIMIT) continue;
    detailed++;
    const prefix = `${change.layer}:${FIELD_INDENT}`;
    for (const field of change.fields.fields) {
      lines.push(values(change.layer) ? `${prefix}${field.path}: ${field.before} -> ${field.after}` : `${prefix}${field.path} (values in the plan warning)`);
    }
    if (change.fields.more > 0) lines.push(`${prefix}... and ${change.fields.more} more field(s)`);
  }
  const undetailed = changes.filter((c) => c.fields).length - detailed;
  if (changes.length > OBJECT_LINE_LIMIT) {
    lines.push(`... and ${changes.length - OBJECT_LINE_LIMIT} more object(s) not listed here; the strata_rendered_layers data source lists every rendered object`);
  }
  if (undetailed > 0) lines.push(`... field changes shown for the first ${DETAILED_OBJECT_LIMIT} changed objects; ${undetailed} more changed object(s) not detailed`);
  return lines;
}

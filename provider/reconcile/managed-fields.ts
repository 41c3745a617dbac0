// Drift detection without storing objects: the API server records in metadata.managedFields which
// field manager owns which fields (server-side apply). Projecting the live object onto the fields
// Strata owns, and hashing that, gives a digest that changes when someone edits those fields:
// an edit by another manager moves the field out of Strata's set, and a value Strata owns can only
// change through Strata.
//
// FieldsV1 (sigs.k8s.io/structured-merge-diff) is a trie in JSON. Each key is
//   "."          the node itself is in the set (written only when children are listed too);
//   "f:<name>"   a field of a struct, or a key of a map;
//   "k:<json>"   a list element identified by its key fields, e.g. k:{"name":"web"};
//   "v:<json>"   a set element identified by its whole value, e.g. v:"example.com/finalizer";
//   "i:<n>"      a list element by index (atomic-free lists without keys).
// A key mapping to {} (or only to ".") is a leaf: the whole value at that path is owned.

import { canonicalJson } from '../profile/canonical';
import { sha256 } from '../profile/digest';
import type { KubeObject } from '../profile/kube-object';

/** A FieldsV1 trie, or the union of several. */
type FieldSet = { [key: string]: FieldSet };

type ManagedFieldsEntry = { manager?: string; operation?: string; fieldsType?: string; fieldsV1?: unknown; subresource?: string };

const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isLeaf(set: FieldSet): boolean {
  return Object.keys(set).every((key) => key === '.');
}

function union(into: FieldSet, from: unknown): FieldSet {
  if (!isObject(from)) return into;
  for (const [key, child] of Object.entries(from)) {
    into[key] = union(Object.hasOwn(into, key) ? into[key]! : {}, child);
  }
  return into;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
  }
  return false;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Does the path element `key` (k:, v: or i:) name the list element `item` at `index`? */
function matchesElement(key: string, item: unknown, index: number): boolean {
  const body = key.slice(2);
  switch (key.slice(0, 2)) {
    case 'i:':
      return String(index) === body;
    case 'v:': {
      const parsed = parseJson(body);
      return parsed.ok && deepEqual(parsed.value, item);
    }
    case 'k:': {
      const parsed = parseJson(body);
      if (!parsed.ok || !isObject(parsed.value) || !isObject(item)) return false;
      return Object.entries(parsed.value).every(([field, value]) => deepEqual(item[field], value));
    }
    default:
      return false;
  }
}

/** The union of the children of `set` that name the list element `item` at `index`, if any. */
function elementSet(set: FieldSet | undefined, item: unknown, index: number): FieldSet | undefined {
  if (!set) return undefined;
  let found: FieldSet | undefined;
  for (const [key, child] of Object.entries(set)) {
    if (matchesElement(key, item, index)) found = union(found ?? {}, child);
  }
  return found;
}

/** A child of `set`: the member of a struct or map. */
function fieldSet(set: FieldSet | undefined, name: string): FieldSet | undefined {
  return set && Object.hasOwn(set, `f:${name}`) ? set[`f:${name}`] : undefined;
}

/**
 * `value` without the parts below it that `others` own. Used where Strata owns a whole value
 * (a leaf): another manager may still own fields inside it, as when Strata applied
 * `resources: {}` and an autoscaler later set `resources.limits.cpu`. Such fields are not Strata's.
 */
function withoutOthers(value: unknown, others: FieldSet | undefined): unknown {
  if (!others || isLeaf(others)) return value;
  const ownedElsewhere = (child: FieldSet | undefined) => child !== undefined && (isLeaf(child) || Object.hasOwn(child, '.'));
  if (Array.isArray(value)) {
    return value
      .map((item, index) => ({ item, child: elementSet(others, item, index) }))
      .filter(({ child }) => !ownedElsewhere(child))
      .map(({ item, child }) => withoutOthers(item, child));
  }
  if (isObject(value)) {
    const result: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(value)) {
      const child = fieldSet(others, name);
      if (!ownedElsewhere(child)) result[name] = withoutOthers(member, child);
    }
    return result;
  }
  return value;
}

/** The parts of `value` that `owned` names; `others` is what the other managers own at the same path. */
function project(value: unknown, owned: FieldSet, others: FieldSet | undefined): unknown {
  if (isLeaf(owned)) return withoutOthers(value, others);
  if (Array.isArray(value)) {
    const result: unknown[] = [];
    value.forEach((item, index) => {
      const child = elementSet(owned, item, index);
      if (child) result.push(project(item, child, elementSet(others, item, index)));
    });
    return result;
  }
  if (isObject(value)) {
    const result: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(value)) {
      const child = fieldSet(owned, name);
      if (child) result[name] = project(member, child, fieldSet(others, name));
    }
    return result;
  }
  return value;
}

function entries(live: KubeObject): ManagedFieldsEntry[] {
  const list = live.metadata.managedFields;
  return Array.isArray(list) ? list.filter((e): e is ManagedFieldsEntry => isObject(e) && e.fieldsType === 'FieldsV1') : [];
}

/**
 * The parts of `live` owned by `manager` through Apply operations, as a plain object (lists keep
 * only owned elements, in live order), always with apiVersion, kind, metadata.name and
 * metadata.namespace (when set), which identify the object and are not recorded as owned.
 * Fields inside a wholly owned value that another manager owns are left out.
 */
export function ownedFields(live: KubeObject, manager: string): Record<string, unknown> {
  const mine = (e: ManagedFieldsEntry) => e.manager === manager && e.operation === 'Apply';
  const owned = entries(live).filter(mine).reduce<FieldSet>((set, e) => union(set, e.fieldsV1), {});
  const others = entries(live).filter((e) => !mine(e)).reduce<FieldSet>((set, e) => union(set, e.fieldsV1), {});
  const projected = isLeaf(owned) ? {} : (project(live, owned, others) as Record<string, unknown>);
  const metadata = isObject(projected.metadata) ? projected.metadata : {};
  return {
    ...projected,
    apiVersion: live.apiVersion,
    kind: live.kind,
    metadata: {
      ...metadata,
      name: live.metadata.name,
      ...(live.metadata.namespace ? { namespace: live.metadata.namespace } : {}),
    },
  };
}

/** sha256:<hex> of the canonical JSON (sorted keys) of ownedFields(live, manager). */
export function ownedDigest(live: KubeObject, manager: string): string {
  return sha256(canonicalJson(ownedFields(live, manager)));
}

// Cluster overrides (strata_cluster_override): per-cluster changes to one layer that outlive profile
// versions. This module is the pure part: the order of overrides, Helm-style values merging, the
// strategic-merge-style and RFC 6902 patches, each failing with a diagnostic that names the override
// and the patch operation. It never puts a value of an object into a message (it may be a Secret's).
import { applyOperation, JsonPatchError, type Operation } from 'fast-json-patch';
import { parseDocument } from 'yaml';
import { canonicalJson } from '../profile/canonical';
import { sha256 } from '../profile/digest';
import { DiagnosticError, type AttributePath } from '../protocol/diagnostics';
import type { KubeObject } from '../render';
import { keyOf } from './inventory';

export { mergeValues } from '../render/values-merge';

export interface OverrideTarget { apiVersion: string; kind: string; name: string; namespace?: string }

/** One `patch` block: exactly one of mergePatch and jsonPatch (YAML or JSON text). */
export interface OverridePatch { target: OverrideTarget; mergePatch?: string; jsonPatch?: string }

/** What an override changes. Kept in the record's definitions Secret (values may hold credentials). */
export interface OverrideContent { name: string; layer: string; values?: string; patches: OverridePatch[] }

/** What the record's head says of an override: who set it, when, and the digest of its content. */
export interface OverrideEntry { name: string; layer: string; description?: string; digest: string; by: string; time: string }

/**
 * Where a problem of an override is: `path` is relative to the override resource (`['values']`,
 * `['patch', 0, 'json_patch']`); the override resource points there, a cluster's plan at its profile.
 */
export type OverridePath = (override: string, path: AttributePath) => AttributePath;

/** The documented order: the overrides of one layer by name (code point order); a later one wins where two set the same field. */
export function sortOverrides<T extends { name: string; layer: string }>(overrides: T[]): T[] {
  return [...overrides].sort((a, b) => (a.layer === b.layer ? compare(a.name, b.name) : compare(a.layer, b.layer)));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function overrideDigest(content: OverrideContent): string {
  return sha256(canonicalJson(content));
}

/** `override "edge-replicas" (layer "app")`: how every message names an override. */
export const describeOverride = (o: { name: string; layer: string }) => `override "${o.name}" (layer "${o.layer}")`;

const isMap = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** One YAML (or JSON) document; a DiagnosticError naming `what` when it is not. */
export function parseYaml(text: string, what: string, path: AttributePath): unknown {
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    const error = document.errors[0]!;
    const position = error.linePos?.[0];
    throw new DiagnosticError('Invalid override', `${what} is not valid YAML or JSON${position ? ` (line ${position.line}, column ${position.col})` : ''}: ${error.code}. Fix it.`, path);
  }
  return document.toJS();
}

/** Lists whose items are all maps with a string `name` merge item by item (containers, env, ports, volumes). */
const mergesByName = (list: unknown[]) => list.every((item) => isMap(item) && typeof item.name === 'string');

/**
 * A strategic-merge-style patch: maps merge and a null removes the key; lists whose items (in the
 * object and in the patch) all have a `name` merge by name, where an item `{name: x, $patch: delete}`
 * removes item x and a new name is appended; every other list, and every scalar, replaces.
 */
export function strategicMerge(target: unknown, patch: unknown): unknown {
  if (!isMap(patch)) return patch;
  const result: Record<string, unknown> = isMap(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    const current = result[key];
    if (value === null) delete result[key];
    else if (Array.isArray(value) && Array.isArray(current) && mergesByName(value) && mergesByName(current)) result[key] = mergeByName(current, value);
    else result[key] = strategicMerge(current, value);
  }
  return result;
}

function mergeByName(current: unknown[], patch: unknown[]): unknown[] {
  const result = [...current] as Record<string, unknown>[];
  for (const item of patch as Record<string, unknown>[]) {
    const index = result.findIndex((existing) => existing.name === item.name);
    if (item.$patch === 'delete') {
      if (index >= 0) result.splice(index, 1);
    } else if (index >= 0) {
      result[index] = strategicMerge(result[index], item) as Record<string, unknown>;
    } else {
      result.push(item);
    }
  }
  return result;
}

const identity = (o: KubeObject) => `${o.apiVersion} ${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;

/**
 * `object` with the override's patch number `index` applied. A DiagnosticError (summary "Cluster
 * override does not apply") naming the override, the patch and the operation when it fails, and
 * when it would change the object's identity.
 */
export function applyOverridePatch(object: KubeObject, override: OverrideContent, index: number, pathOf: OverridePath): KubeObject {
  const patch = override.patches[index]!;
  const where = `${describeOverride(override)}, patch ${index + 1} (target ${labelOfTarget(patch.target)})`;
  let patched: KubeObject;
  if (patch.mergePatch !== undefined) {
    const path = pathOf(override.name, ['patch', index, 'merge_patch']);
    const value = parseYaml(patch.mergePatch, `merge_patch of ${where}`, path);
    if (!isMap(value)) throw new DiagnosticError('Invalid override', `merge_patch of ${where} must be a YAML mapping, such as "spec: {replicas: 3}".`, path);
    patched = strategicMerge(object, value) as KubeObject;
  } else {
    const path = pathOf(override.name, ['patch', index, 'json_patch']);
    const operations = parseYaml(patch.jsonPatch ?? '', `json_patch of ${where}`, path);
    if (!Array.isArray(operations)) throw new DiagnosticError('Invalid override', `json_patch of ${where} must be a list of RFC 6902 operations, such as [{op: replace, path: /spec/replicas, value: 3}].`, path);
    patched = jsonPatch(object, operations as Operation[], where, path);
  }
  if (identity(patched) !== identity(object)) {
    throw new DiagnosticError('Cluster override does not apply',
      `${where} changes the object's apiVersion, kind, name or namespace; an override changes an object of the layer, it cannot make another one. Target the object as the profile renders it and leave those fields alone.`,
      pathOf(override.name, ['patch', index, patch.mergePatch !== undefined ? 'merge_patch' : 'json_patch']));
  }
  return patched;
}

function jsonPatch(object: KubeObject, operations: Operation[], where: string, path: AttributePath): KubeObject {
  // A JSON copy: what the rendered objects are made of, and what canonical JSON takes.
  let document = JSON.parse(JSON.stringify(object)) as KubeObject;
  // One operation at a time, so that a failure names its operation (the library reports index 0 for any).
  operations.forEach((operation, index) => {
    try {
      document = applyOperation(document, operation, true, true, true, index).newDocument;
    } catch (error) {
      if (!(error instanceof JsonPatchError)) throw error;
      // The library's own message holds the whole document: only the operation's op and path are shown.
      const which = `operation ${index + 1} (${String((operation as { op?: unknown }).op)} ${String((operation as { path?: unknown }).path)})`;
      throw new DiagnosticError('Cluster override does not apply',
        `${where}: ${which} fails: ${REASONS[error.name] ?? error.name}. The object the profile renders no longer has what the patch expects; change the patch (or remove the override).`, path);
    }
  });
  return document;
}

const REASONS: Record<string, string> = {
  OPERATION_PATH_UNRESOLVABLE: 'its path does not exist in the object',
  OPERATION_FROM_UNRESOLVABLE: 'its from path does not exist in the object',
  OPERATION_PATH_CANNOT_ADD: 'its parent path does not exist in the object',
  OPERATION_PATH_ILLEGAL_ARRAY_INDEX: 'its path has an invalid list index',
  OPERATION_VALUE_OUT_OF_BOUNDS: 'its list index is past the end of the list',
  TEST_OPERATION_FAILED: 'the value at its path is not the one the test expects',
  OPERATION_OP_INVALID: 'op must be add, remove, replace, move, copy or test',
  OPERATION_PATH_INVALID: 'path must be a JSON pointer such as /spec/replicas',
  OPERATION_VALUE_REQUIRED: 'it needs a value',
  OPERATION_FROM_REQUIRED: 'it needs a from path',
  OPERATION_NOT_AN_OBJECT: 'it is not a map with op and path',
};

export const labelOfTarget = (t: OverrideTarget) => `${t.apiVersion} ${t.kind} ${t.namespace ? `${t.namespace}/` : ''}${t.name}`;

/** The object key of a patch target (keyOf compares by API group, not version). */
export const targetKey = (t: OverrideTarget) => keyOf({ apiVersion: t.apiVersion, kind: t.kind, name: t.name, ...(t.namespace ? { namespace: t.namespace } : {}) });

// Which fields of one object a move changes, with old and new values, as a plan shows them: the
// live object against what the API server says it becomes (the server-side dry run), so that only
// what Strata's apply really changes is listed, never what other managers or the server own.
import type { KubeObject } from '../kube';
import { isSecret } from '../render';

export interface FieldChange {
  /** `spec.replicas`, `spec.template.spec.containers[0].image`, `metadata.labels["app.kubernetes.io/name"]`. */
  path: string;
  /** Printable values: `(none)` when absent, `(sensitive value)` for Secret data. */
  before: string;
  after: string;
}

export interface FieldDiff {
  /** At most FIELD_LIMIT, in document order. */
  fields: FieldChange[];
  /** How many more fields change than `fields` lists. */
  more: number;
}

export const FIELD_LIMIT = 10;
const VALUE_LIMIT = 60;
export const SENSITIVE = '(sensitive value)';
const NONE = '(none)';

/** Set by the API server on every write, or not Strata's to change: never a change a reader acts on. */
const NOISE = new Set(['metadata.managedFields', 'metadata.resourceVersion', 'metadata.generation', 'metadata.creationTimestamp', 'metadata.uid',
  'metadata.selfLink', 'status', 'metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]']);

const secretPath = /^(data|stringData)(\.|\[|$)/;

function segment(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function show(value: unknown): string {
  if (value === undefined || value === null) return NONE;
  let text: string;
  if (typeof value === 'string') {
    // Bare when it cannot be mistaken for a number, a bool or null; quoted otherwise.
    const plain = /^[A-Za-z0-9._:/@=+,-]+$/.test(value) && !/^(true|false|null|-?\d[\d.e+-]*)$/i.test(value);
    text = plain ? value : JSON.stringify(value);
  } else {
    text = JSON.stringify(value);
  }
  return text.length > VALUE_LIMIT ? `${text.slice(0, VALUE_LIMIT - 3)}...` : text;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function walk(before: unknown, after: unknown, path: string, out: (path: string, before: unknown, after: unknown) => void): void {
  if (NOISE.has(path)) return;
  if (isRecord(before) && isRecord(after)) {
    const keys = [...Object.keys(after), ...Object.keys(before).filter((k) => !(k in after))];
    for (const key of keys) walk(before[key], after[key], `${path}${path ? segment(key) : key}`, out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    // By index: an item added at the end reads as `env[3]: (none) -> {...}`, not as the whole list.
    for (let i = 0; i < Math.max(before.length, after.length); i++) walk(before[i], after[i], `${path}[${i}]`, out);
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) out(path, before, after);
}

/**
 * The fields that differ between `live` and `after` (the dry-run result), or, where there is no
 * dry-run result (the change is a re-create, or the kind refuses dry runs), `desired` over the
 * fields it sets. Secret `data` and `stringData` values are never shown.
 */
export function diffFields(live: KubeObject, after: KubeObject, options: { onlySet?: boolean } = {}): FieldDiff {
  const secret = isSecret(live) || isSecret(after);
  const fields: FieldChange[] = [];
  let more = 0;
  const record = (path: string, old: unknown, now: unknown) => {
    if (options.onlySet && now === undefined) return;
    if (fields.length >= FIELD_LIMIT) return void more++;
    const masked = secret && secretPath.test(path);
    fields.push({ path, before: masked && old !== undefined ? SENSITIVE : show(old), after: masked && now !== undefined ? SENSITIVE : show(now) });
  };
  walk(live, after, '', record);
  return { fields, more };
}

// Secret values never leave the provider: a rendering shown for review keeps each Secret's keys
// and replaces each value with a marker that changes when the value changes.
import { createHash } from 'node:crypto';
import { isSecret, type KubeObject } from '../render';

/** Carries the whole Secret as kubectl last applied it, values included. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * `(redacted: sha256 <12 hex>)`. The digest is of the value's bytes (`data` decoded from base64, so
 * the same value gives the same marker in `data` and `stringData`), salted with the Secret's
 * namespace, name and key so that a digest cannot be looked up in a table of common passwords.
 */
export function redactedMarker(object: KubeObject, key: string, bytes: Buffer): string {
  const salt = `${object.metadata.namespace ?? ''}/${object.metadata.name}/${key}\0`;
  const digest = createHash('sha256').update(salt).update(bytes).digest('hex').slice(0, 12);
  return `(redacted: sha256 ${digest})`;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

function redactValues(object: KubeObject, values: unknown, decode: (value: string) => Buffer): unknown {
  if (values === null || typeof values !== 'object' || Array.isArray(values)) return values === undefined ? undefined : '(redacted)';
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, redactedMarker(object, key, decode(text(value)))]));
}

/** A copy of a v1 Secret with every value of `data` and `stringData` (and the last-applied annotation) redacted; other objects as given. */
export function redactSecret(object: KubeObject): KubeObject {
  if (!isSecret(object)) return object;
  const redacted: KubeObject = { ...object };
  if (object.data !== undefined) redacted.data = redactValues(object, object.data, (v) => Buffer.from(v, 'base64'));
  if (object.stringData !== undefined) redacted.stringData = redactValues(object, object.stringData, (v) => Buffer.from(v, 'utf8'));
  const annotations = object.metadata.annotations as Record<string, string> | undefined;
  if (annotations?.[LAST_APPLIED] !== undefined) {
    redacted.metadata = { ...object.metadata, annotations: { ...annotations, [LAST_APPLIED]: '(redacted)' } };
  }
  return redacted;
}

// Canonical JSON (RFC 8785 style), so that equal content always gives equal bytes and digests.
//
// Normalisation rules:
// - object members whose value is undefined or null are dropped: both mean "not set" (an
//   optional field left out of a document, or a Terraform null), so they must not change bytes;
// - everything else is kept as given, including empty strings, empty arrays and empty objects,
//   which Terraform and users distinguish from "not set";
// - array order is significant; an undefined or null array element is written as null;
// - object keys are sorted by UTF-16 code units (RFC 8785 section 3.2.3);
// - strings and numbers are written as ECMAScript JSON.stringify writes them (RFC 8785 3.2.2);
//   non-finite numbers, and values that are not plain JSON data, are rejected with a TypeError.

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A deep copy of `value` as plain JSON data, with unset (undefined or null) object members dropped. */
export function normalize(value: unknown): Json {
  if (value === undefined || value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON cannot hold the number ${value}`);
      return value;
    case 'object':
      if (Array.isArray(value)) return value.map(normalize);
      if (!isJsonObject(value)) throw new TypeError(`canonical JSON cannot hold a ${value.constructor?.name ?? 'non-plain'} object`);
      // fromEntries defines own properties, so a "__proto__" key stays data.
      return Object.fromEntries(
        Object.entries(value)
          .filter(([, member]) => member !== undefined && member !== null)
          .map(([key, member]) => [key, normalize(member)]),
      );
    default:
      throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
  }
}

/**
 * The canonical JSON text of `value`: compact when `indent` is 0 (the form that is hashed and
 * stored), otherwise indented by that many spaces per level with the same key order.
 */
export function canonicalJson(value: unknown, indent = 0): string {
  return write(normalize(value), indent > 0 ? ' '.repeat(indent) : '', '');
}

function write(value: Json, unit: string, outer: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const isArray = Array.isArray(value);
  // Keys sorted explicitly: JS objects list integer-like keys first, whatever their sort order.
  const entries: [string, Json][] = isArray
    ? value.map((item): [string, Json] => ['', item])
    : Object.keys(value)
        .sort()
        .map((key): [string, Json] => [JSON.stringify(key) + (unit ? ': ' : ':'), value[key]!]);
  const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return open + close;
  const inner = outer + unit;
  const items = entries.map(([prefix, child]) => prefix + write(child, unit, inner));
  return unit ? `${open}\n${inner}${items.join(`,\n${inner}`)}\n${outer}${close}` : open + items.join(',') + close;
}

/** A plain object, as JSON objects parse to (not an array, Date, Map or class instance). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

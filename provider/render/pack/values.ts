// A pack layer's values: the layer's YAML mapping merged over the pack's defaults (maps key by
// key, a null removes a key, anything else replaced, as Helm merges values files), then checked against the pack's
// values schema with ajv.
import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv/dist/2020';
import { parse } from 'yaml';
import { canonicalJson, isJsonObject } from '../../profile/canonical';
import { sha256 } from '../../profile/digest';

type Values = Record<string, unknown>;

export { mergeValues } from '../values-merge';

/** The layer's values text as a mapping ({} when empty); an Error when it is not one mapping. */
export function parseValues(text: string | undefined | null): Values {
  if (text === undefined || text === null || text.trim() === '') return {};
  let value: unknown;
  try {
    value = parse(text);
  } catch (err) {
    throw new Error(`the values are not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (value === null || value === undefined) return {};
  if (!isJsonObject(value)) throw new Error('the values must be a YAML mapping (e.g. "replicas: 2"), not a list or a scalar');
  return value as Values;
}

// Pack schemas are written by pack authors: unknown keywords (draft-07 habits) are let through.
// addUsedSchema off: the instance keeps no schema by its $id, so the same pack's schema (another
// render, another cluster) compiles again instead of clashing with itself.
const ajv = new Ajv2020({ allErrors: true, strict: false, addUsedSchema: false });
// By content, as each render reads the schema into a new object.
const compiled = new Map<string, ValidateFunction>();

/** What is wrong with `values` by `schema`, one line per problem; empty when they fit. Throws on a schema ajv cannot compile. */
export function valuesProblems(schema: Values, values: Values): string[] {
  const key = sha256(canonicalJson(schema));
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  if (validate(values)) return [];
  return (validate.errors ?? []).map((e) => {
    const at = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : '(the values)';
    const extra = e.keyword === 'additionalProperties' ? ` (${JSON.stringify((e.params as { additionalProperty: string }).additionalProperty)})`
      : e.keyword === 'enum' ? ` (${((e.params as { allowedValues: unknown[] }).allowedValues).map((v) => JSON.stringify(v)).join(', ')})` : '';
    return `${at} ${e.message ?? 'is invalid'}${extra}`;
  });
}

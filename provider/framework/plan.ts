// Planning shared by every resource: what the schema alone decides about a planned value.
import { Unknown, isCtyNumber, numbersEqual, type CtyValue } from '../protocol/cty';
import type { AttributePath, Diagnostics } from '../protocol/diagnostics';
import type { ObjectSchema } from './schema';
import { walkAttributes } from './schema';

export function valuesEqual(a: CtyValue, b: CtyValue): boolean {
  if (a instanceof Unknown || b instanceof Unknown) return false;
  if (a === b) return true;
  if (isCtyNumber(a) && isCtyNumber(b)) return numbersEqual(a, b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  // Own members only: a map key such as "constructor" must not find Object.prototype's.
  const member = (v: object, key: string) => (Object.hasOwn(v, key) ? (v as Record<string, CtyValue>)[key] ?? null : null);
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (!valuesEqual(member(a, key), member(b, key))) return false;
  }
  return true;
}

/**
 * Fills in what Terraform's proposed value leaves open: defaults for unset optional+computed
 * attributes, and unknown for computed attributes that have no value yet (so the plan says
 * "known after apply" rather than promising a null).
 */
export function planFromSchema(schema: ObjectSchema, proposed: Record<string, CtyValue>, config: Record<string, CtyValue> | null, creating: boolean): Record<string, CtyValue> {
  const planned: Record<string, CtyValue> = { ...proposed };
  for (const [name, attr] of Object.entries(schema.attributes)) {
    if (!attr.computed) continue;
    const configured = config?.[name] ?? null;
    if (configured !== null) continue;
    if (attr.default !== undefined) planned[name] = attr.default;
    else if (creating && (planned[name] ?? null) === null) planned[name] = new Unknown();
  }
  for (const [name, block] of Object.entries(schema.blocks)) {
    const value = planned[name];
    const blockConfig = config?.[name] ?? null;
    if (block.nesting === 'single') {
      if (value !== null && typeof value === 'object' && !(value instanceof Unknown)) {
        planned[name] = planFromSchema(block, value as Record<string, CtyValue>, blockConfig as Record<string, CtyValue> | null, creating);
      }
    } else if (Array.isArray(value)) {
      planned[name] = value.map((element, i) => planFromSchema(block, element as Record<string, CtyValue>,
        Array.isArray(blockConfig) ? blockConfig[i] as Record<string, CtyValue> : null, creating));
    }
  }
  return planned;
}

/** Paths of requiresReplace attributes and blocks whose planned value differs from the prior one. */
export function replacePaths(schema: ObjectSchema, prior: Record<string, CtyValue>, planned: Record<string, CtyValue>): AttributePath[] {
  const paths: AttributePath[] = [];
  for (const [name, attr] of Object.entries(schema.attributes)) {
    if (attr.requiresReplace && !valuesEqual(prior[name] ?? null, planned[name] ?? null)) paths.push([name]);
  }
  for (const [name, block] of Object.entries(schema.blocks)) {
    if (block.requiresReplace && !valuesEqual(prior[name] ?? null, planned[name] ?? null)) paths.push([name]);
  }
  return paths;
}

/** Runs each attribute's validators on the known, non-null values of a configuration. */
export function runValidators(schema: ObjectSchema, config: Record<string, CtyValue>, diagnostics: Diagnostics): void {
  for (const { attr, value, path } of walkAttributes(schema, config)) {
    if (!attr.validators || value === null || value === undefined || value instanceof Unknown) continue;
    for (const validator of attr.validators) {
      const problem = validator(value);
      if (problem) diagnostics.error(`Invalid value for ${path.filter((s) => typeof s === 'string').at(-1)}`, problem, path);
    }
  }
}

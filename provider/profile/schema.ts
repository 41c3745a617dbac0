// Structural validation against schemas/profile.schema.json, with ajv's errors turned into
// issues that name the field, the value and the fix.
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import schema from '../../schemas/profile.schema.json';
import { describeValue, formatPath, listWords } from './issues';
import type { ProfileIssue } from './model';

type Path = ProfileIssue['path'];

/** What to validate: a whole document, or one of the schema's `$defs` (for content from Terraform). */
export type SchemaTarget = 'document' | 'layers' | 'metadata' | 'variables';

export const PROFILE_SCHEMA_ID: string = schema.$id;

let ajv: Ajv2020 | undefined;

// Compiled on first use only, so that loading the module stays cheap; ajv caches each target.
function validator(target: SchemaTarget): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv2020({ allErrors: true, verbose: true });
    addFormats(ajv);
    ajv.addSchema(schema);
  }
  const ref = target === 'document' ? schema.$id : `${schema.$id}#/$defs/${target}`;
  const validate = ajv.getSchema(ref);
  if (!validate) throw new Error(`profile schema has no ${ref}`);
  return validate;
}

/** Schema issues for `value`; `prefix` is where `value` sits in a document. */
export function schemaIssues(target: SchemaTarget, value: unknown, prefix: Path = []): ProfileIssue[] {
  const validate = validator(target);
  if (validate(value)) return [];
  return (validate.errors ?? [])
    // A layer's oneOf only says which source is required; the failed oneOf itself is reported
    // (and replaced by the semantic check, which names the sources), not each branch.
    .filter((error) => !/\/oneOf\/\d+\//.test(error.schemaPath))
    .map((error) => toIssue(error, [...prefix, ...pointerToPath(error.instancePath, value)]));
}

function toIssue(error: ErrorObject, path: Path): ProfileIssue {
  const params = error.params as Record<string, unknown>;
  const found = describeValue(error.data);
  const where = formatPath(path);
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      const guess = closest(field, allowed);
      return {
        path: [...path, field],
        summary: 'Unknown field',
        detail:
          `There is no field ${JSON.stringify(field)} in ${where}.` +
          (guess ? ` Did you mean ${JSON.stringify(guess)}?` : '') +
          ` Allowed fields: ${allowed.join(', ')}. Remove or rename it.`,
      };
    }
    case 'required': {
      const field = String(params.missingProperty);
      return {
        path: [...path, field],
        summary: 'Missing required field',
        detail: `The required field ${JSON.stringify(field)} is missing from ${where}. Add it.`,
      };
    }
    case 'type': {
      const expected = withArticle(String(params.type));
      return { path, summary: 'Wrong type', detail: `Expected ${expected}, found ${found}. Change it to ${expected}.` };
    }
    case 'const': {
      const expected = JSON.stringify(params.allowedValue);
      return { path, summary: 'Unsupported value', detail: `Expected ${expected}, found ${found}. Set it to ${expected}.` };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ');
      return { path, summary: 'Unsupported value', detail: `${capitalize(found)} is not allowed. Use one of: ${allowed}.` };
    }
    case 'pattern':
    case 'format': {
      const format = String(params.format);
      const what = error.keyword === 'format' ? `a valid ${format === 'uri' ? 'URI' : format}` : 'valid';
      const expected = (error.parentSchema?.description as string | undefined) ?? `a value matching ${String(params.pattern)}.`;
      return { path, summary: 'Invalid value', detail: `${capitalize(found)} is not ${what}. Expected: ${expected} Correct the value.` };
    }
    case 'minLength':
    case 'maxLength': {
      const limit = Number(params.limit);
      if (error.keyword === 'minLength' && limit === 1) return { path, summary: 'Empty value', detail: 'The value is empty. Give a non-empty string.' };
      const length = typeof error.data === 'string' ? error.data.length : 0;
      return error.keyword === 'minLength'
        ? { path, summary: 'Value too short', detail: `The value has ${length} characters. Use at least ${limit}.` }
        : { path, summary: 'Value too long', detail: `The value has ${length} characters. Shorten it to at most ${limit}.` };
    }
    case 'minimum':
      return { path, summary: 'Value too small', detail: `Expected ${String(params.limit)} or more, found ${found}. Use a larger number.` };
    case 'uniqueItems': {
      const [earlier, later] = [Number(params.i), Number(params.j)].sort((x, y) => x - y) as [number, number];
      return {
        path: [...path, later],
        summary: 'Duplicate item',
        detail: `Item ${later} repeats item ${earlier} (${JSON.stringify((error.data as unknown[])[later])}). Remove the duplicate.`,
      };
    }
    case 'oneOf': {
      // The layer's oneOf: each branch requires one source field.
      const choices = (error.schema as { required?: string[] }[]).flatMap((branch) => branch.required ?? []);
      return { path, summary: 'Exactly one source required', detail: `Exactly one of ${listWords(choices, 'or')} must be set. Keep one and remove the others.` };
    }
    default:
      return { path, summary: 'Invalid value', detail: `${capitalize(found)} ${error.message ?? 'is not valid'}. Correct it to follow ${PROFILE_SCHEMA_ID}.` };
  }
}

/** A JSON pointer as a path; array indices become numbers, by looking at the data they index. */
function pointerToPath(pointer: string, root: unknown): Path {
  const path: Path = [];
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const key = Array.isArray(node) ? Number(segment) : segment;
    path.push(key);
    node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined;
  }
  return path;
}

/** The allowed field a misspelt one most likely meant: same letters ignoring case and '_', or at most two edits away. */
function closest(field: string, allowed: string[]): string | undefined {
  const loose = (name: string) => name.toLowerCase().replace(/[_-]/g, '');
  const same = allowed.find((name) => loose(name) === loose(field));
  if (same) return same;
  const ranked = allowed.map((name) => ({ name, distance: editDistance(field, name) })).sort((a, b) => a.distance - b.distance);
  return ranked[0] && ranked[0].distance <= Math.min(2, Math.floor(field.length / 2)) ? ranked[0].name : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** `a string`, `an integer`: JSON Schema type names for prose. */
function withArticle(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

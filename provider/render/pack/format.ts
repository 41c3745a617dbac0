// The pack format: pack.yaml (schemas/pack.schema.json) and a registry's index.json
// (schemas/pack-index.schema.json), checked with ajv. Problems are plain sentences; callers say where.
import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv/dist/2020';
import { parse } from 'yaml';
import packSchema from '../../../schemas/pack.schema.json';
import indexSchema from '../../../schemas/pack-index.schema.json';
import { isExactVersion } from './resolve';

export type PackType = 'helm' | 'manifest';

/** pack.yaml. */
export interface PackMetadata {
  name: string;
  version: string;
  description?: string;
  type: PackType;
  namespace?: string;
  values?: Record<string, unknown>;
  valuesSchema?: Record<string, unknown>;
}

/** One version of a pack as a registry lists it. */
export interface PackVersionEntry {
  /** Where the archive is: a path relative to the index (directory, https), or a tag (OCI). */
  path: string;
  /** `sha256:<hex>` of the archive. */
  digest: string;
  type: PackType;
  description?: string;
}

export interface PackIndex {
  apiVersion: 'strata.dev/v1alpha1';
  kind: 'PackIndex';
  packs: Record<string, { versions: Record<string, PackVersionEntry> }>;
}

export const PACK_FILE = 'pack.yaml';
export const INDEX_FILE = 'index.json';

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function validator(schema: { $id: string }): ValidateFunction {
  ajv ??= new Ajv2020({ allErrors: true });
  let validate = compiled.get(schema.$id);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema.$id, validate);
  }
  return validate;
}

/** ajv's errors as one sentence: `/packs/web/versions/1.0.0/digest must match pattern ...`. */
function ajvProblems(validate: ValidateFunction): string {
  return (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '(top)'} ${e.message ?? 'is invalid'}`).join('; ');
}

/** pack.yaml's text as metadata, or an Error saying what is wrong with it. */
export function parsePackMetadata(text: string): PackMetadata {
  let value: unknown;
  try {
    value = parse(text);
  } catch (err) {
    throw new Error(`${PACK_FILE} is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const validate = validator(packSchema);
  if (!validate(value)) throw new Error(`${PACK_FILE} does not match schemas/pack.schema.json: ${ajvProblems(validate)}`);
  const metadata = value as PackMetadata;
  if (metadata.type === 'manifest' && (metadata.values !== undefined || metadata.valuesSchema !== undefined || metadata.namespace !== undefined)) {
    throw new Error(`${PACK_FILE}: values, valuesSchema and namespace are for helm packs; a manifest pack applies its manifests as written`);
  }
  return metadata;
}

/** index.json's text as an index, or an Error saying what is wrong with it. */
export function parsePackIndex(text: string): PackIndex {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(`${INDEX_FILE} is not valid JSON: ${(err as Error).message}`);
  }
  const validate = validator(indexSchema);
  if (!validate(value)) throw new Error(`${INDEX_FILE} does not match schemas/pack-index.schema.json: ${ajvProblems(validate)}`);
  const index = value as PackIndex;
  for (const [name, pack] of Object.entries(index.packs)) {
    for (const version of Object.keys(pack.versions)) {
      if (!isExactVersion(version)) throw new Error(`${INDEX_FILE}: pack ${JSON.stringify(name)} lists version ${JSON.stringify(version)}, which is not an exact semantic version`);
    }
  }
  return index;
}

export function emptyIndex(): PackIndex {
  return { apiVersion: 'strata.dev/v1alpha1', kind: 'PackIndex', packs: {} };
}

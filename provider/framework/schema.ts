// Declare a schema once. Attributes and blocks are plain objects built by the helpers below; from
// one declaration the framework derives the cty type, the protocol schema, the TypeScript model type
// (ModelOf), the plan behaviour (computed, defaults, requires-replace, sensitive) and the docs.
import type { CtyType, CtyValue } from '../protocol/cty';
import type { AttributePath } from '../protocol/diagnostics';

/** A check on a known, non-null value; returns a problem description or undefined. */
export type Validator = (value: any) => string | undefined;

interface AttributeOptions {
  description: string;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  /** A change of this attribute replaces the object instead of updating it. */
  requiresReplace?: boolean;
  /** Value planned when the configuration leaves an optional attribute unset. */
  default?: CtyValue;
  validators?: Validator[];
  deprecated?: string;
}

export interface Attribute<T = unknown> extends AttributeOptions {
  kind: 'attribute';
  type: CtyType;
  /** Present for nested attributes (an object, or a collection of objects, with its own attributes). */
  nested?: { nesting: 'single' | 'list' | 'set' | 'map'; attributes: Attributes };
  /** Phantom: the TypeScript type of a known value. */
  readonly _model?: T;
}

export type Attributes = Record<string, Attribute>;

export interface Block<T = unknown> {
  kind: 'block';
  nesting: 'single' | 'list' | 'set';
  description: string;
  attributes: Attributes;
  blocks: Blocks;
  minItems?: number;
  maxItems?: number;
  requiresReplace?: boolean;
  readonly _model?: T;
}

export type Blocks = Record<string, Block>;

export interface ObjectSchema { attributes: Attributes; blocks: Blocks }

export interface ResourceSchema extends ObjectSchema {
  /** Bumped when the stored shape changes; the resource then upgrades older states. */
  version: number;
  description: string;
  /** How to import it (Markdown): the import ID's forms, for the docs' Import section. */
  import?: string;
}

export type ModelOf<S extends { attributes: Attributes; blocks?: Blocks }> =
  { [K in keyof S['attributes']]: S['attributes'][K] extends Attribute<infer T> ? T | null : never } &
  (S['blocks'] extends Blocks ? { [K in keyof S['blocks']]: S['blocks'][K] extends Block<infer T> ? T : never } : unknown);

const attribute = <T>(type: CtyType, options: AttributeOptions): Attribute<T> => ({ kind: 'attribute', type, ...options });

/** An attribute of any cty type; T is the TypeScript type of its known value. */
export const typedAttribute = <T>(type: CtyType, options: AttributeOptions): Attribute<T> => attribute<T>(type, options);

export const string = (options: AttributeOptions) => attribute<string>('string', options);
export const number = (options: AttributeOptions) => attribute<number>('number', options);
export const bool = (options: AttributeOptions) => attribute<boolean>('bool', options);
export const stringMap = (options: AttributeOptions) => attribute<Record<string, string>>(['map', 'string'], options);
export const stringList = (options: AttributeOptions) => attribute<string[]>(['list', 'string'], options);

// Schemas are declared once and never change, so each one's type is derived once: every request
// decodes and encodes against it.
const objectTypes = new WeakMap<object, CtyType>();

export function objectType(schema: { attributes: Attributes; blocks?: Blocks }): CtyType {
  let type = objectTypes.get(schema);
  if (!type) objectTypes.set(schema, (type = deriveObjectType(schema)));
  return type;
}

function deriveObjectType(schema: { attributes: Attributes; blocks?: Blocks }): CtyType {
  const members: Record<string, CtyType> = {};
  for (const [name, attr] of Object.entries(schema.attributes)) members[name] = attr.type;
  for (const [name, block] of Object.entries(schema.blocks ?? {})) {
    const element = objectType(block);
    members[name] = block.nesting === 'single' ? element : [block.nesting, element];
  }
  return ['object', members];
}

/** A nested attribute holding one object. */
export function nestedObject<A extends Attributes>(attributes: A, options: AttributeOptions): Attribute<ModelOf<{ attributes: A }>> {
  return { kind: 'attribute', type: objectType({ attributes }), nested: { nesting: 'single', attributes }, ...options };
}

/** A nested attribute holding a list of objects. */
export function nestedList<A extends Attributes>(attributes: A, options: AttributeOptions): Attribute<ModelOf<{ attributes: A }>[]> {
  return { kind: 'attribute', type: ['list', objectType({ attributes })], nested: { nesting: 'list', attributes }, ...options };
}

type BlockOptions<A extends Attributes, B extends Blocks> = {
  description: string; attributes: A; blocks?: B; minItems?: number; maxItems?: number; requiresReplace?: boolean;
};

export function listBlock<A extends Attributes, B extends Blocks = {}>(options: BlockOptions<A, B>): Block<ModelOf<{ attributes: A; blocks: B }>[]> {
  return { kind: 'block', nesting: 'list', blocks: {} as B, ...options };
}

/** A block that may appear at most once; absent means null. */
export function singleBlock<A extends Attributes, B extends Blocks = {}>(options: BlockOptions<A, B>): Block<ModelOf<{ attributes: A; blocks: B }> | null> {
  return { kind: 'block', nesting: 'single', blocks: {} as B, ...options };
}

/** Every attribute (at any depth, blocks included) with its path, for plan and validation walks. */
export function* walkAttributes(schema: ObjectSchema, value: any, path: AttributePath = []): Generator<{ attr: Attribute; value: any; path: AttributePath }> {
  if (value === null || typeof value !== 'object') return;
  for (const [name, attr] of Object.entries(schema.attributes)) yield { attr, value: value[name], path: [...path, name] };
  for (const [name, block] of Object.entries(schema.blocks)) {
    const inner = value[name];
    if (block.nesting === 'single') yield* walkAttributes(block, inner, [...path, name]);
    else if (Array.isArray(inner)) for (let i = 0; i < inner.length; i++) yield* walkAttributes(block, inner[i], [...path, name, i]);
  }
}

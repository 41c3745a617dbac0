// From a declared schema to the tfplugin6 Schema message (what `tofu providers schema -json` prints).
import { typeJson } from '../protocol/cty';
import type { Attribute, Attributes, Block, Blocks } from './schema';

const MARKDOWN = 1;
const BLOCK_NESTING = { single: 1, list: 2, set: 3 } as const;
const OBJECT_NESTING = { single: 1, list: 2, set: 3, map: 4 } as const;

function wireAttribute(name: string, attr: Attribute): Record<string, unknown> {
  const base = {
    name,
    description: attr.description,
    description_kind: MARKDOWN,
    required: !!attr.required,
    optional: !!attr.optional,
    computed: !!attr.computed,
    sensitive: !!attr.sensitive,
    deprecated: !!attr.deprecated,
    deprecation_message: attr.deprecated ?? '',
  };
  if (attr.nested) {
    return { ...base, nested_type: { attributes: wireAttributes(attr.nested.attributes), nesting: OBJECT_NESTING[attr.nested.nesting] } };
  }
  return { ...base, type: Buffer.from(typeJson(attr.type)) };
}

function wireAttributes(attributes: Attributes): Record<string, unknown>[] {
  return Object.entries(attributes).map(([name, attr]) => wireAttribute(name, attr));
}

function wireBlock(schema: { description: string; attributes: Attributes; blocks: Blocks }, version = 0): Record<string, unknown> {
  return {
    version,
    description: schema.description,
    description_kind: MARKDOWN,
    attributes: wireAttributes(schema.attributes),
    block_types: Object.entries(schema.blocks).map(([name, block]: [string, Block]) => ({
      type_name: name,
      block: wireBlock(block),
      nesting: BLOCK_NESTING[block.nesting],
      min_items: block.minItems ?? 0,
      max_items: block.nesting === 'single' ? 0 : block.maxItems ?? 0,
    })),
  };
}

export function wireSchema(schema: { version?: number; description: string; attributes: Attributes; blocks: Blocks }): Record<string, unknown> {
  return { version: schema.version ?? 0, block: wireBlock(schema, schema.version ?? 0) };
}

// From a provider definition to the document `tofu providers schema -json` prints, derived in
// process: what CDKTF's provider generator reads to generate bindings. Empty and false fields are
// left out, as OpenTofu and Terraform leave them out.
import { typeJson } from '../protocol/cty';
import type { ProviderDefinition } from './provider-server';
import type { Attribute, Attributes, Block, Blocks } from './schema';

type Json = Record<string, unknown>;

/** Only the fields that are set: booleans that are true, strings that are not empty. */
function present(fields: Json): Json {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== false && v !== '' && v !== 0));
}

function attributeJson(attr: Attribute): Json {
  return present({
    type: attr.nested ? undefined : JSON.parse(typeJson(attr.type)),
    nested_type: attr.nested ? { attributes: attributesJson(attr.nested.attributes), nesting_mode: attr.nested.nesting } : undefined,
    description: attr.description,
    description_kind: 'markdown',
    deprecated: !!attr.deprecated,
    required: !!attr.required,
    optional: !!attr.optional,
    computed: !!attr.computed,
    sensitive: !!attr.sensitive,
  });
}

function attributesJson(attributes: Attributes): Json {
  return Object.fromEntries(Object.entries(attributes).map(([name, attr]) => [name, attributeJson(attr)]));
}

function blockJson(schema: { description: string; attributes: Attributes; blocks: Blocks }): Json {
  const blockTypes = Object.entries(schema.blocks).map(([name, block]: [string, Block]) => [name, present({
    nesting_mode: block.nesting,
    block: blockJson(block),
    min_items: block.minItems,
    max_items: block.nesting === 'single' ? undefined : block.maxItems,
  })]);
  return present({
    attributes: Object.keys(schema.attributes).length > 0 ? attributesJson(schema.attributes) : undefined,
    block_types: blockTypes.length > 0 ? Object.fromEntries(blockTypes) : undefined,
    description: schema.description,
    description_kind: 'markdown',
  });
}

function schemaJson(schema: { version?: number; description: string; attributes: Attributes; blocks: Blocks }): Json {
  return { version: schema.version ?? 0, block: blockJson(schema) };
}

/** The schemas of the provider at `source` (a full address: host/namespace/name). */
export function providerSchemaJson(definition: ProviderDefinition, source: string): Json {
  return {
    format_version: '1.0',
    provider_schemas: {
      [source]: {
        provider: schemaJson(definition.schema),
        resource_schemas: Object.fromEntries(definition.resources.map((r) => [r.typeName, schemaJson(r.schema)])),
        data_source_schemas: Object.fromEntries(definition.dataSources.map((d) => [d.typeName, schemaJson(d.schema)])),
      },
    },
  };
}

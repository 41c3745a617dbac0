// Markdown reference docs derived from the declared schemas, so docs never drift from the code.
import type { CtyType } from '../protocol/cty';
import { callSyntax, type ProviderFunction } from './function';
import type { Attribute, Attributes, Block, Blocks } from './schema';

/** `string`, `list of string`, `map of object`. */
function typeText(t: CtyType): string {
  return typeof t === 'string' ? t : `${t[0]} of ${typeof t[1] === 'string' ? t[1] : 'object'}`;
}

function typeName(attr: Attribute): string {
  if (attr.nested) return attr.nested.nesting === 'single' ? 'object' : `${attr.nested.nesting} of object`;
  return typeText(attr.type);
}

function flags(attr: Attribute): string {
  const parts = [attr.required ? 'required' : attr.optional ? 'optional' : 'computed'];
  if (attr.optional && attr.computed) parts.push('computed');
  if (attr.sensitive) parts.push('sensitive');
  if (attr.requiresReplace) parts.push('forces replacement');
  if (attr.default !== undefined) parts.push(`default \`${JSON.stringify(attr.default)}\``);
  return parts.join(', ');
}

function attributeLines(attributes: Attributes, indent: string, filter: (a: Attribute) => boolean): string[] {
  return Object.entries(attributes).filter(([, a]) => filter(a)).flatMap(([name, attr]) => [
    `${indent}- \`${name}\` (${typeName(attr)}, ${flags(attr)}): ${attr.description}`,
    ...(attr.nested ? attributeLines(attr.nested.attributes, indent + '  ', () => true) : []),
  ]);
}

function blockLines(blocks: Blocks, indent: string): string[] {
  return Object.entries(blocks).flatMap(([name, block]: [string, Block]) => [
    `${indent}- \`${name}\` block (${block.nesting === 'single' ? 'at most one' : block.minItems ? `at least ${block.minItems}` : 'any number'}): ${block.description}`,
    ...attributeLines(block.attributes, indent + '  ', () => true),
    ...blockLines(block.blocks, indent + '  '),
  ]);
}

type DocumentedSchema = { description: string; attributes: Attributes; blocks: Blocks };

export function resourceDoc(typeName: string, schema: DocumentedSchema): string {
  return schemaDoc(typeName, schema);
}

/** A data source: its arguments and the attributes a read fills in, headed apart from the resource of the same name a provider may have. */
export function dataSourceDoc(typeName: string, schema: DocumentedSchema): string {
  return schemaDoc(`${typeName} (data source)`, schema);
}

function schemaDoc(heading: string, schema: DocumentedSchema): string {
  const configurable = (a: Attribute) => !!(a.required || a.optional);
  return [
    `## ${heading}`,
    '',
    schema.description,
    '',
    '### Arguments',
    '',
    ...attributeLines(schema.attributes, '', configurable),
    ...blockLines(schema.blocks, ''),
    '',
    '### Attributes',
    '',
    ...attributeLines(schema.attributes, '', (a) => !configurable(a)),
    '',
  ].join('\n');
}

/** A provider function: call, parameters, result and an example, from its declaration. */
export function functionDoc(providerName: string, fn: ProviderFunction): string {
  return [
    `## ${callSyntax(providerName, fn)}`,
    '',
    fn.summary,
    '',
    '### Parameters',
    '',
    ...fn.parameters.map((p) => `- \`${p.name}\` (${typeText(p.type)}, required): ${p.description}`),
    '',
    `### Result (${typeText(fn.returns)})`,
    '',
    fn.description,
    '',
    '### Example',
    '',
    '```hcl',
    fn.example,
    '```',
    '',
  ].join('\n');
}

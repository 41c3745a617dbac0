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

function blockCount(block: Block): string {
  if (block.nesting === 'single' || block.maxItems === 1) return block.minItems ? 'exactly one' : 'at most one';
  const range = [block.minItems ? `at least ${block.minItems}` : '', block.maxItems ? `at most ${block.maxItems}` : ''].filter(Boolean);
  return range.length > 0 ? range.join(', ') : 'any number';
}

function blockLines(blocks: Blocks, indent: string): string[] {
  return Object.entries(blocks).flatMap(([name, block]: [string, Block]) => [
    `${indent}- \`${name}\` block (${blockCount(block)}): ${block.description}`,
    ...attributeLines(block.attributes, indent + '  ', () => true),
    ...blockLines(block.blocks, indent + '  '),
  ]);
}

type DocumentedSchema = { description: string; attributes: Attributes; blocks: Blocks; import?: string };

/** What a page shows besides the schema: an example taken from examples/ (HCL). */
export interface PageExample { hcl: string; source: string }

/** The front matter the Terraform and OpenTofu registries read: title, and the first sentence as the summary. */
function frontMatter(title: string, description: string): string[] {
  const summary = (/^[\s\S]*?\.(?=\s|$)/.exec(description)?.[0] ?? description).replace(/\s+/g, ' ');
  return ['---', `page_title: "${title}"`, 'subcategory: ""', 'description: |-', `  ${summary}`, '---', ''];
}

function exampleLines(example: PageExample): string[] {
  return ['## Example Usage', '', `From [${example.source}](../../${example.source}):`, '', '```terraform', example.hcl, '```', ''];
}

const configurable = (a: Attribute) => !!(a.required || a.optional);

function argumentSection(schema: DocumentedSchema): string[] {
  return ['## Argument Reference', '', ...attributeLines(schema.attributes, '', configurable), ...blockLines(schema.blocks, ''), ''];
}

function attributeSection(schema: DocumentedSchema): string[] {
  return ['## Attribute Reference', '', ...attributeLines(schema.attributes, '', (a) => !configurable(a)), ''];
}

/** A registry-style page of a resource or data source: front matter, description, example, schema, import. */
export function schemaPage(kind: 'Resource' | 'Data Source', providerName: string, typeName: string, schema: DocumentedSchema, example: PageExample): string {
  return [
    ...frontMatter(`${typeName} ${kind} - ${providerName}`, schema.description),
    `# ${typeName} (${kind})`,
    '',
    schema.description,
    '',
    ...exampleLines(example),
    ...argumentSection(schema),
    ...attributeSection(schema),
    ...(schema.import ? ['## Import', '', schema.import, ''] : []),
  ].join('\n');
}

/** The provider's page (docs/index.md): what it is, how to configure it, and where the rest is. */
export function providerPage(providerName: string, schema: DocumentedSchema, example: PageExample, index: string[]): string {
  return [
    ...frontMatter(`Provider: ${providerName}`, schema.description),
    `# ${providerName} Provider`,
    '',
    schema.description,
    '',
    ...exampleLines(example),
    ...argumentSection(schema),
    '## Pages',
    '',
    ...index,
    '',
  ].join('\n');
}

/** A provider function's page: call, parameters, result and an example, from its declaration. */
export function functionPage(providerName: string, fn: ProviderFunction): string {
  return [
    ...frontMatter(`${fn.name} function - ${providerName}`, fn.summary),
    `# ${callSyntax(providerName, fn)} (Function)`,
    '',
    fn.summary,
    '',
    '## Parameters',
    '',
    ...fn.parameters.map((p) => `- \`${p.name}\` (${typeText(p.type)}, required): ${p.description}`),
    '',
    `## Result (${typeText(fn.returns)})`,
    '',
    fn.description,
    '',
    '## Example Usage',
    '',
    '```hcl',
    fn.example,
    '```',
    '',
  ].join('\n');
}

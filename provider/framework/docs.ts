// Markdown reference docs derived from the declared schemas, so docs never drift from the code.
import type { Attribute, Attributes, Block, Blocks } from './schema';

function typeName(attr: Attribute): string {
  if (attr.nested) return attr.nested.nesting === 'single' ? 'object' : `${attr.nested.nesting} of object`;
  const t = attr.type;
  return typeof t === 'string' ? t : `${t[0]} of ${typeof t[1] === 'string' ? t[1] : 'object'}`;
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

export function resourceDoc(typeName: string, schema: { description: string; attributes: Attributes; blocks: Blocks }): string {
  const configurable = (a: Attribute) => !!(a.required || a.optional);
  return [
    `## ${typeName}`,
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

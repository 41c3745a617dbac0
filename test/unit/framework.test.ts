import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Unknown } from '../../provider/protocol/cty';
import { Diagnostics, formatPath } from '../../provider/protocol/diagnostics';
import { planFromSchema, replacePaths, runValidators, valuesEqual } from '../../provider/framework/plan';
import { wireSchema } from '../../provider/framework/protocol-schema';
import { listBlock, nestedObject, objectType, singleBlock, string, number, stringMap, type ModelOf } from '../../provider/framework/schema';
import { renderReference } from '../../provider/reference-docs';

const schema = {
  version: 2,
  description: 'A test resource.',
  attributes: {
    id: string({ computed: true, description: 'Identifier.' }),
    name: string({ required: true, requiresReplace: true, description: 'Name.', validators: [(v: string) => (v.includes('_') ? `"${v}" has an underscore` : undefined)] }),
    size: number({ optional: true, computed: true, default: 3, description: 'Size.' }),
    labels: stringMap({ optional: true, description: 'Labels.' }),
    connection: nestedObject({ host: string({ optional: true, description: 'Host.' }), token: string({ optional: true, sensitive: true, description: 'Token.' }) }, { optional: true, description: 'Connection.' }),
  },
  blocks: {
    item: listBlock({
      description: 'Items.',
      attributes: { key: string({ required: true, description: 'Key.', validators: [(v: string) => (v === '' ? 'empty' : undefined)] }) },
      blocks: { detail: singleBlock({ description: 'Detail.', attributes: { text: string({ required: true, description: 'Text.' }) } }) },
    }),
  },
};

type Model = ModelOf<typeof schema>;

describe('schema declarations', () => {
  test('derive the cty object type, blocks included', () => {
    expect(objectType(schema)).toEqual(['object', {
      id: 'string', name: 'string', size: 'number', labels: ['map', 'string'],
      connection: ['object', { host: 'string', token: 'string' }],
      item: ['list', ['object', { key: 'string', detail: ['object', { text: 'string' }] }]],
    }]);
  });

  test('derive the TypeScript model type', () => {
    const model: Model = { id: null, name: 'x', size: 1, labels: { a: 'b' }, connection: { host: 'h', token: null }, item: [{ key: 'k', detail: null }] };
    expect(model.item[0].key).toBe('k');
  });

  test('derive the protocol schema: flags, nested attributes, nesting modes, version', () => {
    const wire: any = wireSchema(schema);
    expect(wire.version).toBe(2);
    const attrs = Object.fromEntries(wire.block.attributes.map((a: any) => [a.name, a]));
    expect(attrs.id).toMatchObject({ computed: true, optional: false, required: false });
    expect(attrs.size).toMatchObject({ computed: true, optional: true });
    expect(JSON.parse(attrs.labels.type.toString())).toEqual(['map', 'string']);
    expect(attrs.connection.nested_type.nesting).toBe(1);
    expect(attrs.connection.nested_type.attributes.find((a: any) => a.name === 'token').sensitive).toBe(true);
    const item = wire.block.block_types[0];
    expect(item).toMatchObject({ type_name: 'item', nesting: 2 });
    expect(item.block.block_types[0]).toMatchObject({ type_name: 'detail', nesting: 1 });
  });
});

describe('plan helpers', () => {
  const config = { id: null, name: 'a', size: null, labels: null, connection: null, item: [] };

  test('a create plans defaults and marks computed attributes without value unknown', () => {
    const planned = planFromSchema(schema, { ...config }, config, true);
    expect(planned.size).toBe(3);
    expect(planned.id).toBeInstanceOf(Unknown);
  });

  test('an update keeps the prior computed values that the proposal carries', () => {
    const planned = planFromSchema(schema, { ...config, id: 'a-1' }, config, false);
    expect(planned.id).toBe('a-1');
  });

  test('requires-replace attributes that change are reported by path', () => {
    expect(replacePaths(schema, { ...config, name: 'a' }, { ...config, name: 'b' })).toEqual([['name']]);
    expect(replacePaths(schema, { ...config, labels: { x: '1' } }, { ...config, labels: { x: '2' } })).toEqual([]);
  });

  test('values compare deeply and unknown never equals anything', () => {
    expect(valuesEqual({ a: [1, { b: 'c' }] }, { a: [1, { b: 'c' }] })).toBe(true);
    expect(valuesEqual({ a: [1] }, { a: [2] })).toBe(false);
    expect(valuesEqual(new Unknown(), new Unknown())).toBe(false);
  });

  test('validators run on known values, nested in blocks, with the attribute path', () => {
    const diagnostics = new Diagnostics();
    runValidators(schema, { ...config, name: 'a_b', item: [{ key: 'ok', detail: null }, { key: '', detail: null }] }, diagnostics);
    expect(diagnostics.items.map((d) => [formatPath(d.path!), d.detail])).toEqual([
      ['name', '"a_b" has an underscore'],
      ['item[1].key', 'empty'],
    ]);
    const quiet = new Diagnostics();
    runValidators(schema, { ...config, name: new Unknown() }, quiet);
    expect(quiet.items).toEqual([]);
  });
});

describe('reference docs', () => {
  test('docs/resources.md is what the schemas generate (run `npm run docs` after a schema change)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'resources.md'), 'utf8');
    expect(committed).toBe(renderReference());
  });
});

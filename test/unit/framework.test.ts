import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CtyNumber, Unknown, decodeMsgpack, dictionary, encodeMsgpack, typeJson } from '../../provider/protocol/cty';
import { Diagnostics, formatPath } from '../../provider/protocol/diagnostics';
import { planFromSchema, replacePaths, runValidators, valuesEqual } from '../../provider/framework/plan';
import { wireSchema } from '../../provider/framework/protocol-schema';
import { listBlock, nestedObject, objectType, singleBlock, string, number, stringMap, type ModelOf } from '../../provider/framework/schema';
import { callFunction, FunctionArgumentError, wireFunction, type ProviderFunction } from '../../provider/framework/function';
import { GENERATED_FOLDERS, renderReference } from '../../provider/reference-docs';

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

  test('numbers compare by value in either form, and map keys never find Object.prototype', () => {
    expect(valuesEqual({ n: new CtyNumber('12345678901234567890') }, { n: new CtyNumber('1.234567890123456789e19') })).toBe(true);
    expect(valuesEqual({ n: new CtyNumber('0.1') }, { n: 0.1 })).toBe(false);
    expect(valuesEqual({ n: new CtyNumber('2') }, { n: 2 })).toBe(true);
    const withKey = Object.assign(dictionary(), { constructor: null });
    expect(valuesEqual(withKey, {})).toBe(true);
    expect(valuesEqual(Object.assign(dictionary(), { toString: 'x' }), {})).toBe(false);
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
  const root = join(__dirname, '..', '..', '..');
  const pages = renderReference(root);

  test('every page under docs/ is what the schemas generate (run `npm run docs` after a schema change)', () => {
    for (const [path, content] of pages) expect({ path, content: readFileSync(join(root, 'docs', path), 'utf8') }).toEqual({ path, content });
    const committed = GENERATED_FOLDERS.flatMap((folder) => readdirSync(join(root, 'docs', folder)).map((file) => `${folder}/${file}`));
    expect(committed.sort()).toEqual([...pages.keys()].filter((path) => path !== 'index.md').sort());
  });

  test('each resource and data source page has front matter, an example from examples/ and, for resources, an import section', () => {
    const cluster = pages.get('resources/cluster.md')!;
    expect(cluster).toMatch(/^---\npage_title: "strata_cluster Resource - strata"\n/);
    expect(cluster).toContain('## Example Usage');
    expect(cluster).toMatch(/```terraform\nresource "strata_cluster" /);
    expect(cluster).toContain('## Import');
    expect(cluster).toContain('identity = { name = "edge-1" }');
    expect(pages.get('data-sources/rendered_layers.md')).toMatch(/```terraform\ndata "strata_rendered_layers" /);
    expect(pages.get('functions/diff.md')).toContain('# provider::strata::diff(');
    expect(pages.get('index.md')).toMatch(/```terraform\nprovider "strata" \{/);
  });
});

describe('provider functions', () => {
  const repeat: ProviderFunction = {
    name: 'repeat',
    summary: 'Repeats a text.',
    description: 'The text, `times` times.',
    parameters: [{ name: 'text', type: 'string', description: 'Text.' }, { name: 'times', type: 'number', description: 'How often.' }],
    returns: ['list', 'string'],
    example: 'provider::test::repeat("a", 2)',
    run([text, times]) {
      if (typeof times !== 'number' || times < 0) throw new FunctionArgumentError(1, 'times must be a small non-negative number');
      return Array.from({ length: times }, () => text as string);
    },
  };
  const arg = (value: unknown, type: 'string' | 'number') => ({ msgpack: encodeMsgpack(value as never, type) });

  test('are declared to the protocol with types, and allow neither null nor unknown arguments', () => {
    const wire: any = wireFunction(repeat);
    expect(wire.parameters.map((p: any) => [p.name, p.type.toString(), p.allow_null_value, p.allow_unknown_values])).toEqual([
      ['text', '"string"', false, false], ['times', '"number"', false, false],
    ]);
    expect(wire.return.type.toString()).toBe(typeJson(['list', 'string']));
    expect(wire.summary).toBe('Repeats a text.');
  });

  test('a call decodes the arguments, runs, and encodes the result', () => {
    const response: any = callFunction('test', repeat, [arg('a', 'string'), arg(2, 'number')]);
    expect(decodeMsgpack(response.result.msgpack, ['list', 'string'])).toEqual(['a', 'a']);
  });

  test('a bad argument is a FunctionError naming it, counted from 0 on the wire and from 1 in the text', () => {
    expect(callFunction('test', repeat, [arg('a', 'string'), arg(-1, 'number')])).toEqual({ error: { text: 'times must be a small non-negative number', function_argument: 1 } });
    const wrongType: any = callFunction('test', repeat, [arg(1, 'number'), arg(1, 'number')]);
    expect(wrongType.error).toMatchObject({ function_argument: 0, text: 'argument 1 (text) of provider::test::repeat(text, times) does not fit its type "string": expected string, got a number.' });
    const missing: any = callFunction('test', repeat, [arg('a', 'string')]);
    expect(missing.error.text).toBe('provider::test::repeat(text, times) takes 2 arguments, got 1; pass text and times.');
    expect(missing.error.function_argument).toBeUndefined();
  });
});

import Ajv2020 from 'ajv/dist/2020';
import schema from '../../schemas/profile.schema.json';
import { PROFILE_SCHEMA_ID } from '../../provider/profile';

type Node = Record<string, unknown>;

/** Every subschema with its JSON pointer. */
function subschemas(node: unknown, pointer = '#'): [string, Node][] {
  if (node === null || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap((item, index) => subschemas(item, `${pointer}/${index}`));
  const own: [string, Node][] = [[pointer, node as Node]];
  return own.concat(
    Object.entries(node as Node).flatMap(([key, value]) =>
      ['properties', '$defs'].includes(key)
        ? Object.entries(value as Node).flatMap(([name, child]) => subschemas(child, `${pointer}/${key}/${name}`))
        : ['items', 'additionalProperties', 'oneOf'].includes(key)
          ? subschemas(value, `${pointer}/${key}`)
          : [],
    ),
  );
}

describe('schemas/profile.schema.json', () => {
  it('is a draft 2020-12 schema that ajv compiles in strict mode without warnings', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(PROFILE_SCHEMA_ID);
    const warnings: unknown[] = [];
    const logger = { log: () => undefined, warn: (...args: unknown[]) => warnings.push(args), error: (...args: unknown[]) => warnings.push(args) };
    // Every strict option but strictRequired, which would want each oneOf branch to redeclare its property.
    const ajv = new Ajv2020({ strictSchema: true, strictNumbers: true, strictTypes: true, strictTuples: true, logger });
    ajv.addFormat('uri', true);
    expect(() => ajv.compile(schema)).not.toThrow();
    expect(warnings).toEqual([]);
  });

  it('closes every fixed-shape object with additionalProperties: false', () => {
    const objects = subschemas(schema).filter(([, node]) => node.properties !== undefined);
    expect(objects.map(([pointer]) => pointer)).toEqual(
      expect.arrayContaining(['#', '#/$defs/metadata', '#/$defs/layer', '#/$defs/helmSource', '#/$defs/zarfSource', '#/$defs/packSource', '#/$defs/manifestSource']),
    );
    for (const [pointer, node] of objects) expect([pointer, node.additionalProperties]).toEqual([pointer, false]);
  });

  it('describes every property for editors', () => {
    for (const [pointer, node] of subschemas(schema)) {
      for (const [name, property] of Object.entries((node.properties ?? {}) as Record<string, Node>)) {
        const target = typeof property.$ref === 'string' ? (schema.$defs as Record<string, Node>)[property.$ref.replace('#/$defs/', '')] : undefined;
        expect([`${pointer}/properties/${name}`, typeof (property.description ?? target?.description)]).toEqual([`${pointer}/properties/${name}`, 'string']);
      }
    }
  });

  it('makes a layer one of the four sources', () => {
    expect(schema.$defs.layer.oneOf).toEqual([{ required: ['manifest'] }, { required: ['helm'] }, { required: ['zarf'] }, { required: ['pack'] }]);
  });
});

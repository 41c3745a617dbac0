import {
  CtyCodecError,
  Dynamic,
  UNKNOWN,
  Unknown,
  decodeJsonValue,
  dictionary,
  encodeJsonValue,
  type CtyType,
  type CtyValue,
} from '../../provider/protocol/cty';

/** A map value as decoding builds it: no prototype. */
const dict = (entries: Record<string, CtyValue>) => Object.assign(dictionary(), entries);

function codecError(run: () => unknown): CtyCodecError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CtyCodecError);
    return error as CtyCodecError;
  }
  throw new Error('expected a CtyCodecError');
}

const stateType: CtyType = [
  'object',
  {
    id: 'string',
    replicas: 'number',
    enabled: 'bool',
    tags: ['set', 'string'],
    labels: ['map', 'string'],
    ports: ['list', ['object', { name: 'string', port: 'number' }]],
    pair: ['tuple', ['string', 'number']],
    manifest: 'dynamic',
    note: 'string',
  },
  ['note'],
];

describe('cty JSON decoding (state upgrade)', () => {
  it('reads prior state of every type', () => {
    const state = `{
      "id": "abc",
      "replicas": 3,
      "enabled": true,
      "tags": ["a", "b"],
      "labels": {"app": "web", "tier": null},
      "ports": [{"name": "http", "port": 80}, {"name": null, "port": 443}],
      "pair": ["x", -1.5e3],
      "manifest": {
        "value": {"kind": "ConfigMap", "data": {"k": "v"}},
        "type": ["object", {"data": ["map", "string"], "kind": "string"}]
      }
    }`;
    expect(decodeJsonValue(state, stateType)).toStrictEqual({
      id: 'abc',
      replicas: 3,
      enabled: true,
      tags: ['a', 'b'],
      labels: dict({ app: 'web', tier: null }),
      ports: [
        { name: 'http', port: 80 },
        { name: null, port: 443 },
      ],
      pair: ['x', -1500],
      manifest: new Dynamic(['object', { data: ['map', 'string'], kind: 'string' }], {
        kind: 'ConfigMap',
        data: dict({ k: 'v' }),
      }),
      note: null,
    });
  });

  it('reads bytes as well as text', () => {
    expect(decodeJsonValue(Buffer.from('"h\u00e9"'), 'string')).toBe('h\u00e9');
  });

  it('reads null for any type, dynamic included', () => {
    for (const type of ['string', 'dynamic', ['list', 'string'], ['object', { a: 'string' }]] as CtyType[]) {
      expect(decodeJsonValue(' null ', type)).toBeNull();
    }
  });

  it('converts primitives the way cty does when an attribute changed type', () => {
    // number written in state, now a string: the text is kept exactly
    expect(decodeJsonValue('12345678901234567890', 'string')).toBe('12345678901234567890');
    expect(decodeJsonValue('1.50', 'string')).toBe('1.50');
    expect(decodeJsonValue('true', 'string')).toBe('true');
    expect(decodeJsonValue('"42"', 'number')).toBe(42);
    expect(decodeJsonValue('"-1.5e2"', 'number')).toBe(-150);
    expect(decodeJsonValue('"1"', 'bool')).toBe(true);
    expect(decodeJsonValue('"false"', 'bool')).toBe(false);
    expect(decodeJsonValue('"0"', 'bool')).toBe(false);
  });

  it('reads a dynamic value in either key order, with typed null and nested dynamic', () => {
    expect(decodeJsonValue('{"type":"string","value":null}', 'dynamic')).toStrictEqual(new Dynamic('string', null));
    const nested = '{"value":["a",{"value":1,"type":"number"}],"type":["tuple",["string","dynamic"]]}';
    expect(decodeJsonValue(nested, 'dynamic')).toStrictEqual(
      new Dynamic(['tuple', ['string', 'dynamic']], ['a', new Dynamic('number', 1)]),
    );
  });

  it('keeps a __proto__ key as data', () => {
    const value = decodeJsonValue('{"__proto__": "x"}', ['map', 'string']) as Record<string, CtyValue>;
    expect(Object.getPrototypeOf(value)).toBeNull();
    expect(Object.keys(value)).toEqual(['__proto__']);
  });

  it('reports errors with the path', () => {
    const unsupported = codecError(() => decodeJsonValue('{"ports":[{"name":"a","port":1,"x":2}]}', stateType));
    expect(unsupported.path).toEqual(['ports', 0, 'x']);
    expect(unsupported.message).toBe('.ports[0].x: unsupported attribute');
    expect(codecError(() => decodeJsonValue('{"labels":{"a":[1]}}', stateType)).message).toBe(
      '.labels.a: expected string, got an array',
    );
    expect(codecError(() => decodeJsonValue('{"replicas":[]}', stateType)).message).toBe(
      '.replicas: expected number, got an array',
    );
    expect(codecError(() => decodeJsonValue('{"replicas":"three"}', stateType)).path).toEqual(['replicas']);
    expect(codecError(() => decodeJsonValue('{"enabled":"yes"}', stateType)).path).toEqual(['enabled']);
    expect(codecError(() => decodeJsonValue('{"pair":["x"]}', stateType)).message).toMatch(/2 elements/);
    expect(codecError(() => decodeJsonValue('{"tags":"a"}', stateType)).path).toEqual(['tags']);
    expect(codecError(() => decodeJsonValue('[]', stateType)).message).toBe('expected an object, got an array');
  });

  it('reports bad dynamic values with the path', () => {
    const type: CtyType = ['list', 'dynamic'];
    expect(codecError(() => decodeJsonValue('["x"]', type)).path).toEqual([0]);
    expect(codecError(() => decodeJsonValue('[{"value":1}]', type)).message).toMatch(/missing type/);
    expect(codecError(() => decodeJsonValue('[{"type":"number"}]', type)).message).toMatch(/missing value/);
    expect(codecError(() => decodeJsonValue('[{"value":1,"type":"number","x":0}]', type)).message).toMatch(/"x"/);
    const tupleType: CtyType = ['tuple', ['number', 'dynamic']];
    const badType = codecError(() => decodeJsonValue('[1,{"value":1,"type":"integer"}]', tupleType));
    expect(badType.path).toEqual([1]);
    expect(badType.message).toMatch(/integer/);
  });

  it('reports malformed JSON', () => {
    for (const text of ['', '{', '{"a" 1}', '[1,]', '[1 2]', '"abc', 'tru', '01', '{"a":1} x', '"\\x"', '"a\nb"']) {
      expect([text, codecError(() => decodeJsonValue(text, ['map', 'number'])).message]).toEqual([
        text,
        expect.stringMatching(/^invalid JSON at offset \d+/),
      ]);
    }
  });
});

describe('cty JSON encoding', () => {
  it('writes what Go writes: attributes and keys sorted, every attribute, compact', () => {
    const value = {
      replicas: 3,
      id: 'a<b>&c',
      enabled: false,
      tags: ['z', 'a'],
      labels: { b: '2', a: '1', '10': 'x', '9': 'y' },
      ports: [{ port: 80, name: 'http' }],
      pair: ['x', 0.5],
      manifest: new Dynamic(['map', 'bool'], { on: true }),
    };
    expect(encodeJsonValue(value, stateType)).toBe(
      '{"enabled":false,"id":"a\\u003cb\\u003e\\u0026c","labels":{"10":"x","9":"y","a":"1","b":"2"},' +
        '"manifest":{"value":{"on":true},"type":["map","bool"]},"note":null,' +
        '"pair":["x",0.5],"ports":[{"name":"http","port":80}],"replicas":3,"tags":["z","a"]}',
    );
  });

  it('writes numbers in plain decimal', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [-7, '-7'],
      [0.1, '0.1'],
      [1e21, '1000000000000000000000'],
      [1.5e300, '15' + '0'.repeat(299)],
      [-2.5e-7, '-0.00000025'],
      [1e-7, '0.0000001'],
      [2 ** 60, '1152921504606847000'],
    ];
    for (const [value, text] of cases) expect(encodeJsonValue(value, 'number')).toBe(text);
  });

  it('writes dynamic nulls and typed nulls', () => {
    expect(encodeJsonValue(null, 'dynamic')).toBe('null');
    expect(encodeJsonValue(new Dynamic('string', null), 'dynamic')).toBe('{"value":null,"type":"string"}');
  });

  it('round trips through decodeJsonValue', () => {
    const value = {
      id: 'x',
      replicas: 1.25,
      enabled: true,
      tags: [],
      labels: dict({}),
      ports: null,
      pair: ['p', -3],
      manifest: new Dynamic(['list', ['object', { a: 'dynamic' }]], [{ a: new Dynamic('bool', true) }]),
      note: 'n',
    };
    expect(decodeJsonValue(encodeJsonValue(value, stateType), stateType)).toStrictEqual(value);
  });

  it('refuses unknowns, with the path', () => {
    const error = codecError(() => encodeJsonValue({ ports: [{ name: UNKNOWN }] }, stateType));
    expect(error.path).toEqual(['ports', 0, 'name']);
    expect(error.message).toBe('.ports[0].name: value is not known');
    expect(codecError(() => encodeJsonValue(new Dynamic('string', UNKNOWN), 'dynamic')).path).toEqual([]);
    expect(codecError(() => encodeJsonValue(new Unknown({ notNull: true }), 'string')).message).toMatch(/not known/);
  });

  it('refuses values that do not fit the type or JSON', () => {
    expect(codecError(() => encodeJsonValue({ nope: 1 }, stateType)).path).toEqual(['nope']);
    expect(codecError(() => encodeJsonValue(Infinity, 'number')).message).toMatch(/Infinity/);
    expect(codecError(() => encodeJsonValue(NaN, 'number')).message).toMatch(/NaN/);
    expect(codecError(() => encodeJsonValue('x', 'dynamic')).message).toMatch(/Dynamic/);
  });
});

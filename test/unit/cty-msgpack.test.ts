import {
  CtyCodecError,
  CtyNumber,
  Dynamic,
  UNKNOWN,
  Unknown,
  decodeMsgpack,
  dictionary,
  numbersEqual,
  encodeMsgpack,
  type CtyType,
  type CtyValue,
} from '../../provider/protocol/cty';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const bytes = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
const roundTrip = (value: CtyValue, type: CtyType) => decodeMsgpack(encodeMsgpack(value, type), type);
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

describe('msgpack round trips', () => {
  const objectType: CtyType = [
    'object',
    { name: 'string', count: 'number', tags: ['set', 'string'], extra: ['map', 'bool'] },
    ['extra', 'tags'],
  ];
  const cases: [string, CtyValue, CtyType][] = [
    ['string', 'hello', 'string'],
    ['empty string', '', 'string'],
    ['unicode string', 'h\u00e9llo \u{1f937}', 'string'],
    ['long string', 'x'.repeat(70000), 'string'],
    ['zero', 0, 'number'],
    ['small int', 7, 'number'],
    ['negative int', -12345, 'number'],
    ['fraction', 0.8, 'number'],
    ['negative fraction', -1.25, 'number'],
    ['uint32 edge', 2 ** 32 - 1, 'number'],
    ['above uint32', 2 ** 32, 'number'],
    ['int64 beyond 2^53', new CtyNumber('1152921504606846977'), 'number'],
    ['negative int64', new CtyNumber('-4611686018427387905'), 'number'],
    ['beyond int64', new CtyNumber('100000000000000000001'), 'number'],
    ['decimal a double cannot hold', new CtyNumber('0.1'), 'number'],
    ['infinity', Infinity, 'number'],
    ['negative infinity', -Infinity, 'number'],
    ['true', true, 'bool'],
    ['false', false, 'bool'],
    ['list', ['a', 'b', 'a'], ['list', 'string']],
    ['empty list', [], ['list', 'string']],
    ['set', [1, 2, 3], ['set', 'number']],
    ['map', dict({ b: 1, a: 2, '10': 3, '9': 4 }), ['map', 'number']],
    ['empty map', dict({}), ['map', 'string']],
    ['object with optional attributes', { name: 'n', count: 2, tags: ['x'], extra: dict({ on: true }) }, objectType],
    ['object with optional attributes null', { name: 'n', count: 2, tags: null, extra: null }, objectType],
    ['empty object', {}, ['object', {}]],
    ['tuple', ['a', 1, true, ['x']], ['tuple', ['string', 'number', 'bool', ['list', 'string']]]],
    ['empty tuple', [], ['tuple', []]],
    ['list of objects', [{ a: 'x' }, { a: null }], ['list', ['object', { a: 'string' }]]],
    ['map of lists', dict({ k: [[1], []] }), ['map', ['list', ['list', 'number']]]],
  ];
  it.each(cases)('%s', (_name, value, type) => {
    expect(roundTrip(value, type)).toStrictEqual(value);
  });

  it.each([2 ** 60, -(2 ** 62), 1e20, 1.7976931348623157e308])('JS number %d beyond 2^53 comes back as a CtyNumber of the same value', (value) => {
    const decoded = roundTrip(value, 'number');
    expect(decoded).toBeInstanceOf(CtyNumber);
    expect(numbersEqual(decoded as CtyNumber, value)).toBe(true);
  });

  it('decodes nulls at every level', () => {
    const type: CtyType = [
      'object',
      {
        s: 'string',
        n: 'number',
        b: 'bool',
        l: ['list', 'string'],
        m: ['map', 'string'],
        t: ['tuple', ['string', 'number']],
        o: ['object', { x: 'string' }],
        d: 'dynamic',
      },
    ];
    const allNull = { s: null, n: null, b: null, l: null, m: null, t: null, o: null, d: null };
    expect(roundTrip(allNull, type)).toStrictEqual(allNull);
    const nestedNull = { ...allNull, l: [null], m: dict({ k: null }), t: [null, null], o: { x: null } };
    expect(roundTrip(nestedNull, type)).toStrictEqual(nestedNull);
    for (const [, attributeType] of Object.entries(type[1])) {
      expect(hex(encodeMsgpack(null, attributeType))).toBe('c0');
      expect(decodeMsgpack(bytes('c0'), attributeType)).toBeNull();
    }
  });

  it('writes a missing object attribute as null', () => {
    const type: CtyType = ['object', { a: 'string', b: 'string' }];
    expect(roundTrip({ a: 'x' }, type)).toStrictEqual({ a: 'x', b: null });
  });

  it('decodes a missing object attribute as null', () => {
    // {"a": "x"} against object{a, b}
    expect(decodeMsgpack(bytes('81 a161 a178'), ['object', { a: 'string', b: 'number' }])).toStrictEqual({
      a: 'x',
      b: null,
    });
  });
});

describe('msgpack bytes as go-cty writes them', () => {
  it('writes an object with attributes sorted: {a: "x"}', () => {
    expect(hex(encodeMsgpack({ a: 'x' }, ['object', { a: 'string' }]))).toBe('81a161a178');
    const type: CtyType = ['object', { b: 'number', a: 'bool' }];
    expect(hex(encodeMsgpack({ b: 1, a: true }, type))).toBe('82a161c3a16201');
  });

  it('writes map keys in byte order, "10" before "9"', () => {
    expect(hex(encodeMsgpack({ '9': 1, b: 3, '10': 2 }, ['map', 'number']))).toBe('83a2313002a13901a16203');
  });

  it('writes numbers as compact ints when they fit int64, else float64', () => {
    const cases: [number, string][] = [
      [1, '01'],
      [-1, 'ff'],
      [-33, 'd0df'],
      [200, 'ccc8'],
      [65536, 'ce00010000'],
      [2 ** 32, 'cf0000000100000000'],
      [2 ** 60, 'cf1000000000000000'],
      [2 ** 53 + 2, 'cf0020000000000002'],
      [1e18, 'cf0de0b6b3a7640000'],
      [-(2 ** 40), 'd3ffffff0000000000'],
      [-(2 ** 63), 'd38000000000000000'],
      [1.5, 'cb3ff8000000000000'],
      [2 ** 63, 'cb43e0000000000000'],
      [Infinity, 'cb7ff0000000000000'],
    ];
    for (const [value, expected] of cases) {
      expect([value, hex(encodeMsgpack(value, 'number'))]).toEqual([value, expected]);
    }
  });

  it('writes the plain unknown as fixext1 type 0', () => {
    expect(hex(encodeMsgpack(UNKNOWN, 'string'))).toBe('d40000');
    expect(hex(encodeMsgpack(new Unknown(), ['list', 'string']))).toBe('d40000');
    expect(hex(encodeMsgpack(new Unknown({}), 'number'))).toBe('d40000');
    expect(hex(encodeMsgpack(UNKNOWN, 'dynamic'))).toBe('d40000');
  });

  it('writes unknowns inside collections', () => {
    expect(hex(encodeMsgpack([UNKNOWN, 'a'], ['list', 'string']))).toBe('92d40000a161');
  });

  it('writes refined unknowns as extension 12 with an integer-keyed map', () => {
    // not null (key 1: false) and prefix "foo-" (key 2)
    const stringRefined = new Unknown({ notNull: true, stringPrefix: 'foo-' });
    expect(hex(encodeMsgpack(stringRefined, 'string'))).toBe('c7090c' + '82' + '01c2' + '02a4666f6f2d');
    // not null, [0, inclusive] lower (key 3), [10, exclusive] upper (key 4)
    const numberRefined = new Unknown({
      notNull: true,
      numberLower: { value: 0, inclusive: true },
      numberUpper: { value: 10, inclusive: false },
    });
    expect(hex(encodeMsgpack(numberRefined, 'number'))).toBe('c70b0c' + '83' + '01c2' + '039200c3' + '04920ac2');
    // length lower bound 200 (key 5): a four-byte body goes as fixext4
    expect(hex(encodeMsgpack(new Unknown({ lengthLower: 200 }), ['list', 'string']))).toBe('d60c' + '8105ccc8');
    // only not null
    expect(hex(encodeMsgpack(new Unknown({ notNull: true }), ['object', { a: 'string' }]))).toBe('c7030c8101c2');
  });

  it('leaves out refinements that promise nothing', () => {
    expect(hex(encodeMsgpack(new Unknown({ stringPrefix: '' }), 'string'))).toBe('d40000');
    expect(hex(encodeMsgpack(new Unknown({ lengthLower: 0 }), ['set', 'string']))).toBe('d40000');
    const unbounded = new Unknown({
      numberLower: { value: -Infinity, inclusive: false },
      numberUpper: { value: Infinity, inclusive: false },
    });
    expect(hex(encodeMsgpack(unbounded, 'number'))).toBe('d40000');
  });

  it('writes a dynamic value as [type JSON bytes, value]', () => {
    expect(hex(encodeMsgpack(new Dynamic('string', 'hi'), 'dynamic'))).toBe('92c408' + '22737472696e6722' + 'a26869');
    // {d: 5} where d is dynamic
    expect(hex(encodeMsgpack({ d: new Dynamic('number', 5) }, ['object', { d: 'dynamic' }]))).toBe(
      '81a164' + '92c408' + '226e756d62657222' + '05',
    );
    // a typed unknown keeps its type
    expect(hex(encodeMsgpack(new Dynamic('bool', UNKNOWN), 'dynamic'))).toBe('92c406' + '22626f6f6c22' + 'd40000');
  });
});

describe('msgpack unknowns', () => {
  it('round trips unknowns at the top and nested', () => {
    const type: CtyType = [
      'object',
      {
        s: 'string',
        l: ['list', 'number'],
        m: ['map', 'string'],
        t: ['tuple', ['bool']],
        o: ['object', { x: 'string' }],
      },
    ];
    const topLevel = roundTrip(UNKNOWN, type);
    expect(topLevel).toBeInstanceOf(Unknown);
    expect(topLevel).toStrictEqual(UNKNOWN);
    const nested = { s: UNKNOWN, l: [1, UNKNOWN], m: dict({ k: UNKNOWN }), t: UNKNOWN, o: { x: UNKNOWN } };
    expect(roundTrip(nested, type)).toStrictEqual(nested);
  });

  it('reads any extension of at most one byte as the plain unknown', () => {
    expect(decodeMsgpack(bytes('d40000'), 'string')).toBe(UNKNOWN);
    expect(decodeMsgpack(bytes('c70000'), 'number')).toBe(UNKNOWN);
    expect(decodeMsgpack(bytes('d40500'), ['list', 'string'])).toBe(UNKNOWN);
    expect(decodeMsgpack(bytes('d4ff00'), 'bool')).toBe(UNKNOWN);
    expect(decodeMsgpack(bytes('d40000'), 'dynamic')).toBe(UNKNOWN);
  });

  it('reads a string prefix and not-null refinement built by hand', () => {
    const value = decodeMsgpack(bytes('c7090c 82 01c2 02a4666f6f2d'), 'string');
    expect(value).toBeInstanceOf(Unknown);
    expect((value as Unknown).refinement).toStrictEqual({ notNull: true, stringPrefix: 'foo-' });
  });

  it('reads number bounds written as float64 and as a decimal string', () => {
    // lower [1.5, inclusive], upper ["100", exclusive]
    const value = decodeMsgpack(bytes('c7140c 82 0392cb3ff8000000000000c3 0492a3313030c2'), 'number');
    expect((value as Unknown).refinement).toStrictEqual({
      numberLower: { value: 1.5, inclusive: true },
      numberUpper: { value: 100, inclusive: false },
    });
  });

  it('reads collection length bounds', () => {
    const value = decodeMsgpack(bytes('c7050c 82 0501 060a'), ['map', 'string']);
    expect((value as Unknown).refinement).toStrictEqual({ lengthLower: 1, lengthUpper: 10 });
  });

  it('reads an unknown refined as definitely null as null', () => {
    expect(decodeMsgpack(bytes('c7030c 81 01c3'), 'string')).toBeNull();
  });

  it('drops infinite number bounds written by older cty', () => {
    expect(decodeMsgpack(bytes('c70d0c 81 0392cbfff0000000000000c2'), 'number')).toBe(UNKNOWN);
  });

  it('ignores refinement keys it does not know and bytes after the map', () => {
    const unknownKey = decodeMsgpack(bytes('c7060c 82 01c2 07a178'), 'bool');
    expect((unknownKey as Unknown).refinement).toStrictEqual({ notNull: true });
    const trailing = decodeMsgpack(bytes('c7050c 81 01c2 0000'), 'bool');
    expect((trailing as Unknown).refinement).toStrictEqual({ notNull: true });
  });

  it('ignores refinements of an unknown of type dynamic, as cty does', () => {
    expect(decodeMsgpack(bytes('c7030c 81 01c2'), 'dynamic')).toBe(UNKNOWN);
  });

  const refinedCases: [string, Unknown, CtyType][] = [
    ['not-null bool', new Unknown({ notNull: true }), 'bool'],
    ['string prefix', new Unknown({ stringPrefix: 'https://' }), 'string'],
    [
      'number range',
      new Unknown({
        notNull: true,
        numberLower: { value: -2.5, inclusive: false },
        numberUpper: { value: new CtyNumber('1152921504606846977'), inclusive: true },
      }),
      'number',
    ],
    ['list length', new Unknown({ notNull: true, lengthLower: 1, lengthUpper: 3 }), ['list', 'string']],
    ['set upper length', new Unknown({ lengthUpper: 0 }), ['set', 'number']],
    ['not-null object', new Unknown({ notNull: true }), ['object', { a: 'string' }]],
    ['not-null tuple', new Unknown({ notNull: true }), ['tuple', ['string']]],
  ];
  it.each(refinedCases)('round trips a refined unknown: %s', (_name, value, type) => {
    expect(roundTrip(value, type)).toStrictEqual(value);
    expect(roundTrip([value], ['list', type])).toStrictEqual([value]);
  });

  it('cuts a string prefix longer than 256 bytes as cty does', () => {
    const long = roundTrip(new Unknown({ stringPrefix: 'a'.repeat(1024) }), 'string') as Unknown;
    expect(long.refinement?.stringPrefix).toBe('a'.repeat(254));
    const wide = roundTrip(new Unknown({ stringPrefix: '\u00e9'.repeat(200) }), 'string') as Unknown;
    expect(wide.refinement?.stringPrefix).toBe('\u00e9'.repeat(126));
    const exact = 'b'.repeat(256);
    expect((roundTrip(new Unknown({ stringPrefix: exact }), 'string') as Unknown).refinement?.stringPrefix).toBe(exact);
  });
});

describe('msgpack dynamic values', () => {
  it('round trips dynamic values of every kind', () => {
    const values = [
      new Dynamic('string', 'x'),
      new Dynamic('number', -3.5),
      new Dynamic('bool', false),
      new Dynamic(['list', 'string'], ['a']),
      new Dynamic(['map', ['object', { a: 'number' }]], dict({ k: { a: 1 } })),
      new Dynamic(['tuple', ['string', 'dynamic']], ['x', new Dynamic('number', 1)]),
      new Dynamic(['object', { a: 'string' }, ['a']], { a: null }),
      new Dynamic('string', null),
      new Dynamic(['list', 'string'], UNKNOWN),
      new Dynamic('string', new Unknown({ stringPrefix: 'p' })),
    ];
    for (const value of values) expect(roundTrip(value, 'dynamic')).toStrictEqual(value);
  });

  it('round trips dynamic values nested in objects and lists', () => {
    const type: CtyType = ['object', { spec: 'dynamic', items: ['list', 'dynamic'], name: 'string' }];
    const value = {
      spec: new Dynamic(['object', { replicas: 'number', labels: ['map', 'string'] }], {
        replicas: 3,
        labels: dict({ app: 'web' }),
      }),
      items: [new Dynamic('string', 'a'), null, UNKNOWN, new Dynamic('number', 2)],
      name: 'n',
    };
    expect(roundTrip(value, type)).toStrictEqual(value);
  });

  it('reads null and plain unknown in a dynamic slot as themselves', () => {
    expect(roundTrip(null, 'dynamic')).toBeNull();
    expect(roundTrip(UNKNOWN, 'dynamic')).toBe(UNKNOWN);
  });

  it('reads the type JSON from str as well as bin', () => {
    expect(decodeMsgpack(bytes('92 a8 22737472696e6722 a26869'), 'dynamic')).toStrictEqual(new Dynamic('string', 'hi'));
  });
});

describe('msgpack decoding as cty writes', () => {
  it('reads numbers cty wrote as decimal strings, exactly', () => {
    expect(decodeMsgpack(Buffer.concat([bytes('b7'), Buffer.from('99999999999999999999999')]), 'number')).toStrictEqual(new CtyNumber('99999999999999999999999'));
    // 0.8 from a configuration is not the double nearest to it: cty sends it as text, and it stays that.
    expect(decodeMsgpack(bytes('a3 302e38'), 'number')).toStrictEqual(new CtyNumber('0.8'));
    expect(decodeMsgpack(bytes('a4 2d312e35'), 'number')).toBe(-1.5);
  });

  it('reads uint64 and int64 exactly', () => {
    expect(decodeMsgpack(bytes('cf ffffffffffffffff'), 'number')).toStrictEqual(new CtyNumber('18446744073709551615'));
    expect(decodeMsgpack(bytes('d3 8000000000000000'), 'number')).toStrictEqual(new CtyNumber('-9223372036854775808'));
    expect(decodeMsgpack(bytes('cf 001fffffffffffff'), 'number')).toBe(2 ** 53 - 1);
    expect(decodeMsgpack(bytes('ca 3fc00000'), 'number')).toBe(1.5);
  });

  it('reads a string written as bin', () => {
    expect(decodeMsgpack(bytes('c403 616263'), 'string')).toBe('abc');
  });
});

describe('msgpack errors', () => {
  it('reports where a value does not fit its type when encoding', () => {
    const type: CtyType = ['object', { a: ['list', ['map', 'string']] }];
    const error = codecError(() => encodeMsgpack({ a: [{ k: 'v' }, { k: 1 as unknown as string }] }, type));
    expect(error.path).toEqual(['a', 1, 'k']);
    expect(error.message).toBe('.a[1].k: expected string, got a number');
  });

  it('refuses attributes the type does not have', () => {
    const error = codecError(() => encodeMsgpack({ a: 'x', b: 'y' }, ['object', { a: 'string' }]));
    expect(error.path).toEqual(['b']);
  });

  it('refuses wrong shapes', () => {
    expect(codecError(() => encodeMsgpack(['a'], ['tuple', ['string', 'string']])).path).toEqual([]);
    expect(codecError(() => encodeMsgpack({ x: 1 }, ['list', 'number'])).path).toEqual([]);
    expect(codecError(() => encodeMsgpack([1], ['map', 'number'])).path).toEqual([]);
    expect(codecError(() => encodeMsgpack('1', 'number')).message).toBe('expected number, got a string');
    expect(codecError(() => encodeMsgpack(NaN, 'number')).message).toMatch(/NaN/);
  });

  it('requires Dynamic exactly where the type is dynamic', () => {
    expect(codecError(() => encodeMsgpack({ d: 'x' }, ['object', { d: 'dynamic' }])).path).toEqual(['d']);
    expect(codecError(() => encodeMsgpack([new Dynamic('string', 'x')], ['list', 'string'])).path).toEqual([0]);
    expect(codecError(() => encodeMsgpack(new Dynamic('dynamic', null), 'dynamic')).message).toMatch(/dynamic/);
    expect(codecError(() => encodeMsgpack(new Dynamic('number', 'x'), 'dynamic')).message).toMatch(/expected number/);
  });

  it('refuses refinements that do not apply to the type', () => {
    expect(codecError(() => encodeMsgpack(new Unknown({ stringPrefix: 'x' }), 'number')).message).toMatch(/prefix/);
    const bound = { value: 1, inclusive: true };
    const boundOnString = codecError(() => encodeMsgpack([new Unknown({ numberLower: bound })], ['list', 'string']));
    expect(boundOnString.path).toEqual([0]);
    expect(codecError(() => encodeMsgpack(new Unknown({ lengthUpper: 1 }), ['tuple', []])).message).toMatch(/length/);
    expect(codecError(() => encodeMsgpack(new Unknown({ notNull: true }), 'dynamic')).message).toMatch(/not-null/);
    const fractionalLength = codecError(() => encodeMsgpack(new Unknown({ lengthLower: 1.5 }), ['set', 'string']));
    expect(fractionalLength.message).toMatch(/length/);
  });

  it('writes a __proto__ map key and reads it back as data', () => {
    const value = Object.fromEntries([['__proto__', 'p']]);
    const encoded = encodeMsgpack(value, ['map', 'string']);
    expect(hex(encoded)).toBe('81a95f5f70726f746f5f5fa170');
    const decoded = decodeMsgpack(encoded, ['map', 'string']) as Record<string, CtyValue>;
    expect(Object.getPrototypeOf(decoded)).toBeNull();
    expect(Object.keys(decoded)).toEqual(['__proto__']);
    expect(decoded['__proto__']).toBe('p');
  });

  it('reports bad bytes', () => {
    expect(codecError(() => decodeMsgpack(bytes('9201'), ['list', 'number'])).message).toMatch(/invalid msgpack/);
    expect(codecError(() => decodeMsgpack(bytes(''), 'string')).path).toEqual([]);
    expect(codecError(() => decodeMsgpack(bytes('c1'), 'string')).message).toMatch(/invalid msgpack/);
    expect(codecError(() => decodeMsgpack(bytes('a161 a162'), 'string')).message).toMatch(/invalid msgpack/);
    // an integer map key
    expect(codecError(() => decodeMsgpack(bytes('81 01 a178'), ['map', 'string'])).message).toMatch(/keys/);
  });

  it('reports where decoded data does not fit the type', () => {
    const type: CtyType = ['object', { a: ['list', 'number'] }];
    // {"a": [1, "x"]}
    const error = codecError(() => decodeMsgpack(bytes('81 a161 92 01 a178'), type));
    expect(error.path).toEqual(['a', 1]);
    expect(error.message).toBe('.a[1]: expected number, got a string');
    // {"b": 1}
    expect(codecError(() => decodeMsgpack(bytes('81 a162 01'), type)).path).toEqual(['b']);
    // ["x"] for a tuple of two
    expect(codecError(() => decodeMsgpack(bytes('91 a178'), ['tuple', ['string', 'string']])).message).toMatch(
      /2 elements/,
    );
    expect(codecError(() => decodeMsgpack(bytes('c3'), 'string')).message).toBe('expected string, got a boolean');
    expect(codecError(() => decodeMsgpack(bytes('a161'), ['map', 'string'])).message).toMatch(/map/);
  });

  it('reports bad dynamic values with their path', () => {
    const type: CtyType = ['map', 'dynamic'];
    // {"k": ["\"string\""]}: no value
    expect(codecError(() => decodeMsgpack(bytes('81 a16b 91 a8 22737472696e6722'), type)).path).toEqual(['k']);
    // {"k": ["\"nope\"", 1]}
    const badType = codecError(() => decodeMsgpack(bytes('81 a16b 92 a6 226e6f706522 01'), type));
    expect(badType.path).toEqual(['k']);
    expect(badType.message).toMatch(/nope/);
  });

  it('reports bad unknown extensions with their path', () => {
    const type: CtyType = ['list', 'number'];
    // extension 5 with a body longer than one byte
    expect(codecError(() => decodeMsgpack(bytes('91 d505 0000'), type)).message).toMatch(/extension 5/);
    // a string prefix for a number
    expect(codecError(() => decodeMsgpack(bytes('91 c7040c 81 02a178'), type)).path).toEqual([0]);
    // a body that is not a map
    expect(codecError(() => decodeMsgpack(bytes('d50c 9100'), 'string')).message).toMatch(/not a map/);
    // a nullness that is not a bool
    expect(codecError(() => decodeMsgpack(bytes('c7030c 81 0101'), 'string')).message).toMatch(/bool/);
    // a number bound that is not [number, bool]
    expect(codecError(() => decodeMsgpack(bytes('c7040c 81 039101'), 'number')).message).toMatch(/bound/);
    // a body over 1 KiB
    const oversize = Buffer.concat([bytes('c80401 0c 81 02 da03fc'), Buffer.alloc(1020, 0x61)]);
    expect(codecError(() => decodeMsgpack(oversize, 'string')).message).toMatch(/oversize/);
  });
});

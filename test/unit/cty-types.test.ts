import {
  CtyCodecError,
  Dynamic,
  UNKNOWN,
  Unknown,
  isWhollyKnown,
  parseTypeJson,
  typeEquals,
  typeJson,
  type CtyType,
} from '../../provider/protocol/cty';

describe('type JSON', () => {
  const cases: [CtyType, string][] = [
    ['string', '"string"'],
    ['number', '"number"'],
    ['bool', '"bool"'],
    ['dynamic', '"dynamic"'],
    [['list', 'string'], '["list","string"]'],
    [['set', ['map', 'number']], '["set",["map","number"]]'],
    [['tuple', []], '["tuple",[]]'],
    [['tuple', ['string', ['list', 'bool']]], '["tuple",["string",["list","bool"]]]'],
    [['object', {}], '["object",{}]'],
    [['object', { b: 'string', a: 'number', B: 'bool' }], '["object",{"B":"bool","a":"number","b":"string"}]'],
    [
      ['object', { name: 'string', size: 'number', meta: ['map', 'string'] }, ['size', 'meta']],
      '["object",{"meta":["map","string"],"name":"string","size":"number"},["meta","size"]]',
    ],
    [['object', { 'a<b': 'string' }], '["object",{"a\\u003cb":"string"}]'],
  ];

  it.each(cases)('prints %j as Go does', (type, text) => {
    expect(typeJson(type)).toBe(text);
  });

  it.each(cases)('parses %j back', (type, text) => {
    expect(typeEquals(parseTypeJson(text), type)).toBe(true);
    expect(typeJson(parseTypeJson(Buffer.from(text)))).toBe(text);
  });

  it('parses optional attributes sorted and unique, and drops an empty list of them', () => {
    expect(parseTypeJson('["object",{"a":"string","b":"number"},["b","a","b"]]')).toStrictEqual([
      'object',
      { a: 'string', b: 'number' },
      ['a', 'b'],
    ]);
    expect(parseTypeJson('[ "object" , { "a" : "string" } , [ ] ]')).toStrictEqual(['object', { a: 'string' }]);
  });

  it('reads null element types the way Go does', () => {
    expect(parseTypeJson('["tuple",null]')).toStrictEqual(['tuple', []]);
    expect(parseTypeJson('["object",null]')).toStrictEqual(['object', {}]);
  });

  it('keeps an attribute named __proto__ as an attribute', () => {
    const type = parseTypeJson('["object",{"__proto__":"string"}]');
    expect(typeJson(type)).toBe('["object",{"__proto__":"string"}]');
  });

  it.each([
    '"integer"',
    '["list"]',
    '["list","string","string"]',
    '["array","string"]',
    '[1,"string"]',
    '{"list":"string"}',
    '["object",{"a":"string"},["b"]]',
    '["object",{"a":"string"},"a"]',
    '["object",{"a":"string"},[],[]]',
    '["object",["a"]]',
    '["tuple","string"]',
    '["list","string"] x',
    '',
    'null',
  ])('refuses %s', (text) => {
    expect(() => parseTypeJson(text)).toThrow(CtyCodecError);
  });
});

describe('typeEquals', () => {
  it('compares structurally', () => {
    expect(typeEquals(['list', 'string'], ['list', 'string'])).toBe(true);
    expect(typeEquals(['list', 'string'], ['set', 'string'])).toBe(false);
    expect(typeEquals(['list', 'string'], 'string')).toBe(false);
    expect(typeEquals(['map', ['list', 'number']], ['map', ['list', 'string']])).toBe(false);
    expect(typeEquals(['tuple', ['string']], ['tuple', ['string', 'string']])).toBe(false);
    expect(typeEquals(['tuple', ['string', 'bool']], ['tuple', ['string', 'bool']])).toBe(true);
  });

  it('ignores attribute order and optional name order', () => {
    const reordered: CtyType = ['object', { b: 'bool', a: 'string' }, ['b', 'a']];
    expect(typeEquals(['object', { a: 'string', b: 'bool' }, ['a', 'b']], reordered)).toBe(true);
    expect(typeEquals(['object', { a: 'string' }], ['object', { a: 'string' }, []])).toBe(true);
    expect(typeEquals(['object', { a: 'string' }], ['object', { a: 'string' }, ['a']])).toBe(false);
    expect(typeEquals(['object', { a: 'string' }], ['object', { b: 'string' }])).toBe(false);
    expect(typeEquals(['object', { a: 'string' }], ['object', { a: 'string', b: 'string' }])).toBe(false);
    expect(typeEquals(['object', { a: 'string' }], ['object', { a: 'number' }])).toBe(false);
  });
});

describe('isWhollyKnown', () => {
  it('finds unknowns anywhere', () => {
    expect(isWhollyKnown(null)).toBe(true);
    expect(isWhollyKnown({ a: [1, { b: 'x' }], c: null })).toBe(true);
    expect(isWhollyKnown(UNKNOWN)).toBe(false);
    expect(isWhollyKnown({ a: [1, { b: new Unknown({ notNull: true }) }] })).toBe(false);
    expect(isWhollyKnown(new Dynamic('string', 'x'))).toBe(true);
    expect(isWhollyKnown([new Dynamic(['list', 'string'], ['a', UNKNOWN])])).toBe(false);
  });
});

describe('CtyCodecError', () => {
  it('names the path in its message', () => {
    const error = new CtyCodecError('broken', ['spec', 'containers', 0, 'app.kubernetes.io/name', 'x-y']);
    expect(error.message).toBe('.spec.containers[0]["app.kubernetes.io/name"].x-y: broken');
    expect(error.path).toEqual(['spec', 'containers', 0, 'app.kubernetes.io/name', 'x-y']);
    expect(error).toBeInstanceOf(Error);
    expect(new CtyCodecError('top', []).message).toBe('top');
  });
});

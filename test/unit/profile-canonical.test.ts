import { canonicalJson, normalize } from '../../provider/profile';

describe('canonicalJson', () => {
  it('sorts keys at every level and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"z":true}]},"b":1}');
  });

  it('orders keys by UTF-16 code units, integer-like keys included', () => {
    // JS objects list "10" and "2" first and in numeric order; canonical order is by code unit.
    expect(canonicalJson({ b: 0, '2': 0, '10': 0, B: 0, é: 0, '\u{1F600}': 0, '\uFB33': 0 })).toBe(
      '{"10":0,"2":0,"B":0,"b":0,"é":0,"\u{1F600}":0,"\uFB33":0}',
    );
  });

  it('gives the same bytes whatever the insertion order', () => {
    const one = { name: 'web', helm: { version: '1.0.0', chart: 'nginx' } };
    const two = { helm: { chart: 'nginx', version: '1.0.0' }, name: 'web' };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it('drops undefined and null members but keeps empty strings, arrays and objects', () => {
    expect(canonicalJson({ a: undefined, b: null, c: '', d: [], e: {} })).toBe('{"c":"","d":[],"e":{}}');
    expect(canonicalJson({ chart: 'x', repository: null })).toBe(canonicalJson({ chart: 'x' }));
  });

  it('keeps array order and writes missing elements as null', () => {
    expect(canonicalJson(['b', 'a', undefined, null])).toBe('["b","a",null,null]');
  });

  it('writes strings and numbers as ECMAScript does', () => {
    expect(canonicalJson({ s: 'line\nquote"tab\t\u0001é', n: [1e21, 0.1, -0, 1.5e-7] })).toBe(
      '{"n":[1e+21,0.1,0,1.5e-7],"s":"line\\nquote\\"tab\\t\\u0001é"}',
    );
  });

  it('indents with the same key order when asked', () => {
    expect(canonicalJson({ b: [1, {}], a: { c: [] } }, 2)).toBe('{\n  "a": {\n    "c": []\n  },\n  "b": [\n    1,\n    {}\n  ]\n}');
  });

  it('rejects what JSON cannot hold', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ n: Infinity })).toThrow('cannot hold the number Infinity');
    expect(() => canonicalJson({ d: new Date(0) })).toThrow('cannot hold a Date object');
    expect(() => canonicalJson({ b: 1n })).toThrow('cannot hold a bigint');
  });

  it('keeps a "__proto__" key as data', () => {
    const value = JSON.parse('{"__proto__":{"x":1},"a":1}');
    expect(canonicalJson(value)).toBe('{"__proto__":{"x":1},"a":1}');
    expect(Object.getPrototypeOf(normalize(value))).toBe(Object.prototype);
  });
});

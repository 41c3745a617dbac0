// The codec where JS and cty differ: numbers beyond a double, map keys that name Object.prototype
// members, and strings that cty normalises to NFC.
import {
  CtyCodecError,
  CtyNumber,
  Dynamic,
  decodeJsonValue,
  decodeMsgpack,
  encodeJsonValue,
  encodeMsgpack,
  numbersEqual,
  type CtyType,
  type CtyValue,
} from '../../provider/protocol/cty';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const bytes = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
const str = (text: string) => {
  const body = Buffer.from(text);
  if (body.length > 31) throw new Error('test helper: fixstr only');
  return Buffer.concat([Uint8Array.of(0xa0 | body.length), body]);
};

describe('numbers beyond what a double holds', () => {
  it.each([
    ['int64 max', '9223372036854775807', 'cf 7fffffffffffffff'],
    ['int64 min', '-9223372036854775808', 'd3 8000000000000000'],
    ['2^53 + 1', '9007199254740993', 'cf 0020000000000001'],
  ])('%s goes as a 64-bit int and comes back exactly', (_name, text, wire) => {
    const value = new CtyNumber(text);
    expect(hex(encodeMsgpack(value, 'number'))).toBe(wire.replace(/ /g, ''));
    expect(decodeMsgpack(bytes(wire), 'number')).toStrictEqual(value);
  });

  it('writes what int64 cannot hold as decimal text, as cty does, and reads it back', () => {
    for (const text of ['9223372036854775808', '-98765432109876543210987654321', '0.1', '-12345678901234567890.000000000000000001']) {
      const encoded = encodeMsgpack(new CtyNumber(text), 'number');
      const header = encoded[0] === 0xd9 ? 2 : 1; // fixstr or str8
      expect(Buffer.from(encoded).subarray(header).toString()).toBe(text);
      expect(decodeMsgpack(encoded, 'number')).toStrictEqual(new CtyNumber(text));
    }
  });

  it('keeps JS numbers for safe integers and for fractions a double holds exactly', () => {
    expect(decodeMsgpack(str('9007199254740991'), 'number')).toBe(9007199254740991);
    expect(decodeMsgpack(str('0.5'), 'number')).toBe(0.5);
    expect(decodeMsgpack(str('-1.25e2'), 'number')).toBe(-125);
    expect(decodeMsgpack(str('0.000'), 'number')).toBe(0);
  });

  it('reads JSON numbers in state exactly, and writes them back unchanged', () => {
    const type: CtyType = ['object', { big: 'number', fraction: 'number', small: 'number', quoted: 'number' }];
    const state = '{"big":12345678901234567890,"fraction":0.1,"small":42,"quoted":"18446744073709551616"}';
    const value = decodeJsonValue(state, type) as Record<string, CtyValue>;
    expect(value).toStrictEqual({
      big: new CtyNumber('12345678901234567890'),
      fraction: new CtyNumber('0.1'),
      small: 42,
      quoted: new CtyNumber('18446744073709551616'),
    });
    expect(encodeJsonValue(value, type)).toBe('{"big":12345678901234567890,"fraction":0.1,"quoted":18446744073709551616,"small":42}');
    expect(decodeMsgpack(encodeMsgpack(value, type), type)).toStrictEqual(value);
  });

  it('writes its text in plain decimal, without redundant zeros', () => {
    expect(new CtyNumber('+0001.2500e2').text).toBe('125');
    expect(new CtyNumber('1e-3').text).toBe('0.001');
    expect(new CtyNumber('-0.0').text).toBe('0');
    expect(new CtyNumber('1.5E+20').text).toBe('150000000000000000000');
    expect(new CtyNumber('1e400').text).toBe(`1${'0'.repeat(400)}`);
    expect(new CtyNumber('12.5').isInteger).toBe(false);
  });

  it('refuses text that is no number, or one too long to write out', () => {
    expect(() => new CtyNumber('1e99999')).toThrow(RangeError);
    expect(() => new CtyNumber('.')).toThrow(RangeError);
    expect(() => decodeJsonValue('"1e99999"', 'number')).toThrow(CtyCodecError);
    expect(() => decodeMsgpack(str('0x10'), 'number')).toThrow(/expected number/);
  });

  it('compares numbers by value, whichever form they are in', () => {
    expect(numbersEqual(2 ** 60, new CtyNumber('1152921504606846976'))).toBe(true);
    expect(numbersEqual(new CtyNumber('0.5'), 0.5)).toBe(true);
    // The double nearest 0.1 is 0.1000000000000000055511151231257827...
    expect(numbersEqual(0.1, new CtyNumber('0.1'))).toBe(false);
    expect(numbersEqual(new CtyNumber('1e3'), new CtyNumber('1000.000'))).toBe(true);
    expect(numbersEqual(Infinity, Infinity)).toBe(true);
    expect(numbersEqual(Infinity, new CtyNumber('1e300'))).toBe(false);
  });

  it('keeps refinement bounds exact', () => {
    // An unknown number at most 2^63 + 1 (cty writes the bound as text).
    const bound = new CtyNumber('9223372036854775809');
    const refined = decodeMsgpack(encodeMsgpack(decodeMsgpack(bytes('c7180c 81 04 92 b3 39323233333732303336383534373735383039 c3'), 'number'), 'number'), 'number');
    expect(refined).toMatchObject({ refinement: { numberUpper: { value: bound, inclusive: true } } });
  });
});

describe('map keys that name Object.prototype members', () => {
  const keys = ['__proto__', 'constructor', 'hasOwnProperty', 'toString'];

  it('decode from msgpack as ordinary keys, and encode back byte for byte', () => {
    // {"__proto__": "a", "constructor": "b", "hasOwnProperty": "c", "toString": "d"}
    const wire = Buffer.concat([Uint8Array.of(0x84), ...keys.flatMap((key, i) => [str(key), str('abcd'[i]!)])]);
    const value = decodeMsgpack(wire, ['map', 'string']) as Record<string, CtyValue>;
    expect(Object.getPrototypeOf(value)).toBeNull();
    expect(Object.keys(value)).toEqual(keys);
    expect(keys.map((key) => value[key])).toEqual(['a', 'b', 'c', 'd']);
    expect(hex(encodeMsgpack(value, ['map', 'string']))).toBe(hex(wire));
  });

  it('decode from JSON state as ordinary keys', () => {
    const value = decodeJsonValue('{"__proto__":1,"constructor":2,"hasOwnProperty":3,"toString":4}', ['map', 'number']) as Record<string, CtyValue>;
    expect(Object.keys(value)).toEqual(keys);
    expect(value.hasOwnProperty).toBe(3);
    expect(encodeJsonValue(value, ['map', 'number'])).toBe('{"__proto__":1,"constructor":2,"hasOwnProperty":3,"toString":4}');
  });

  it('a map without them finds nothing of Object.prototype', () => {
    const value = decodeMsgpack(bytes('81 a161 a162'), ['map', 'string']) as Record<string, CtyValue>;
    expect(value.constructor).toBeUndefined();
    expect(value.toString).toBeUndefined();
  });

  it('work as attribute names of dynamic object types, and a missing one is null', () => {
    const typeJson = '["object",{"__proto__":"string","constructor":"string"}]';
    const decoded = decodeJsonValue(`{"type":${typeJson},"value":{"__proto__":"p"}}`, 'dynamic') as Dynamic;
    expect(decoded).toBeInstanceOf(Dynamic);
    const object = decoded.value as Record<string, CtyValue>;
    expect(Object.keys(object).sort()).toEqual(['__proto__', 'constructor']);
    expect(object['__proto__']).toBe('p');
    expect(object.constructor).toBeNull();
    expect(decodeMsgpack(encodeMsgpack(decoded, 'dynamic'), 'dynamic')).toStrictEqual(decoded);
  });
});

describe('strings normalised to NFC, as cty creates them', () => {
  const decomposed = 'Cafe\u0301 \u212b'; // e + combining acute; the Angstrom sign
  const composed = 'Caf\u00e9 \u00c5';

  it('from msgpack', () => {
    expect(decodeMsgpack(encodeMsgpack(decomposed, 'string'), 'string')).toBe(composed);
  });

  it('from JSON state', () => {
    expect(decodeJsonValue(JSON.stringify(decomposed), 'string')).toBe(composed);
    expect(decodeJsonValue('"e\\u0301"', 'string')).toBe('\u00e9');
  });

  it('leaves map keys and compatibility characters as they are, as cty does', () => {
    const value = decodeJsonValue('{"e\\u0301":"\ufb01"}', ['map', 'string']) as Record<string, CtyValue>;
    expect(Object.keys(value)).toEqual(['e\u0301']);
    expect(value['e\u0301']).toBe('\ufb01');
  });
});

describe('the msgpack reader', () => {
  it('reads every width of str, bin, array, map, int and float', () => {
    const long = 'x'.repeat(300);
    expect(decodeMsgpack(Buffer.concat([bytes('da012c'), Buffer.from(long)]), 'string')).toBe(long);
    expect(decodeMsgpack(Buffer.concat([bytes('d903'), Buffer.from('abc')]), 'string')).toBe('abc');
    expect(decodeMsgpack(Buffer.concat([bytes('c50003'), Buffer.from('abc')]), 'string')).toBe('abc');
    expect(decodeMsgpack(bytes('dc0002 01 02'), ['list', 'number'])).toEqual([1, 2]);
    expect(decodeMsgpack(bytes('dd00000001 c3'), ['list', 'bool'])).toEqual([true]);
    expect(decodeMsgpack(bytes('de0001 a161 01'), ['map', 'number'])).toEqual({ a: 1 });
    expect(decodeMsgpack(bytes('df00000001 a161 ff'), ['map', 'number'])).toEqual({ a: -1 });
    expect(decodeMsgpack(bytes('d0 80'), 'number')).toBe(-128);
    expect(decodeMsgpack(bytes('d1 8000'), 'number')).toBe(-32768);
    expect(decodeMsgpack(bytes('cd ffff'), 'number')).toBe(65535);
    expect(decodeMsgpack(bytes('cb 3ff8000000000000'), 'number')).toBe(1.5);
  });

  it('reports truncated data and bytes after the value', () => {
    expect(() => decodeMsgpack(bytes('dd ffffffff'), ['list', 'number'])).toThrow(/invalid msgpack: unexpected end/);
    expect(() => decodeMsgpack(bytes('cb 3ff8'), 'number')).toThrow(/unexpected end/);
    expect(() => decodeMsgpack(bytes('01 02'), 'number')).toThrow(/1 unexpected bytes after the value/);
  });
});

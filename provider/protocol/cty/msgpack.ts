// cty's msgpack encoding (cty/msgpack), the form Terraform sends values in over the plugin protocol.
import { encode, ExtData, type ExtensionCodecType } from '@msgpack/msgpack';
import { encodeWith, type EncodeTarget } from './encode-walk';
import { MsgpackError, readMsgpack, utf8, WireExt, type Wire } from './msgpack-read';
import { CtyNumber, numberFromBigInt, numberFromDouble, numberFromText } from './number';
import { parseTypeJson, typeJson } from './type-json';
import {
  CtyCodecError,
  Dynamic,
  UNKNOWN,
  Unknown,
  describeValue,
  dictionary,
  isCollectionType,
  nfc,
  type CtyPath,
  type CtyType,
  type CtyValue,
  type UnknownRefinement,
} from './types';

// Extension types and refinement keys, from cty/msgpack/unknown.go.
const EXT_UNKNOWN = 0;
const EXT_REFINED_UNKNOWN = 12;
const REFINE_NULLNESS = 1;
const REFINE_STRING_PREFIX = 2;
const REFINE_NUMBER_LOWER = 3;
const REFINE_NUMBER_UPPER = 4;
const REFINE_LENGTH_LOWER = 5;
const REFINE_LENGTH_UPPER = 6;
/** cty refuses refinement bodies longer than this... */
const MAX_REFINEMENT_BYTES = 1024;
/** ...and so cuts string prefixes longer than this. */
const MAX_PREFIX_BYTES = 256;
/** cty's plain unknown has a one-byte body, the shortest extension msgpack has. */
const PLAIN_UNKNOWN_BODY = Uint8Array.of(0);
/** A refinement body is a map of at most three entries, so its header is one fixmap byte. */
const FIXMAP = 0x80;

/** An unknown on its way out, its refinements already checked against its type and encoded. */
class WireUnknown {
  constructor(readonly refinements: Uint8Array | undefined) {}
}

const extensions: ExtensionCodecType<undefined> = {
  tryToEncode: (value) =>
    value instanceof WireUnknown
      ? value.refinements
        ? new ExtData(EXT_REFINED_UNKNOWN, value.refinements)
        : new ExtData(EXT_UNKNOWN, PLAIN_UNKNOWN_BODY)
      : null,
  // Required by the interface; values are read by msgpack-read.ts, not by this library.
  decode: (data, type) => new ExtData(type, data),
};

const ENCODE_OPTIONS = {
  extensionCodec: extensions,
  // For integers beyond 2^53; see numberToWire.
  useBigInt64: true,
  // cty writes map keys and attribute names sorted. (The encoder sorts by UTF-16 units, which
  // differs from cty's byte order only between U+E000..U+FFFF and astral characters.)
  sortKeys: true,
} as const;

export function encodeMsgpack(value: CtyValue, type: CtyType): Uint8Array {
  return encode(encodeWith(wireTarget, value, type, []), ENCODE_OPTIONS);
}

export function decodeMsgpack(bytes: Uint8Array, type: CtyType): CtyValue {
  let wire: Wire;
  try {
    wire = readMsgpack(bytes);
  } catch (error) {
    if (!(error instanceof MsgpackError)) throw error;
    throw new CtyCodecError(`invalid msgpack: ${error.message}`, []);
  }
  return fromWire(wire, type, []);
}

const wireTarget: EncodeTarget<unknown> = {
  null: () => null,
  unknown: (value, type, path) => new WireUnknown(encodeRefinements(value.refinement, type, path)),
  dynamic: (type, encoded) => [new TextEncoder().encode(typeJson(type)), encoded],
  string: (value) => value,
  number: numberToWire,
  bool: (value) => value,
  sequence: (items) => items,
  entries: (entries) => Object.fromEntries(entries),
};

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * cty writes a number as an int when it is one that fits int64, as a float64 when it is exactly
 * one, else as decimal text. The encoder writes numbers as ints only within 32 bits once
 * useBigInt64 is on, so wider ints go as BigInt.
 */
function numberToWire(value: number | CtyNumber, path: CtyPath): number | bigint | string {
  if (value instanceof CtyNumber) {
    const integer = value.isInteger ? BigInt(value.text) : undefined;
    return integer !== undefined && integer >= INT64_MIN && integer <= INT64_MAX ? integer : value.text;
  }
  if (Number.isNaN(value)) throw new CtyCodecError('NaN is not a cty number', path);
  const wide = value < -(2 ** 31) || value >= 2 ** 32;
  return Number.isInteger(value) && wide && value >= -(2 ** 63) && value < 2 ** 63 ? BigInt(value) : value;
}

function encodeRefinements(
  refinement: UnknownRefinement | undefined,
  type: CtyType,
  path: CtyPath,
): Uint8Array | undefined {
  if (!refinement) return undefined;
  const fields: [number, unknown][] = [];
  const check = (applies: boolean, what: string) => {
    if (!applies) throw new CtyCodecError(`an unknown of type ${typeJson(type)} cannot have a ${what}`, path);
  };
  const lengthBound = (bound: number) => {
    check(isCollectionType(type), 'length bound');
    if (!Number.isInteger(bound) || bound < 0) throw new CtyCodecError(`bad length bound ${bound}`, path);
    return bound;
  };
  if (refinement.notNull) {
    check(type !== 'dynamic', 'not-null refinement');
    // The key records whether the value is null.
    fields.push([REFINE_NULLNESS, false]);
  }
  if (refinement.stringPrefix) {
    check(type === 'string', 'string prefix');
    fields.push([REFINE_STRING_PREFIX, capPrefix(refinement.stringPrefix)]);
  }
  // An infinite bound bounds nothing, and cty leaves it out.
  const { numberLower: lower, numberUpper: upper } = refinement;
  if (lower && lower.value !== -Infinity) {
    check(type === 'number', 'number bound');
    fields.push([REFINE_NUMBER_LOWER, [numberToWire(lower.value, path), lower.inclusive]]);
  }
  if (upper && upper.value !== Infinity) {
    check(type === 'number', 'number bound');
    fields.push([REFINE_NUMBER_UPPER, [numberToWire(upper.value, path), upper.inclusive]]);
  }
  // Zero is no lower bound, and cty leaves it out.
  if (refinement.lengthLower) fields.push([REFINE_LENGTH_LOWER, lengthBound(refinement.lengthLower)]);
  if (refinement.lengthUpper !== undefined) fields.push([REFINE_LENGTH_UPPER, lengthBound(refinement.lengthUpper)]);
  if (fields.length === 0) return undefined;
  // cty keys the map by integers, and the encoder writes JS object keys as strings, so the map is
  // put together entry by entry (as cty itself does).
  const parts = fields.flatMap(([key, value]) => [encode(key, ENCODE_OPTIONS), encode(value, ENCODE_OPTIONS)]);
  return Buffer.concat([Uint8Array.of(FIXMAP | fields.length), ...parts]);
}

/**
 * Like cty, keep a long prefix under MAX_PREFIX_BYTES by cutting it, then drop the last grapheme,
 * which characters that follow could still change. A shorter prefix is still a true promise.
 */
function capPrefix(prefix: string): string {
  if (Buffer.byteLength(prefix) <= MAX_PREFIX_BYTES) return prefix;
  let bytes = 0;
  let end = 0;
  for (const char of prefix) {
    bytes += Buffer.byteLength(char);
    if (bytes >= MAX_PREFIX_BYTES) break;
    end += char.length;
  }
  const cut = prefix.slice(0, end);
  const graphemes = [...new Intl.Segmenter().segment(cut)];
  return cut.slice(0, graphemes[graphemes.length - 1].index);
}

function fromWire(wire: Wire, type: CtyType, path: CtyPath): CtyValue {
  if (wire instanceof WireExt) return unknownFromWire(wire, type, path);
  if (type === 'dynamic') return dynamicFromWire(wire, path);
  if (wire === null) return null;
  switch (type) {
    case 'string': {
      const text = wireText(wire);
      return text === undefined ? mismatch(type, wire, path) : nfc(text);
    }
    case 'number':
      return numberFromWire(wire) ?? mismatch(type, wire, path);
    case 'bool':
      return typeof wire === 'boolean' ? wire : mismatch(type, wire, path);
  }
  switch (type[0]) {
    case 'list':
    case 'set': {
      if (!Array.isArray(wire)) return mismatch(`a ${type[0]} (array)`, wire, path);
      const elementType = type[1];
      return wire.map((element, i) => fromWire(element, elementType, [...path, i]));
    }
    case 'tuple': {
      const elementTypes = type[1];
      if (!Array.isArray(wire) || wire.length !== elementTypes.length) {
        return mismatch(`a tuple (array) of ${elementTypes.length} elements`, wire, path);
      }
      return wire.map((element, i) => fromWire(element, elementTypes[i], [...path, i]));
    }
    case 'map': {
      if (!(wire instanceof Map)) return mismatch('a map', wire, path);
      const elementType = type[1];
      const map = dictionary();
      for (const [key, element] of wire) {
        const name = mapKey(key, path);
        map[name] = fromWire(element, elementType, [...path, name]);
      }
      return map;
    }
    case 'object': {
      if (!(wire instanceof Map)) return mismatch('an object (map)', wire, path);
      const attributes = type[1];
      const members = new Map<string, Wire>();
      for (const [key, element] of wire) {
        const name = mapKey(key, path);
        if (!Object.hasOwn(attributes, name)) throw new CtyCodecError('unsupported attribute', [...path, name]);
        members.set(name, element);
      }
      // cty always sends every attribute; one that is missing reads as null.
      return Object.fromEntries(
        Object.entries(attributes).map(([name, attributeType]) => {
          const element = members.get(name);
          return [name, element === undefined ? null : fromWire(element, attributeType, [...path, name])];
        }),
      );
    }
  }
}

/** cty writes keys as str; it reads bin as well. */
function mapKey(key: Wire, path: CtyPath): string {
  const text = wireText(key);
  if (text === undefined) throw new CtyCodecError(`map keys must be strings, got ${describeWire(key)}`, path);
  return text;
}

function mismatch(expected: string, found: Wire, path: CtyPath): never {
  throw new CtyCodecError(`expected ${expected}, got ${describeWire(found)}`, path);
}

function describeWire(wire: Wire): string {
  if (wire instanceof Map) return 'a map';
  if (typeof wire === 'bigint') return 'a number';
  return describeValue(wire);
}

/** A value in a 'dynamic' slot: [type JSON, value], which cty writes as [bin, ...]. */
function dynamicFromWire(wire: Wire, path: CtyPath): CtyValue {
  if (wire === null) return null;
  const typeText = Array.isArray(wire) && wire.length === 2 ? wireText(wire[0]) : undefined;
  if (!Array.isArray(wire) || typeText === undefined) {
    throw new CtyCodecError(`expected a [type JSON, value] pair for type dynamic, got ${describeWire(wire)}`, path);
  }
  const type = parseTypeJson(typeText, path);
  const value = fromWire(wire[1], type, path);
  return type === 'dynamic' ? value : new Dynamic(type, value);
}

function unknownFromWire(ext: WireExt, type: CtyType, path: CtyPath): CtyValue {
  // Any extension of at most one byte is the plain unknown, whatever its type number.
  if (ext.data.length <= 1) return UNKNOWN;
  function fail(reason: string): never {
    throw new CtyCodecError(reason, path);
  }
  if (ext.type !== EXT_REFINED_UNKNOWN) fail(`unsupported msgpack extension ${ext.type}`);
  if (ext.data.length > MAX_REFINEMENT_BYTES) fail('oversize unknown value refinement');
  let body: Wire;
  try {
    // cty ignores bytes after the refinement map, leaving room for later additions.
    body = readMsgpack(ext.data, false);
  } catch (error) {
    return fail(`invalid unknown value refinements: ${(error as Error).message}`);
  }
  if (!(body instanceof Map)) return fail('unknown value refinements are not a map');
  // cty never refines an unknown of type dynamic, and ignores such refinements.
  if (type === 'dynamic') return UNKNOWN;

  const refinement: UnknownRefinement = {};
  const check = (applies: boolean, what: string) => {
    if (!applies) fail(`an unknown of type ${typeJson(type)} cannot have a ${what}`);
  };
  const numberBound = (bound: Wire) => {
    check(type === 'number', 'number bound');
    if (Array.isArray(bound) && bound.length === 2 && typeof bound[1] === 'boolean') {
      const value = numberFromWire(bound[0]);
      if (value !== undefined) return { value, inclusive: bound[1] };
    }
    return fail('number bound is not [number, bool]');
  };
  const lengthBound = (bound: Wire) => {
    check(isCollectionType(type), 'length bound');
    return typeof bound === 'number' && Number.isInteger(bound) && bound >= 0
      ? bound
      : fail('length bound is not a non-negative integer');
  };
  let isNull = false;
  for (const [key, field] of body) {
    switch (key) {
      case REFINE_NULLNESS:
        if (typeof field !== 'boolean') fail('nullness refinement is not a bool');
        if (field) isNull = true;
        else refinement.notNull = true;
        break;
      case REFINE_STRING_PREFIX: {
        check(type === 'string', 'string prefix');
        if (typeof field !== 'string') fail('string prefix refinement is not a string');
        if (field) refinement.stringPrefix = field;
        break;
      }
      case REFINE_NUMBER_LOWER: {
        const bound = numberBound(field);
        if (bound.value !== -Infinity) refinement.numberLower = bound;
        break;
      }
      case REFINE_NUMBER_UPPER: {
        const bound = numberBound(field);
        if (bound.value !== Infinity) refinement.numberUpper = bound;
        break;
      }
      case REFINE_LENGTH_LOWER: {
        const bound = lengthBound(field);
        if (bound > 0) refinement.lengthLower = bound;
        break;
      }
      case REFINE_LENGTH_UPPER:
        refinement.lengthUpper = lengthBound(field);
        break;
      // Other keys are refinements from a newer cty; ignoring them only loses a promise.
    }
  }
  // An unknown known to be null is simply null, as in cty.
  if (isNull) return null;
  return Object.keys(refinement).length > 0 ? new Unknown(refinement) : UNKNOWN;
}

/** cty reads a string (and a number's text) from str or bin alike. */
function wireText(wire: Wire): string | undefined {
  if (typeof wire === 'string') return wire;
  return wire instanceof Uint8Array ? utf8.decode(wire) : undefined;
}

function numberFromWire(wire: Wire): number | CtyNumber | undefined {
  if (typeof wire === 'bigint') return numberFromBigInt(wire);
  if (typeof wire === 'number') return Number.isNaN(wire) ? undefined : numberFromDouble(wire);
  const text = wireText(wire);
  return text === undefined ? undefined : numberFromText(text);
}

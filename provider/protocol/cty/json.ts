// cty's JSON value encoding (cty/json): the form of values in Terraform state, which reaches a
// provider when it upgrades state.
import { encodeWith, type EncodeTarget } from './encode-walk';
import { JsonNumber, parseJsonText, type JsonNode } from './json-text';
import { goJsonString, typeFromJson, typeJson } from './type-json';
import { CtyNumber, numberFromText } from './number';
import { CtyCodecError, Dynamic, dictionary, nfc, type CtyPath, type CtyType, type CtyValue } from './types';

/** `dropUnknownAttributes`: members of a top-level object that its type lacks are left out instead of refused. */
export function decodeJsonValue(text: string | Uint8Array, type: CtyType, options: { dropUnknownAttributes?: boolean } = {}): CtyValue {
  const node = parseJsonText(text, []);
  if (options.dropUnknownAttributes && node instanceof Map && typeof type !== 'string' && type[0] === 'object') {
    for (const key of [...node.keys()]) if (!Object.hasOwn(type[1], key)) node.delete(key);
  }
  return fromJson(node, type, []);
}

/** JSON has no unknowns: the value must be wholly known. */
export function encodeJsonValue(value: CtyValue, type: CtyType): string {
  return encodeWith(jsonTarget, value, type, []);
}

const jsonTarget: EncodeTarget<string> = {
  null: () => 'null',
  unknown: (_value, _type, path) => {
    throw new CtyCodecError('value is not known', path);
  },
  dynamic: (type, encoded) => `{"value":${encoded},"type":${typeJson(type)}}`,
  string: goJsonString,
  number: (value, path) => {
    if (value instanceof CtyNumber) return value.text;
    if (!Number.isFinite(value)) throw new CtyCodecError(`${value} cannot be written as JSON`, path);
    return plainDecimal(value);
  },
  bool: (value) => String(value),
  sequence: (items) => `[${items.join(',')}]`,
  entries: (entries) => `{${entries.map(([key, value]) => `${goJsonString(key)}:${value}`).join(',')}}`,
};

/** Go writes numbers in plain decimal, never with an exponent: 1e21 as 1000000000000000000000. */
function plainDecimal(value: number): string {
  const shortest = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(shortest);
  if (!match) return shortest;
  const [, sign, lead, fraction = '', exponentText] = match;
  const digits = lead + fraction;
  const exponent = Number(exponentText);
  // JS uses exponents only past 1e21 or below 1e-6, so the digits never straddle the point.
  return exponent >= 0 ? sign + digits.padEnd(exponent + 1, '0') : `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
}

function fromJson(node: JsonNode, type: CtyType, path: CtyPath): CtyValue {
  if (node === null) return null;
  if (type === 'dynamic') return dynamicFromJson(node, path);
  // Like cty, primitives convert from each other where cty's conversions allow.
  switch (type) {
    case 'string':
      if (typeof node === 'string') return nfc(node);
      if (node instanceof JsonNumber) return node.text;
      return typeof node === 'boolean' ? String(node) : mismatch(type, node, path);
    case 'number': {
      const text = node instanceof JsonNumber ? node.text : typeof node === 'string' ? node : undefined;
      return (text === undefined ? undefined : numberFromText(text)) ?? mismatch(type, node, path);
    }
    case 'bool':
      if (typeof node === 'boolean') return node;
      if (node === 'true' || node === '1') return true;
      return node === 'false' || node === '0' ? false : mismatch(type, node, path);
  }
  switch (type[0]) {
    case 'list':
    case 'set': {
      if (!Array.isArray(node)) return mismatch(`a ${type[0]} (array)`, node, path);
      const elementType = type[1];
      return node.map((element, i) => fromJson(element, elementType, [...path, i]));
    }
    case 'tuple': {
      const elementTypes = type[1];
      if (!Array.isArray(node) || node.length !== elementTypes.length) {
        return mismatch(`a tuple (array) of ${elementTypes.length} elements`, node, path);
      }
      return node.map((element, i) => fromJson(element, elementTypes[i], [...path, i]));
    }
    case 'map': {
      if (!(node instanceof Map)) return mismatch('a map (object)', node, path);
      const elementType = type[1];
      const map = dictionary();
      for (const [key, element] of node) map[key] = fromJson(element, elementType, [...path, key]);
      return map;
    }
    case 'object': {
      if (!(node instanceof Map)) return mismatch('an object', node, path);
      const attributes = type[1];
      for (const key of node.keys()) {
        if (!Object.hasOwn(attributes, key)) throw new CtyCodecError('unsupported attribute', [...path, key]);
      }
      // State may predate an attribute; a missing one reads as null, as in cty.
      return Object.fromEntries(
        Object.entries(attributes).map(([name, attributeType]) => {
          const element = node.get(name);
          return [name, element === undefined ? null : fromJson(element, attributeType, [...path, name])];
        }),
      );
    }
  }
}

/** A value in a 'dynamic' slot: {"value": ..., "type": ...}. */
function dynamicFromJson(node: JsonNode, path: CtyPath): CtyValue {
  const fail = (reason: string): never => {
    throw new CtyCodecError(reason, path);
  };
  if (!(node instanceof Map)) {
    return fail(`expected {"value": ..., "type": ...} for type dynamic, got ${describeJson(node)}`);
  }
  for (const key of node.keys()) {
    if (key !== 'value' && key !== 'type') fail(`invalid key "${key}" in a value of type dynamic`);
  }
  const typeNode = node.get('type');
  const valueNode = node.get('value');
  if (typeNode === undefined) return fail('missing type in a value of type dynamic');
  if (valueNode === undefined) return fail('missing value in a value of type dynamic');
  const type = typeFromJson(typeNode, path);
  const value = fromJson(valueNode, type, path);
  return type === 'dynamic' ? value : new Dynamic(type, value);
}

function mismatch(expected: string, found: JsonNode, path: CtyPath): never {
  throw new CtyCodecError(`expected ${expected}, got ${describeJson(found)}`, path);
}

function describeJson(node: JsonNode): string {
  if (node instanceof JsonNumber) return `number ${node.text}`;
  if (node instanceof Map) return 'an object';
  if (Array.isArray(node)) return 'an array';
  return typeof node === 'string' ? 'a string' : String(node);
}

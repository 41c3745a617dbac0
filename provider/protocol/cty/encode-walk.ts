// Walks a value against its type on the way out, so that both encoders (msgpack and JSON) check
// conformance the same way and differ only in what they write.
import { isCtyNumber, type CtyNumber } from './number';
import {
  CtyCodecError,
  Dynamic,
  Unknown,
  describeValue,
  goStringOrder,
  isPlainObject,
  type CtyPath,
  type CtyType,
  type CtyValue,
} from './types';

export interface EncodeTarget<T> {
  null(): T;
  unknown(value: Unknown, type: CtyType, path: CtyPath): T;
  /** A value in a 'dynamic' slot, already encoded for its own type. */
  dynamic(type: CtyType, encoded: T): T;
  string(value: string): T;
  number(value: number | CtyNumber, path: CtyPath): T;
  bool(value: boolean): T;
  /** Lists, sets and tuples. */
  sequence(items: T[]): T;
  /** Maps and objects, keys in the order cty writes them. */
  entries(entries: [string, T][]): T;
}

function mismatch(expected: string, found: CtyValue, path: CtyPath): never {
  throw new CtyCodecError(`expected ${expected}, got ${describeValue(found)}`, path);
}

export function encodeWith<T>(target: EncodeTarget<T>, value: CtyValue, type: CtyType, path: CtyPath): T {
  if (value instanceof Unknown) return target.unknown(value, type, path);
  if (value === null) return target.null();
  if (type === 'dynamic') {
    if (!(value instanceof Dynamic)) return mismatch('a Dynamic, null or an Unknown for type dynamic', value, path);
    // cty writes the real type; 'dynamic' is only ever a type constraint.
    if (value.type === 'dynamic') throw new CtyCodecError('a Dynamic cannot have type dynamic', path);
    return target.dynamic(value.type, encodeWith(target, value.value, value.type, path));
  }
  if (value instanceof Dynamic) return mismatch('a plain value (Dynamic is only for type dynamic)', value, path);
  switch (type) {
    case 'string':
      return typeof value === 'string' ? target.string(value) : mismatch(type, value, path);
    case 'number':
      return isCtyNumber(value) ? target.number(value, path) : mismatch(type, value, path);
    case 'bool':
      return typeof value === 'boolean' ? target.bool(value) : mismatch(type, value, path);
  }
  switch (type[0]) {
    case 'list':
    case 'set': {
      if (!Array.isArray(value)) return mismatch(`a ${type[0]} (array)`, value, path);
      const elementType = type[1];
      return target.sequence(value.map((element, i) => encodeWith(target, element, elementType, [...path, i])));
    }
    case 'tuple': {
      const elementTypes = type[1];
      if (!Array.isArray(value) || value.length !== elementTypes.length) {
        return mismatch(`a tuple (array) of ${elementTypes.length} elements`, value, path);
      }
      return target.sequence(value.map((element, i) => encodeWith(target, element, elementTypes[i], [...path, i])));
    }
    case 'map': {
      if (!isPlainObject(value)) return mismatch('a map (plain object)', value, path);
      const elementType = type[1];
      const keys = Object.keys(value).sort(goStringOrder);
      return target.entries(keys.map((key) => [key, encodeWith(target, value[key], elementType, [...path, key])]));
    }
    case 'object': {
      if (!isPlainObject(value)) return mismatch('an object (plain object)', value, path);
      const attributes = type[1];
      for (const key of Object.keys(value)) {
        if (!Object.hasOwn(attributes, key)) throw new CtyCodecError('unsupported attribute', [...path, key]);
      }
      // Every attribute is written; one the value lacks is null.
      const names = Object.keys(attributes).sort(goStringOrder);
      return target.entries(
        names.map((name) => [name, encodeWith(target, value[name] ?? null, attributes[name], [...path, name])]),
      );
    }
  }
}

// The cty type system as plain JS data: the model both wire codecs share.
import { CtyNumber } from './number';

export type CtyPrimitiveType = 'string' | 'number' | 'bool' | 'dynamic';

/** A cty type, in the same shape as cty's type JSON. */
export type CtyType =
  | CtyPrimitiveType
  | ['list', CtyType]
  | ['set', CtyType]
  | ['map', CtyType]
  | ['object', { [name: string]: CtyType }]
  | ['object', { [name: string]: CtyType }, string[]] // third: the optional attribute names
  | ['tuple', CtyType[]];

/** What is promised about an unknown value (cty's refinements). */
export interface UnknownRefinement {
  notNull?: boolean;
  /** Strings only. */
  stringPrefix?: string;
  /** Numbers only. */
  numberLower?: { value: number | CtyNumber; inclusive: boolean };
  numberUpper?: { value: number | CtyNumber; inclusive: boolean };
  /** Lists, sets and maps only; both bounds are inclusive. */
  lengthLower?: number;
  lengthUpper?: number;
}

/** A value not known until apply, maybe with promises about it. */
export class Unknown {
  constructor(readonly refinement?: UnknownRefinement) {}
}

/** The unknown that promises nothing. */
export const UNKNOWN = new Unknown();

/** A value in a slot whose declared type is 'dynamic', carrying its real type. */
export class Dynamic {
  constructor(
    readonly type: CtyType,
    readonly value: CtyValue,
  ) {}
}

/**
 * Lists, sets and tuples are arrays; maps and objects are plain objects (decoded maps have no
 * prototype, so any key is data); numbers are JS numbers, or CtyNumbers where a JS number would
 * round (see number.ts).
 */
export type CtyValue = null | Unknown | Dynamic | string | number | CtyNumber | boolean | CtyValue[] | { [key: string]: CtyValue };

/**
 * An empty map value without a prototype: keys read from the wire, "__proto__" and "constructor"
 * included, are plain data, and a missing key never finds something of Object.prototype.
 */
export function dictionary(): { [key: string]: CtyValue } {
  return Object.create(null) as { [key: string]: CtyValue };
}

/** Steps into a value: attribute names and map keys as strings, element indexes as numbers. */
export type CtyPath = (string | number)[];

export class CtyCodecError extends Error {
  constructor(
    reason: string,
    readonly path: CtyPath,
  ) {
    super(path.length > 0 ? `${formatPath(path)}: ${reason}` : reason);
    this.name = 'CtyCodecError';
  }
}

function formatPath(path: CtyPath): string {
  const format = (step: string | number) => {
    if (typeof step === 'number') return `[${step}]`;
    return /^[A-Za-z_][\w-]*$/.test(step) ? `.${step}` : `[${JSON.stringify(step)}]`;
  };
  return path.map(format).join('');
}

export function isWhollyKnown(value: CtyValue): boolean {
  if (value instanceof Unknown) return false;
  if (value instanceof Dynamic) return isWhollyKnown(value.value);
  if (value instanceof CtyNumber) return true;
  if (Array.isArray(value)) return value.every(isWhollyKnown);
  if (value !== null && typeof value === 'object') return Object.values(value).every(isWhollyKnown);
  return true;
}

export function typeEquals(a: CtyType, b: CtyType): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  switch (a[0]) {
    case 'list':
    case 'set':
    case 'map':
      return a[0] === b[0] && typeEquals(a[1], b[1] as CtyType);
    case 'tuple':
      return (
        b[0] === 'tuple' && a[1].length === b[1].length && a[1].every((element, i) => typeEquals(element, b[1][i]))
      );
    case 'object': {
      if (b[0] !== 'object') return false;
      const names = Object.keys(a[1]);
      const optional = new Set(optionalAttributes(a));
      const otherOptional = optionalAttributes(b);
      return (
        names.length === Object.keys(b[1]).length &&
        names.every((name) => Object.hasOwn(b[1], name) && typeEquals(a[1][name], b[1][name])) &&
        optional.size === new Set(otherOptional).size &&
        otherOptional.every((name) => optional.has(name))
      );
    }
  }
}

export type CtyObjectType = Extract<CtyType, ['object', ...unknown[]]>;

export function optionalAttributes(type: CtyObjectType): string[] {
  return type.length === 3 ? type[2] : [];
}

export function isCollectionType(type: CtyType): boolean {
  return typeof type !== 'string' && (type[0] === 'list' || type[0] === 'set' || type[0] === 'map');
}

/** cty sorts attribute names and map keys by their UTF-8 bytes. */
export function goStringOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** A plain-object map or object value (not an array, Unknown, Dynamic or other class instance). */
export function isPlainObject(value: unknown): value is { [key: string]: unknown } {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const NON_ASCII = /[^\x00-\x7f]/;

/** cty normalises every string it creates to NFC, so equal text compares equal here too. ASCII is NFC already, and common. */
export function nfc(text: string): string {
  return NON_ASCII.test(text) ? text.normalize('NFC') : text;
}

/** For error messages: what kind of JS value was found. */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (isPlainObject(value)) return 'an object';
  if (value instanceof CtyNumber) return 'a number';
  if (value === null || value === undefined) return String(value);
  return typeof value === 'object' ? `a ${value.constructor.name}` : `a ${typeof value}`;
}

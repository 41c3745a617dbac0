// cty numbers are arbitrary-precision decimals; JS numbers are doubles. A decoded number is a JS
// number when that number is the cty value exactly and, if an integer, a safe one (so resources,
// which use numbers only for small counts, never see a rounded value); otherwise a CtyNumber that
// keeps the exact value as decimal text and is written back unchanged.

/** Beyond this many characters of plain decimal text a number is refused rather than expanded. */
const MAX_TEXT_LENGTH = 4096;

/** A number a JS number cannot hold exactly: an integer beyond ±(2^53 - 1), or a decimal fraction such as 0.1. */
export class CtyNumber {
  /** Plain decimal, no exponent, no redundant zeros: what cty writes (Go's `Text('f', -1)`). */
  readonly text: string;

  constructor(text: string) {
    const parsed = parseDecimal(text);
    if (!parsed) throw new RangeError(`"${text}" is not a decimal number Strata can hold`);
    this.text = plainText(parsed);
  }

  get isInteger(): boolean {
    return !this.text.includes('.');
  }

  toString(): string {
    return this.text;
  }
}

interface Decimal {
  negative: boolean;
  /** Significant digits without leading or trailing zeros; '' for zero. */
  digits: string;
  /** The value is digits × 10^exponent. */
  exponent: number;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

function parseDecimal(text: string): Decimal | undefined {
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const [, sign, whole = '', fraction = '', exponentText = '0'] = match;
  if (whole === '' && fraction === '') return undefined;
  let digits = (whole + fraction).replace(/^0+/, '');
  let exponent = Number(exponentText) - fraction.length;
  const trimmed = digits.replace(/0+$/, '');
  exponent += digits.length - trimmed.length;
  digits = trimmed;
  if (digits === '') return { negative: false, digits, exponent: 0 };
  // The length of the plain text this expands to: refused when absurd (1e999999999).
  const length = Math.max(digits.length, -exponent) + Math.max(exponent, 0);
  if (!Number.isFinite(length) || length > MAX_TEXT_LENGTH) return undefined;
  return { negative: sign === '-', digits, exponent };
}

function plainText({ negative, digits, exponent }: Decimal): string {
  if (digits === '') return '0';
  const sign = negative ? '-' : '';
  if (exponent >= 0) return sign + digits + '0'.repeat(exponent);
  const point = digits.length + exponent;
  return point > 0 ? `${sign}${digits.slice(0, point)}.${digits.slice(point)}` : `${sign}0.${'0'.repeat(-point)}${digits}`;
}

/** A double as m × 2^e with an integer m. */
function binaryParts(value: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(value));
  const bits = view.getBigUint64(0);
  const biased = Number(bits >> 52n);
  const fraction = bits & ((1n << 52n) - 1n);
  return biased === 0 ? { mantissa: fraction, exponent: -1074 } : { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

/** Whether the double is exactly digits × 10^exponent (exponent < 0: a fraction). */
function doubleIsExactly(value: number, decimal: Decimal): boolean {
  if (!Number.isFinite(value) || value === 0) return false;
  const { mantissa, exponent } = binaryParts(value);
  // digits × 10^e10 = mantissa × 2^e2, both sides scaled to integers.
  const left = BigInt(decimal.digits) * (exponent < 0 ? 1n << BigInt(-exponent) : 1n);
  const right = mantissa * (exponent > 0 ? 1n << BigInt(exponent) : 1n) * 10n ** BigInt(-decimal.exponent);
  return left === right;
}

/** The value of decimal text (cty's form for numbers msgpack cannot hold, and JSON's); undefined when it is not a number. */
export function numberFromText(text: string): number | CtyNumber | undefined {
  const decimal = parseDecimal(text);
  if (!decimal) return undefined;
  if (decimal.digits === '') return 0;
  const value = Number(`${decimal.negative ? '-' : ''}${decimal.digits}e${decimal.exponent}`);
  if (decimal.exponent >= 0) return Number.isSafeInteger(value) ? value : new CtyNumber(text);
  return doubleIsExactly(value, decimal) ? value : new CtyNumber(text);
}

/** A 64-bit integer read from msgpack. */
export function numberFromBigInt(value: bigint): number | CtyNumber {
  const small = Number(value);
  return Number.isSafeInteger(small) ? small : new CtyNumber(value.toString());
}

/** A double read from msgpack: an integer beyond the safe range keeps its exact value. */
export function numberFromDouble(value: number): number | CtyNumber {
  return Number.isInteger(value) && !Number.isSafeInteger(value) ? new CtyNumber(BigInt(value).toString()) : value;
}

export function isCtyNumber(value: unknown): value is number | CtyNumber {
  return typeof value === 'number' || value instanceof CtyNumber;
}

/** The exact decimal text of a finite double (0.1 is 0.1000000000000000055511151231257827...). */
function exactText(value: number): string {
  if (Number.isInteger(value)) return BigInt(value).toString();
  const { mantissa, exponent } = binaryParts(value);
  // mantissa × 2^e = mantissa × 5^-e × 10^e for e < 0, which a fraction always has.
  const digits = (mantissa * 5n ** BigInt(-exponent)).toString();
  return plainText({ ...parseDecimal(`${digits}e${exponent}`)!, negative: value < 0 });
}

/** Equality of two cty numbers, whichever form each is in. */
export function numbersEqual(a: number | CtyNumber, b: number | CtyNumber): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  const text = (n: number | CtyNumber) => (typeof n !== 'number' ? n.text : Number.isFinite(n) ? exactText(n) : String(n));
  return text(a) === text(b);
}

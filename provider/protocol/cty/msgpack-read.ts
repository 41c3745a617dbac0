// A msgpack reader for what cty writes. Not @msgpack/msgpack's decoder: that one reads 64-bit
// integers as rounded doubles and refuses a map key "__proto__", while cty values may hold any
// integer and any key. Maps come back as Maps, so no key can collide with Object.prototype.

/** A msgpack extension value (cty uses them for unknowns). */
export class WireExt {
  constructor(
    readonly type: number,
    readonly data: Uint8Array,
  ) {}
}

/** Integers beyond the safe range are bigints; str is a string, bin a Uint8Array. */
export type Wire = null | boolean | number | bigint | string | Uint8Array | WireExt | Wire[] | WireMap;
export type WireMap = Map<Wire, Wire>;

export class MsgpackError extends Error {}

/** The first value in `bytes`; with `whole`, bytes after it are an error. */
export function readMsgpack(bytes: Uint8Array, whole = true): Wire {
  const reader = new Reader(bytes);
  const value = reader.value();
  if (whole && reader.pos !== bytes.length) throw new MsgpackError(`${bytes.length - reader.pos} unexpected bytes after the value`);
  return value;
}

export const utf8 = new TextDecoder();

class Reader {
  pos = 0;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Moves past `length` bytes and returns where they start. */
  private take(length: number): number {
    const start = this.pos;
    if (start + length > this.bytes.length) throw new MsgpackError(`unexpected end of msgpack data at byte ${start}`);
    this.pos += length;
    return start;
  }

  private u8 = () => this.view.getUint8(this.take(1));
  private u16 = () => this.view.getUint16(this.take(2));
  private u32 = () => this.view.getUint32(this.take(4));

  private slice(length: number): Uint8Array {
    const start = this.take(length);
    return this.bytes.subarray(start, start + length);
  }

  private text(length: number): string {
    return utf8.decode(this.slice(length));
  }

  private int64(signed: boolean): number | bigint {
    const start = this.take(8);
    const value = signed ? this.view.getBigInt64(start) : this.view.getBigUint64(start);
    const small = Number(value);
    return Number.isSafeInteger(small) ? small : value;
  }

  private array(length: number): Wire[] {
    // Not preallocated: a corrupt length must fail at the end of the data, not exhaust memory.
    const items: Wire[] = [];
    for (let i = 0; i < length; i++) items.push(this.value());
    return items;
  }

  private map(length: number): WireMap {
    const entries: WireMap = new Map();
    for (let i = 0; i < length; i++) {
      const key = this.value();
      entries.set(key, this.value());
    }
    return entries;
  }

  private ext(length: number): WireExt {
    const type = this.view.getInt8(this.take(1));
    return new WireExt(type, this.slice(length));
  }

  value(): Wire {
    const head = this.u8();
    if (head <= 0x7f) return head;
    if (head >= 0xe0) return head - 0x100;
    if (head <= 0x8f) return this.map(head & 0x0f);
    if (head <= 0x9f) return this.array(head & 0x0f);
    if (head <= 0xbf) return this.text(head & 0x1f);
    switch (head) {
      case 0xc0: return null;
      case 0xc2: return false;
      case 0xc3: return true;
      case 0xc4: return this.slice(this.u8());
      case 0xc5: return this.slice(this.u16());
      case 0xc6: return this.slice(this.u32());
      case 0xc7: return this.ext(this.u8());
      case 0xc8: return this.ext(this.u16());
      case 0xc9: return this.ext(this.u32());
      case 0xca: return this.view.getFloat32(this.take(4));
      case 0xcb: return this.view.getFloat64(this.take(8));
      case 0xcc: return this.u8();
      case 0xcd: return this.u16();
      case 0xce: return this.u32();
      case 0xcf: return this.int64(false);
      case 0xd0: return this.view.getInt8(this.take(1));
      case 0xd1: return this.view.getInt16(this.take(2));
      case 0xd2: return this.view.getInt32(this.take(4));
      case 0xd3: return this.int64(true);
      case 0xd4: return this.ext(1);
      case 0xd5: return this.ext(2);
      case 0xd6: return this.ext(4);
      case 0xd7: return this.ext(8);
      case 0xd8: return this.ext(16);
      case 0xd9: return this.text(this.u8());
      case 0xda: return this.text(this.u16());
      case 0xdb: return this.text(this.u32());
      case 0xdc: return this.array(this.u16());
      case 0xdd: return this.array(this.u32());
      case 0xde: return this.map(this.u16());
      case 0xdf: return this.map(this.u32());
      default: throw new MsgpackError(`byte 0x${head.toString(16)} at ${this.pos - 1} starts no msgpack value`);
    }
  }
}

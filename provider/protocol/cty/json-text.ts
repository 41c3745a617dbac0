// JSON text to a tree. Not JSON.parse: cty reads a JSON number into a string attribute as it was
// written (a state upgrade from number to string must keep 12345678901234567890 exact), so numbers
// keep their text; objects become Maps so that no key can collide with Object.prototype.
import { CtyCodecError, type CtyPath } from './types';

export class JsonNumber {
  constructor(readonly text: string) {}
}

export type JsonNode = null | boolean | string | JsonNumber | JsonNode[] | Map<string, JsonNode>;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS: [string, JsonNode][] = [
  ['true', true],
  ['false', false],
  ['null', null],
];

/** `path` only places errors: where in a value this JSON sits. */
export function parseJsonText(input: string | Uint8Array, path: CtyPath): JsonNode {
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
  let pos = 0;

  const fail = (what: string): never => {
    throw new CtyCodecError(`invalid JSON at offset ${pos}: ${what}`, path);
  };
  const skipSpace = () => {
    while (text[pos] === ' ' || text[pos] === '\t' || text[pos] === '\n' || text[pos] === '\r') pos++;
  };
  const expect = (char: string) => {
    skipSpace();
    if (text[pos] !== char) fail(`expected '${char}'`);
    pos++;
  };
  const closes = (char: string): boolean => {
    skipSpace();
    if (text[pos] !== char) return false;
    pos++;
    return true;
  };
  /** After an item: true at ',' (another item follows), false at the closing bracket. */
  const another = (close: string): boolean => {
    skipSpace();
    if (text[pos] === ',') {
      pos++;
      return true;
    }
    expect(close);
    return false;
  };

  const readString = (): string => {
    let end = pos + 1;
    while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
    if (end >= text.length) fail('unterminated string');
    try {
      // JSON.parse checks the escapes and control characters of one string token.
      const value = JSON.parse(text.slice(pos, end + 1)) as string;
      pos = end + 1;
      return value;
    } catch {
      return fail('bad escape or control character in string');
    }
  };

  const readValue = (): JsonNode => {
    skipSpace();
    const char = text[pos];
    if (char === '"') return readString();
    if (char === '[') {
      pos++;
      const items: JsonNode[] = [];
      if (!closes(']')) {
        do items.push(readValue());
        while (another(']'));
      }
      return items;
    }
    if (char === '{') {
      pos++;
      const members = new Map<string, JsonNode>();
      if (!closes('}')) {
        do {
          skipSpace();
          if (text[pos] !== '"') fail('expected an object key');
          const key = readString();
          expect(':');
          members.set(key, readValue());
        } while (another('}'));
      }
      return members;
    }
    for (const [word, value] of LITERALS) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = pos;
    const number = NUMBER.exec(text);
    if (number) {
      pos = NUMBER.lastIndex;
      return new JsonNumber(number[0]);
    }
    return fail(char === undefined ? 'unexpected end of input' : `unexpected ${JSON.stringify(char)}`);
  };

  const result = readValue();
  skipSpace();
  if (pos < text.length) fail('unexpected data after the value');
  return result;
}

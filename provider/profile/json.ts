// A strict JSON (RFC 8259) parser that reports where the text goes wrong. JSON.parse is not
// enough: its messages carry a position only for some errors, and it silently keeps the last of
// two members with the same name, which would drop half of a layer without a word.

export interface JsonSyntaxError {
  /** 1-based line and column (in UTF-16 code units, as editors count). */
  line: number;
  column: number;
  message: string;
}

export type JsonParseResult = { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError };

// Deep enough for any profile, shallow enough never to overflow the stack.
const MAX_DEPTH = 512;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;
const LITERALS: [string, unknown][] = [
  ['true', true],
  ['false', false],
  ['null', null],
];

class SyntaxFailure extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

export function parseJson(text: string): JsonParseResult {
  let pos = 0;

  const fail = (expected: string, at = pos): never => {
    const found = at >= text.length ? 'the end of the text' : JSON.stringify(text[at]);
    throw new SyntaxFailure(at, `expected ${expected}, found ${found}`);
  };
  const skipSpace = (): void => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos]!)) pos++;
  };
  const sticky = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = pos;
    const match = pattern.exec(text);
    if (match) pos = pattern.lastIndex;
    return match?.[0];
  };

  const parseString = (): string => {
    const start = pos++;
    for (;;) {
      const char = text[pos];
      if (char === undefined) throw new SyntaxFailure(start, 'unterminated string');
      if (char === '"') break;
      if (char === '\\') {
        if (sticky(ESCAPE) === undefined) throw new SyntaxFailure(pos, `invalid escape ${JSON.stringify(text.slice(pos, pos + 2))} in a string`);
      } else if (char < ' ') {
        throw new SyntaxFailure(pos, 'control character in a string (write a newline as \\n, a tab as \\t)');
      } else {
        pos++;
      }
    }
    pos++;
    return JSON.parse(text.slice(start, pos)) as string;
  };

  const parseObject = (depth: number): Record<string, unknown> => {
    const object: Record<string, unknown> = {};
    pos++;
    skipSpace();
    if (text[pos] === '}') {
      pos++;
      return object;
    }
    for (;;) {
      skipSpace();
      if (text[pos] !== '"') fail('a property name in double quotes');
      const keyAt = pos;
      const key = parseString();
      if (Object.hasOwn(object, key)) throw new SyntaxFailure(keyAt, `duplicate property name ${JSON.stringify(key)}`);
      skipSpace();
      if (text[pos] !== ':') fail('":" after the property name');
      pos++;
      // defineProperty so that a "__proto__" key stays data.
      Object.defineProperty(object, key, { value: parseValue(depth + 1), enumerable: true, writable: true, configurable: true });
      skipSpace();
      if (text[pos] === '}') {
        pos++;
        return object;
      }
      if (text[pos] !== ',') fail('"," or "}"');
      pos++;
    }
  };

  const parseArray = (depth: number): unknown[] => {
    const array: unknown[] = [];
    pos++;
    skipSpace();
    if (text[pos] === ']') {
      pos++;
      return array;
    }
    for (;;) {
      array.push(parseValue(depth + 1));
      skipSpace();
      if (text[pos] === ']') {
        pos++;
        return array;
      }
      if (text[pos] !== ',') fail('"," or "]"');
      pos++;
    }
  };

  const parseValue = (depth: number): unknown => {
    if (depth > MAX_DEPTH) throw new SyntaxFailure(pos, `nesting deeper than ${MAX_DEPTH} levels`);
    skipSpace();
    const char = text[pos];
    if (char === '{') return parseObject(depth);
    if (char === '[') return parseArray(depth);
    if (char === '"') return parseString();
    for (const [word, value] of LITERALS) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return value;
      }
    }
    const number = sticky(NUMBER);
    return number === undefined ? fail('a value') : Number(number);
  };

  try {
    const value = parseValue(0);
    skipSpace();
    if (pos < text.length) fail('the end of the text');
    return { ok: true, value };
  } catch (error) {
    if (!(error instanceof SyntaxFailure)) throw error;
    return { ok: false, error: { ...lineAndColumn(text, error.offset), message: error.message } };
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

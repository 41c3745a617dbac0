import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diskMemo } from '../../provider/util/disk-memo';

function files(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath ?? (e as any).path, e.name));
  } catch {
    return [];
  }
}

describe('disk memo', () => {
  const previous = process.env.STRATA_CACHE_DIR;
  let cache: string;

  beforeEach(() => {
    cache = mkdtempSync(join(tmpdir(), 'strata-memo-'));
    process.env.STRATA_CACHE_DIR = cache;
  });

  afterEach(() => rmSync(cache, { recursive: true, force: true }));

  afterAll(() => {
    if (previous === undefined) delete process.env.STRATA_CACHE_DIR;
    else process.env.STRATA_CACHE_DIR = previous;
  });

  test('computes once per input, then reads the stored answer, in files private to the user', () => {
    let calls = 0;
    const compute = () => ({ calls: ++calls });
    expect(diskMemo('t', 'input', compute)).toEqual({ calls: 1 });
    expect(diskMemo('t', 'input', compute)).toEqual({ calls: 1 });
    expect(diskMemo('t', 'other', compute)).toEqual({ calls: 2 });
    const stored = files(join(cache, 'sealed-memo'));
    expect(stored).toHaveLength(2);
    for (const file of stored) expect(statSync(file).mode & 0o077).toBe(0);
  });

  test('files are sealed with a key from their input: neither input nor value can be read from them, and a changed file is not believed', () => {
    const input = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  password: hunter2-input';
    expect(diskMemo('t', input, () => ({ password: 'hunter2-value' }))).toEqual({ password: 'hunter2-value' });
    const [file] = files(join(cache, 'sealed-memo'));
    const bytes = readFileSync(file!);
    expect(bytes.includes('hunter2')).toBe(false);
    expect(file).not.toContain('hunter2');
    bytes[bytes.length - 1] ^= 1;
    writeFileSync(file!, bytes);
    expect(diskMemo('t', input, () => ({ password: 'computed again' }))).toEqual({ password: 'computed again' });
  });

  test('plain memo files of earlier releases are removed', () => {
    mkdirSync(join(cache, 'memo', 'objects', 'ab'), { recursive: true });
    writeFileSync(join(cache, 'memo', 'objects', 'ab', 'abcd.json'), '{"password":"hunter2"}');
    jest.isolateModules(() => {
      const fresh: typeof import('../../provider/util/disk-memo') = require('../../provider/util/disk-memo');
      fresh.diskMemo('t', 'input', () => 1);
    });
    expect(existsSync(join(cache, 'memo'))).toBe(false);
  });

  test('never stores what `keep` refuses, nor values JSON would change', () => {
    diskMemo('t', 'secret', () => ({ kind: 'Secret' }), (v) => v.kind !== 'Secret');
    diskMemo('t', 'infinite', () => ({ size: Number.POSITIVE_INFINITY }));
    expect(files(cache)).toEqual([]);
  });

  test('is not used when the cache folder can be written by others', () => {
    chmodSync(cache, 0o777);
    let calls = 0;
    diskMemo('t', 'input', () => ++calls);
    diskMemo('t', 'input', () => ++calls);
    expect(calls).toBe(2);
    expect(files(cache)).toEqual([]);
  });
});

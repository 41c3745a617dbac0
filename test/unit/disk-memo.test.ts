import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diskMemo } from '../../provider/util/disk-memo';

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath ?? (e as any).path, e.name));
}

describe('disk memo', () => {
  const previous = process.env.STRATA_CACHE_DIR;
  let cache: string;

  beforeEach(() => {
    cache = mkdtempSync(join(tmpdir(), 'strata-memo-'));
    process.env.STRATA_CACHE_DIR = cache;
  });

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
    const stored = files(join(cache, 'memo'));
    expect(stored).toHaveLength(2);
    for (const file of stored) expect(statSync(file).mode & 0o077).toBe(0);
  });

  test('never stores what `keep` refuses, nor values JSON would change', () => {
    diskMemo('t', 'secret', () => ({ kind: 'Secret' }), (v) => v.kind !== 'Secret');
    diskMemo('t', 'infinite', () => ({ size: Number.POSITIVE_INFINITY }));
    expect(readdirSync(cache)).toEqual([]);
  });
});

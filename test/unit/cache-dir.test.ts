import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CacheDirError, privateFolder } from '../../provider/util/cache-dir';

describe('cache folder', () => {
  let root: string;
  const env = () => ({ STRATA_CACHE_DIR: root });
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'strata-cache-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const refusal = (folder: string): CacheDirError => {
    let error: unknown;
    try {
      privateFolder(folder, env());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CacheDirError);
    expect((error as Error).message).toContain('or set STRATA_CACHE_DIR to a folder that only you can write');
    return error as CacheDirError;
  };

  test('folders in it are created private to the user, and only in folders that passed', () => {
    const folder = privateFolder(join(root, 'memo', 'objects'), env());
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(join(root, 'memo')).mode & 0o777).toBe(0o700);
  });

  test('is refused when its group or others can write it, or a folder in it', () => {
    chmodSync(root, 0o775);
    expect(refusal(join(root, 'charts')).message).toBe(
      `Strata's cache folder is not private: ${root} can be written by its group (mode 775), so another user could change the charts and data Strata reads from it. ` +
      `Run \`chmod go-w ${root}\`, or set STRATA_CACHE_DIR to a folder that only you can write.`);
    expect(existsSync(join(root, 'charts'))).toBe(false);
    chmodSync(root, 0o700);
    mkdirSync(join(root, 'charts'), { mode: 0o1777 });
    chmodSync(join(root, 'charts'), 0o1777);
    expect(refusal(join(root, 'charts', 'tmp')).message).toContain(`${join(root, 'charts')} can be written by its group and others (mode 1777)`);
  });

  (process.getuid?.() === 0 ? test : test.skip)('is refused when another user owns it', () => {
    chownSync(root, 4242, 4242);
    const { message } = refusal(root);
    expect(message).toContain(`${root} is owned by user 4242, not by you (user 0)`);
    expect(message).toContain(`Run \`chown -R 0 ${root}\` as that user or root`);
  });

  test('a folder outside it is checked alone', () => {
    const outside = mkdtempSync(join(tmpdir(), 'strata-elsewhere-'));
    chmodSync(root, 0o777);
    expect(privateFolder(join(outside, 'charts'), env())).toBe(join(outside, 'charts'));
    rmSync(outside, { recursive: true, force: true });
  });
});

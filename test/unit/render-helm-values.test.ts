// How Helm values reach the real helm binary: on its standard input, never in a file; and what
// rendering keeps on disk (nothing of Helm output) and refuses (a cache folder others can write).
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RenderError, renderLayer, type RenderTarget } from '../../provider/render';
import { ensureTools } from '../harness/tools';

const SECRET = 'values-secret-7f3a9';

function repoRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'scripts', 'tools.sh'))) return dir;
  }
  throw new Error(`no scripts/tools.sh above ${__dirname}`);
}
const chart = join(repoRoot(), 'test', 'fixtures', 'charts', 'web-app');
const target: RenderTarget = { kubeVersion: 'v1.35.4', apiVersions: ['v1', 'apps/v1'], isNamespaced: () => true };

describe('helm values', () => {
  const previous = process.env.STRATA_CACHE_DIR;
  let work: string;
  let helm: string;
  let spy: string;

  beforeAll(async () => {
    const real = (await ensureTools(['helm'])).helm;
    work = await mkdtemp(join(tmpdir(), 'strata-helm-values-'));
    process.env.STRATA_CACHE_DIR = join(work, 'strata-cache');
    spy = join(work, 'spy');
    // A helm that notes its arguments, and every file of the cache folder holding the values, right
    // before the real helm runs.
    helm = join(work, 'helm');
    writeFileSync(helm, `#!/bin/sh\nprintf '%s\\n' "$@" > '${spy}.args'\ngrep -rl '${SECRET}' '${work}/render-cache' > '${spy}.found' 2>/dev/null\nexec '${real}' "$@"\n`, { mode: 0o755 });
  }, 600_000);

  afterAll(async () => {
    if (previous === undefined) delete process.env.STRATA_CACHE_DIR;
    else process.env.STRATA_CACHE_DIR = previous;
    if (work) await rm(work, { recursive: true, force: true });
  });

  test('reach helm on its standard input; no file holds them while helm runs; helm output is not memoised', async () => {
    const cacheDir = join(work, 'render-cache');
    const layer = await renderLayer({ name: 'web', helm: { chart, values: `greeting: ${SECRET}\nreplicaCount: 3\n` } }, target, { helmPath: helm, cacheDir });
    const config = layer.objects.find((o) => o.kind === 'ConfigMap')!;
    expect(config.data.greeting).toBe(SECRET);
    expect(layer.objects.find((o) => o.kind === 'Deployment')?.spec.replicas).toBe(3);
    const args = readFileSync(`${spy}.args`, 'utf8').split('\n');
    expect(args).toContain('--values=-');
    expect(args.some((arg) => arg.includes(SECRET) || /values\.ya?ml$/.test(arg))).toBe(false);
    expect(readFileSync(`${spy}.found`, 'utf8')).toBe('');
    expect(existsSync(join(process.env.STRATA_CACHE_DIR!, 'sealed-memo', 'objects'))).toBe(false);
    expect(readdirSync(join(cacheDir, 'tmp'))).toEqual([]);
  });

  test('a layer without values gives helm none, and the chart\'s defaults apply', async () => {
    const layer = await renderLayer({ name: 'web', helm: { chart } }, target, { helmPath: helm, cacheDir: join(work, 'render-cache') });
    expect(layer.objects.find((o) => o.kind === 'ConfigMap')?.data.greeting).toBe('hello');
    expect(readFileSync(`${spy}.args`, 'utf8').split('\n')).not.toContain('--values=-');
  });

  test('a render cache folder that others can write is refused with what to do', async () => {
    const cacheDir = join(work, 'open-cache');
    await renderLayer({ name: 'web', helm: { chart } }, target, { helmPath: helm, cacheDir: join(work, 'warm-up') });
    require('node:fs').mkdirSync(cacheDir, { mode: 0o700 });
    chmodSync(cacheDir, 0o777);
    const error = await renderLayer({ name: 'web', helm: { chart } }, target, { helmPath: helm, cacheDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RenderError);
    expect((error as Error).message).toContain(`${cacheDir} can be written by its group and others (mode 777)`);
    expect((error as Error).message).toContain(`chmod go-w ${cacheDir}`);
  });
});

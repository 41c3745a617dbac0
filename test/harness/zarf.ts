// Zarf packages for tests, built by the real `zarf package create` (scripts/tools.sh builds the CLI)
// from the folders under test/fixtures/zarf, offline, with a HOME and temporary folder of their own.
// Built packages are cached under the tool cache, keyed by a hash of the fixture folder, the Zarf
// version and the options, so repeated runs reuse them.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ensureTools, toolCacheDir } from './tools';

export const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'zarf');

/**
 * Runs zarf; rejects with its output when it fails. With `password`, zarf runs on a terminal
 * (`script` gives it one), since gen-key asks for its password there only: the harness answers the
 * terminal's cursor-position queries and types the password at each password prompt.
 */
export async function runZarf(args: string[], options: { cwd: string; password?: string }): Promise<string> {
  const { zarf } = await ensureTools(['zarf']);
  const home = join(options.cwd, '.home');
  await mkdir(home, { recursive: true });
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, TMPDIR: home };
  const [command, commandArgs] = options.password === undefined
    ? [zarf, [...args, '--no-color']]
    : ['script', ['-qec', [zarf, ...args].map((a) => `'${a}'`).join(' '), '/dev/null']];
  return new Promise((resolve, reject) => {
    const child = spawn(command as string, commandArgs as string[], { cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let answered = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (options.password === undefined) return;
      for (const _ of chunk.toString().matchAll(/\x1b\[6n/g)) child.stdin.write('\x1b[1;1R');
      const prompts = output.match(/key password/g)?.length ?? 0;
      for (; answered < prompts; answered++) setTimeout(() => child.stdin.write(`${options.password}\r`), 200);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdin.on('error', () => undefined);
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`zarf ${args.join(' ')} failed (exit ${code}):\n${output}`))));
    if (options.password === undefined) child.stdin.end();
  });
}

async function filesOf(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

/** A hash of the folder's files (paths and contents). */
async function folderHash(dir: string, extra: string): Promise<string> {
  const hash = createHash('sha256').update(extra);
  for (const file of await filesOf(dir)) hash.update(`${file}\0`).update(await readFile(join(dir, file))).update('\0');
  return hash.digest('hex').slice(0, 24);
}

/** A cosign key pair made by `zarf tools gen-key`, cached like packages: { key, pub, password } paths and password. */
export async function signingKey(): Promise<{ key: string; pub: string; password: string }> {
  const dir = join(toolCacheDir(), 'zarf-test-keys');
  const password = 'strata-test';
  const key = join(dir, 'cosign.key');
  const pub = join(dir, 'cosign.pub');
  if (existsSync(key) && existsSync(pub)) return { key, pub, password };
  const work = await mkdtemp(join(tmpdir(), 'strata-zarf-key-'));
  try {
    await runZarf(['tools', 'gen-key'], { cwd: work, password });
    await mkdir(dir, { recursive: true });
    await rename(join(work, 'cosign.pub'), pub);
    await rename(join(work, 'cosign.key'), key);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return { key, pub, password };
}

/**
 * The package `zarf package create` makes of test/fixtures/zarf/<name> (optionally signed), built once
 * per content: the path of the .tar.zst. `uncompressed` builds a plain .tar (metadata.uncompressed);
 * `templates` sets package templates (`###ZARF_PKG_TMPL_NAME###`); images come over plain HTTP.
 */
export async function zarfPackage(name: string, options: { sign?: boolean; uncompressed?: boolean; templates?: Record<string, string> } = {}): Promise<string> {
  const source = join(FIXTURES, name);
  const key = options.sign ? await signingKey() : undefined;
  const id = await folderHash(source, JSON.stringify({ zarf: (await ensureTools(['zarf'])).zarf, ...options, pub: key && await readFile(key.pub, 'utf8') }));
  const out = join(toolCacheDir(), 'zarf-packages', `${name}-${id}`);
  const built = existsSync(out) ? (await readdir(out)).find((f) => f.startsWith('zarf-package-')) : undefined;
  if (built) return join(out, built);
  const work = await mkdtemp(join(tmpdir(), 'strata-zarf-'));
  try {
    const dest = join(work, 'out');
    await mkdir(dest);
    let dir = source;
    if (options.uncompressed) {
      // metadata.uncompressed lives in zarf.yaml: build from a copy that sets it.
      dir = join(work, 'src');
      for (const file of await filesOf(source)) {
        await mkdir(join(dir, file, '..'), { recursive: true });
        let data = await readFile(join(source, file), 'utf8');
        if (file === 'zarf.yaml') data = data.replace(/^metadata:\n/m, 'metadata:\n  uncompressed: true\n');
        await writeFile(join(dir, file), data);
      }
    }
    const args = ['package', 'create', dir, '--confirm', '--skip-sbom', '-o', dest];
    for (const [template, value] of Object.entries(options.templates ?? {})) args.push('--set', `${template}=${value}`);
    if (options.templates) args.push('--plain-http');
    if (key) args.push(`--signing-key=${key.key}`, `--signing-key-pass=${key.password}`);
    await runZarf(args, { cwd: work });
    const [file] = (await readdir(dest)).filter((f) => f.startsWith('zarf-package-'));
    if (!file) throw new Error(`zarf package create wrote no package into ${dest}`);
    await mkdir(join(out, '..'), { recursive: true });
    await rename(dest, out);
    return join(out, file);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

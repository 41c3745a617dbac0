// Drives the real OpenTofu CLI (built by scripts/tools.sh) against the provider installed the way
// users install it: packaged as a filesystem mirror and found by `tofu init` through a CLI config.
import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ensureTools } from './tools';

export const PROVIDER_SOURCE = 'registry.opentofu.org/strata/strata';

function repoRoot(): string {
  // dist/test/harness -> repo root
  return join(__dirname, '..', '..', '..');
}

let mirror: Promise<string> | undefined;

/** Packages the built provider into a filesystem mirror once per test process. */
export function providerMirror(): Promise<string> {
  mirror ??= (async () => {
    const out = mkdtempSync(join(tmpdir(), 'strata-mirror-'));
    const { stdout } = await promisify(execFile)(process.execPath, [join(repoRoot(), 'scripts', 'package.mjs'), '--out', out], { cwd: repoRoot() });
    return stdout.trim().split('\n').pop()!;
  })();
  return mirror;
}

const COLOURED = new Set(['init', 'validate', 'plan', 'apply', 'destroy', 'import', 'refresh', 'output', 'show']);

export interface RunResult { code: number; stdout: string; stderr: string }

export class TofuWorkspace {
  private constructor(readonly dir: string, readonly tofu: string, readonly env: NodeJS.ProcessEnv) {}

  /** A fresh working directory holding a copy of `example` (a folder) or the given files. */
  static async create(options: { example?: string; files?: Record<string, string>; installation?: 'mirror' | 'dev_overrides' } = {}): Promise<TofuWorkspace> {
    const { tofu } = await ensureTools(['tofu']);
    const mirrorDir = await providerMirror();
    const dir = mkdtempSync(join(tmpdir(), 'strata-tofu-'));
    if (options.example) cpSync(join(repoRoot(), options.example), dir, { recursive: true });
    for (const [name, content] of Object.entries(options.files ?? {})) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), content);
    }
    const cliConfig = join(dir, '.tofurc');
    writeFileSync(cliConfig, options.installation === 'dev_overrides'
      ? devOverridesConfig(join(mirrorDir, PROVIDER_SOURCE, providerVersion(), platformDir()))
      : mirrorConfig(mirrorDir));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TF_CLI_CONFIG_FILE: cliConfig,
      TF_IN_AUTOMATION: '1',
      CHECKPOINT_DISABLE: '1',
      TF_DATA_DIR: join(dir, '.terraform'),
      NO_COLOR: '1',
    };
    delete env.TF_LOG;
    return new TofuWorkspace(dir, tofu, env);
  }

  write(name: string, content: string): void {
    writeFileSync(join(this.dir, name), content);
  }

  remove(name: string): void {
    rmSync(join(this.dir, name));
  }

  run(args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
    // Plain text output, so tests read what a person reads without colour codes.
    const colourless = COLOURED.has(args[0]) ? [args[0], '-no-color', ...args.slice(1)]
      : args[0] === 'state' && args[1] === 'show' ? ['state', 'show', '-no-color', ...args.slice(2)] : args;
    return new Promise((resolve, reject) => {
      const child = spawn(this.tofu, colourless, { cwd: this.dir, env: { ...this.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => { stdout += chunk; });
      child.stderr.on('data', (chunk) => { stderr += chunk; });
      child.once('error', reject);
      child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
  }

  /** Runs and fails with the whole output when the exit code is not the expected one. */
  async expect(args: string[], code = 0, options: { env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
    const result = await this.run(args, options);
    if (result.code !== code) {
      throw new Error(`tofu ${args.join(' ')} exited ${result.code}, expected ${code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
    }
    return result;
  }
}

function providerVersion(): string {
  return require(join(repoRoot(), 'package.json')).version;
}

function platformDir(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  return `${process.platform === 'win32' ? 'windows' : process.platform}_${arch}`;
}

export function mirrorConfig(mirrorDir: string): string {
  return `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(mirrorDir)}
    include = [${JSON.stringify(PROVIDER_SOURCE)}]
  }
  direct {
    exclude = [${JSON.stringify(PROVIDER_SOURCE)}]
  }
}
`;
}

export function devOverridesConfig(providerDir: string): string {
  return `provider_installation {
  dev_overrides {
    ${JSON.stringify(PROVIDER_SOURCE)} = ${JSON.stringify(providerDir)}
  }
  direct {}
}
`;
}

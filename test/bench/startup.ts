// Start-up: time from spawning the provider (through the go-shim, as OpenTofu runs it) to its
// handshake line, against a bare `node -e ''` measured in the same run as the floor.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { generateServerCertificate } from '../../provider/plugin/certificate';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../../provider/plugin/handshake';
import { providerMirror, PROVIDER_SOURCE } from '../harness/tofu';

function timeUntilHandshake(executable: string, env: NodeJS.ProcessEnv, lingerMs = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(executable, [], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (!/^1\|6\|(unix|tcp)\|[^|]+\|grpc\|[A-Za-z0-9+/]+$/.test(out.split('\n')[0])) reject(new Error(`unexpected handshake line: ${out}`));
        setTimeout(() => { child.kill('SIGKILL'); resolve(ms); }, lingerMs);
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => { if (!out.includes('\n')) reject(new Error(`provider exited ${code} before its handshake`)); });
  });
}

function timeUntilExit(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
  });
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export async function benchStartup(runs: number): Promise<{ provider: number; floor: number }> {
  const mirror = await providerMirror();
  const version = require('../../../package.json').version;
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  const shim = join(mirror, PROVIDER_SOURCE, version, `${process.platform}_${arch}`, `terraform-provider-strata_v${version}`);
  // A real client certificate, as OpenTofu passes one, so AutoMTLS set-up is part of the time.
  const clientCert = (await generateServerCertificate()).certPem;
  const env = { ...process.env, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '5,6', PLUGIN_CLIENT_CERT: clientCert, STRATA_LOG_LEVEL: 'error' };
  const provider: number[] = [];
  const floor: number[] = [];
  // Warm-up: fills the file cache, and lives long enough to write the V8 code cache as a user's first run does.
  await timeUntilHandshake(shim, env, 1500);
  for (let i = 0; i < runs; i++) {
    provider.push(await timeUntilHandshake(shim, env));
    floor.push(await timeUntilExit(['-e', '']));
  }
  return { provider: median(provider), floor: median(floor) };
}

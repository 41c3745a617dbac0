// A real OCI registry on loopback for tests: CNCF Distribution (`registry`, built from its Go module
// by scripts/tools.sh), over HTTPS with a certificate of a test CA, behind basic auth (a bcrypt
// htpasswd file). Charts are packaged and pushed with the real helm, logged in through
// --password-stdin, with helm's homes in the registry's temporary folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openSync, closeSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createPki } from './certs';
import { freePorts } from './ports';
import { ensureTools } from './tools';

export interface OciRegistry {
  /** `oci://127.0.0.1:<port>/charts`, for `helm.repository`. */
  url: string;
  /** The CA that signed the registry's certificate (PEM). */
  caCertPem: string;
  /** What the registry logged (errors only), for a test that fails. */
  logPath: string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;

export async function startOciRegistry(charts: string[], auth: { username: string; password: string }): Promise<OciRegistry> {
  const tools = await ensureTools(['registry', 'helm']);
  const root = await mkdtemp(join(tmpdir(), 'strata-oci-'));
  let child: ChildProcess | undefined;
  const kill = () => child?.kill('SIGKILL');
  try {
    const pki = await createPki();
    const file = (name: string) => join(root, name);
    await writeFile(file('cert.pem'), pki.servingCertPem);
    await writeFile(file('key.pem'), pki.servingKeyPem, { mode: 0o600 });
    await writeFile(file('ca.pem'), pki.caCertPem);
    await writeFile(file('htpasswd'), await run(tools.htpasswd, [auth.username], {}, `${auth.password}\n`), { mode: 0o600 });
    const [port] = await freePorts(1);
    await writeFile(file('config.yml'), [
      'version: 0.1',
      'log:',
      '  level: error',
      '  accesslog:',
      '    disabled: true',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${file('data')}`,
      'http:',
      `  addr: 127.0.0.1:${port}`,
      `  secret: ${randomBytes(16).toString('hex')}`,
      '  tls:',
      `    certificate: ${file('cert.pem')}`,
      `    key: ${file('key.pem')}`,
      'auth:',
      '  htpasswd:',
      '    realm: strata-test',
      `    path: ${file('htpasswd')}`,
      '',
    ].join('\n'));
    const logPath = file('registry.log');
    const log = openSync(logPath, 'a');
    child = spawn(tools.registry, ['serve', file('config.yml')], { stdio: ['ignore', log, log] });
    closeSync(log);
    process.once('exit', kill);
    await waitReady(port!, pki.caCertPem);

    // helm's homes in the temporary folder: the push never touches the user's helm configuration.
    const env = { ...process.env, HELM_CACHE_HOME: file('helm/cache'), HELM_CONFIG_HOME: file('helm/config'), HELM_DATA_HOME: file('helm/data') };
    const host = `127.0.0.1:${port}`;
    await run(tools.helm, ['registry', 'login', host, '--username', auth.username, '--password-stdin', '--ca-file', file('ca.pem')], env, auth.password);
    await mkdir(file('packages'));
    for (const chart of charts) await run(tools.helm, ['package', chart, '--destination', file('packages')], env);
    for (const archive of await readdir(file('packages'))) {
      await run(tools.helm, ['push', join(file('packages'), archive), `oci://${host}/charts`, '--ca-file', file('ca.pem')], env);
    }
    let stopped = false;
    return {
      url: `oci://${host}/charts`,
      caCertPem: pki.caCertPem,
      logPath,
      async stop() {
        if (stopped) return;
        stopped = true;
        process.off('exit', kill);
        await new Promise<void>((resolve) => {
          if (child!.exitCode !== null || child!.signalCode !== null) return resolve();
          child!.once('exit', () => resolve());
          child!.kill('SIGTERM');
        });
        await rm(root, { recursive: true, force: true });
      },
    };
  } catch (err) {
    kill();
    process.off('exit', kill);
    await rm(root, { recursive: true, force: true });
    throw err;
  }
}

/** Up when /v2/ answers over TLS with the test CA (401: it wants credentials). */
async function waitReady(port: number, ca: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const status = await new Promise<number | undefined>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: '/v2/', ca, timeout: 1000 }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.once('error', () => resolve(undefined));
      req.once('timeout', () => req.destroy());
      req.end();
    });
    if (status === 401 || status === 200) return;
    if (Date.now() > deadline) throw new Error(`the OCI registry on port ${port} did not answer within ${READY_TIMEOUT_MS / 1000}s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`${basename(command)} ${args[0]} failed (exit ${code}): ${stderr.trim()}`)),
    );
    child.stdin.end(input ?? '');
  });
}

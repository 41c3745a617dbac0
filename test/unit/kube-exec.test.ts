// Exec credential plugins, run for real: a tiny Node script stands in for aws, gcloud or kubelogin.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { resolveConnection } from '../../provider/kube/connection';
import { ConnectionConfigError, KubeConnectionError } from '../../provider/kube';

const V1 = 'client.authentication.k8s.io/v1';
const CERT = '-----BEGIN CERTIFICATE-----\nZXhlYw==\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nZXhlYw==\n-----END PRIVATE KEY-----\n';

// The plugin counts its runs in runs.txt, records what it was given in last-run.json, and answers
// according to PLUGIN_MODE.
const PLUGIN = `
const fs = require('node:fs');
const path = require('node:path');
const dir = ${JSON.stringify('__DIR__')};
const runs = (fs.existsSync(path.join(dir, 'runs.txt')) ? Number(fs.readFileSync(path.join(dir, 'runs.txt'), 'utf8')) : 0) + 1;
fs.writeFileSync(path.join(dir, 'runs.txt'), String(runs));
fs.writeFileSync(path.join(dir, 'last-run.json'), JSON.stringify({ args: process.argv.slice(2), env: process.env }));
const mode = process.env.PLUGIN_MODE;
const apiVersion = ${JSON.stringify(V1)};
if (mode === 'fail') { process.stderr.write('boom: you are not logged in\\n'); process.exit(3); }
if (mode === 'garbage') { process.stdout.write('token=abc'); process.exit(0); }
if (mode === 'wrong-version') { process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1alpha1', kind: 'ExecCredential', status: { token: 'x' } })); process.exit(0); }
const status = mode === 'cert'
  ? { clientCertificateData: ${JSON.stringify(CERT)}, clientKeyData: ${JSON.stringify(KEY)} }
  : { token: 'exec-token-' + runs };
if (mode === 'expiring') status.expirationTimestamp = new Date(Date.now() + (runs === 1 ? -60000 : 3600000)).toISOString();
process.stdout.write(JSON.stringify({ apiVersion, kind: 'ExecCredential', status }));
`;

let dir: string;
let script: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'strata-exec-'));
  script = join(dir, 'plugin.js');
  writeFileSync(script, PLUGIN.replace('__DIR__', dir));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const runs = () => (existsSync(join(dir, 'runs.txt')) ? Number(readFileSync(join(dir, 'runs.txt'), 'utf8')) : 0);
const lastRun = () => JSON.parse(readFileSync(join(dir, 'last-run.json'), 'utf8')) as { args: string[]; env: Record<string, string> };

function kubeconfig(exec: Record<string, unknown>, cluster: Record<string, unknown> = {}): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'c', cluster: { server: 'https://exec.example:6443', ...cluster } }],
    users: [{ name: 'u', user: { exec: { apiVersion: V1, command: process.execPath, args: [script], interactiveMode: 'Never', ...exec } } }],
    contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u' } }],
    'current-context': 'ctx',
  });
}

const withMode = (mode: string, extra: Record<string, unknown> = {}) => ({ env: [{ name: 'PLUGIN_MODE', value: mode }], ...extra });

describe('exec credential plugins', () => {
  it('runs the command with its args and env, and sends its token', async () => {
    const conn = resolveConnection({ config_content: kubeconfig({ args: [script, '--region', 'eu'], env: [{ name: 'PLUGIN_MODE', value: 'token' }] }) });
    expect(await conn.credentials()).toEqual({ authorization: 'Bearer exec-token-1', certPem: undefined, keyPem: undefined });
    const { args, env } = lastRun();
    expect(args).toEqual(['--region', 'eu']);
    expect(env.PLUGIN_MODE).toBe('token');
    expect(env.PATH).toBe(process.env.PATH);
    expect(JSON.parse(env.KUBERNETES_EXEC_INFO!)).toEqual({ apiVersion: V1, kind: 'ExecCredential', spec: { interactive: false } });
  });

  it('passes cluster info when provideClusterInfo is set', async () => {
    const ca = '-----BEGIN CERTIFICATE-----\nY2E=\n-----END CERTIFICATE-----\n';
    const extension = { audience: 'sts' };
    const conn = resolveConnection({
      config_content: kubeconfig(withMode('token', { provideClusterInfo: true }), {
        'certificate-authority-data': Buffer.from(ca).toString('base64'),
        'tls-server-name': 'api.internal',
        extensions: [{ name: 'client.authentication.k8s.io/exec', extension }],
      }),
    });
    await conn.credentials();
    expect(JSON.parse(lastRun().env.KUBERNETES_EXEC_INFO!).spec).toEqual({
      interactive: false,
      cluster: {
        server: 'https://exec.example:6443',
        'certificate-authority-data': Buffer.from(ca).toString('base64'),
        'tls-server-name': 'api.internal',
        config: extension,
      },
    });
  });

  it('runs once for concurrent and later callers while the credential has no expiry', async () => {
    const conn = resolveConnection({ config_content: kubeconfig(withMode('token')) });
    const all = await Promise.all([conn.credentials(), conn.credentials(), conn.credentials()]);
    expect(all.map((c) => c.authorization)).toEqual(['Bearer exec-token-1', 'Bearer exec-token-1', 'Bearer exec-token-1']);
    expect((await conn.credentials()).authorization).toBe('Bearer exec-token-1');
    expect(runs()).toBe(1);
  });

  it('runs again once the expirationTimestamp has passed', async () => {
    const conn = resolveConnection({ config_content: kubeconfig(withMode('expiring')) });
    // The first credential is already expired, but fresh: it is used as it comes.
    expect((await conn.credentials()).authorization).toBe('Bearer exec-token-1');
    expect((await conn.credentials()).authorization).toBe('Bearer exec-token-2');
    expect((await conn.credentials()).authorization).toBe('Bearer exec-token-2');
    expect(runs()).toBe(2);
  });

  it('uses client certificates from the plugin, and is not run when explicit ones are set', async () => {
    const conn = resolveConnection({ config_content: kubeconfig(withMode('cert')) });
    expect(await conn.credentials()).toEqual({ authorization: undefined, certPem: CERT, keyPem: KEY });
    expect(runs()).toBe(1);
    const otherCert = '-----BEGIN CERTIFICATE-----\nb3RoZXI=\n-----END CERTIFICATE-----\n';
    const explicit = resolveConnection({ config_content: kubeconfig(withMode('cert')), client_certificate: otherCert, client_key: KEY });
    expect(await explicit.credentials()).toEqual({ authorization: undefined, certPem: otherCert, keyPem: KEY });
    expect(runs()).toBe(1);
  });

  it('is not run when the kubeconfig user has a token, as client-go skips it', async () => {
    const text = kubeconfig(withMode('token')).replace('user:\n', 'user:\n      token: static-token\n');
    const conn = resolveConnection({ config_content: text });
    expect((await conn.credentials()).authorization).toBe('Bearer static-token');
    expect(runs()).toBe(0);
  });

  it('is not run when an explicit token is set', async () => {
    const conn = resolveConnection({ config_content: kubeconfig(withMode('token')), token: 'explicit' });
    expect((await conn.credentials()).authorization).toBe('Bearer explicit');
    expect(runs()).toBe(0);
  });

  it('resolves a relative command path against the kubeconfig folder', async () => {
    writeFileSync(join(dir, 'plugin.sh'), `#!/bin/sh\nexec "${process.execPath}" "${script}" "$@"\n`);
    chmodSync(join(dir, 'plugin.sh'), 0o755);
    const path = join(dir, 'kubeconfig');
    writeFileSync(path, kubeconfig(withMode('token', { command: './plugin.sh', args: ['x'] })));
    const conn = resolveConnection({ config_path: path });
    expect((await conn.credentials()).authorization).toBe('Bearer exec-token-1');
    expect(lastRun().args).toEqual(['x']);
  });

  it('reports a failing plugin with its stderr, naming the host, and retries on the next call', async () => {
    const conn = resolveConnection({ config_content: kubeconfig(withMode('fail')) });
    const err = await conn.credentials().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeConnectionError);
    expect((err as KubeConnectionError).host).toBe('https://exec.example:6443');
    expect((err as Error).message).toBe(
      `getting credentials for https://exec.example:6443: exec plugin "${process.execPath}" exited with code 3: boom: you are not logged in; ` +
        'check the exec settings of user "u" in config_content',
    );
    await expect(conn.credentials()).rejects.toThrow(KubeConnectionError);
    expect(runs()).toBe(2);
  });

  it('reports a missing command with its installHint, output that is not JSON, and a wrong apiVersion', async () => {
    const missing = resolveConnection({ config_content: kubeconfig({ command: 'strata-no-such-plugin', installHint: 'Install it with: brew install it' }) });
    await expect(missing.credentials()).rejects.toThrow('exec plugin command "strata-no-such-plugin" was not found. Install it with: brew install it');
    const garbage = resolveConnection({ config_content: kubeconfig(withMode('garbage')) });
    await expect(garbage.credentials()).rejects.toThrow('printed something other than ExecCredential JSON');
    const wrong = resolveConnection({ config_content: kubeconfig(withMode('wrong-version')) });
    await expect(wrong.credentials()).rejects.toThrow(`returned ExecCredential client.authentication.k8s.io/v1alpha1, expected ExecCredential ${V1}`);
  });

  it('rejects plugins that need a terminal, and unknown exec apiVersions, at connect', () => {
    expect(() => resolveConnection({ config_content: kubeconfig({ interactiveMode: 'Always' }) })).toThrow(ConnectionConfigError);
    expect(() => resolveConnection({ config_content: kubeconfig({ apiVersion: 'client.authentication.k8s.io/v1alpha1' }) })).toThrow(
      'user "u" in config_content: exec apiVersion "client.authentication.k8s.io/v1alpha1" is not supported',
    );
  });
});

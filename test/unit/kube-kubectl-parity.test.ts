// The kubeconfig reader against kubectl itself, on the same files: how the KUBECONFIG list merges
// (current-context and every context, cluster and user as `kubectl config view --minify --flatten`
// shows them), what both refuse, and what both send to a server (Authorization, client certificate).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { stringify } from 'yaml';
import { resolveConnection } from '../../provider/kube/connection';
import { Transport } from '../../provider/kube/http';
import { loadKubeconfig } from '../../provider/kube';
import { createPki, type Pki } from '../harness/certs';
import { runKubectl } from '../harness/kubectl';

jest.setTimeout(120_000);

let dir: string;
let pki: Pki;
const b64 = (text: string) => Buffer.from(text).toString('base64');

beforeAll(async () => {
  pki = await createPki();
  dir = mkdtempSync(join(tmpdir(), 'strata-kubectl-parity-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const kubectl = (args: string[], kubeconfig: string) => runKubectl(['--cache-dir', join(dir, 'cache'), ...args], { home: dir, env: { KUBECONFIG: kubeconfig } });

function write(path: string, content: string | object): string {
  const full = join(dir, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, typeof content === 'string' ? content : stringify(content));
  return full;
}

describe('KUBECONFIG merged as kubectl merges it', () => {
  let a: string;
  let b: string;
  beforeAll(() => {
    write('pki/ca-a.crt', pki.caCertPem);
    write('pki/client.crt', pki.clientCertPem);
    write('pki/client.key', pki.clientKeyPem);
    write('sub/ca-b.crt', pki.caCertPem);
    write('sub/token-b', 'b-file-token\n');
    a = write('a.yaml', {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        { name: 'shared', cluster: { server: 'https://a.example', 'certificate-authority-data': b64(pki.caCertPem) } },
        { name: 'only-a', cluster: { server: 'https://only-a.example:6443', 'certificate-authority': 'pki/ca-a.crt', 'tls-server-name': 'api.a', 'proxy-url': 'http://proxy.a:3128' } },
      ],
      users: [
        { name: 'shared-user', user: { token: 'a-token' } },
        { name: 'a-user', user: { 'client-certificate': 'pki/client.crt', 'client-key': 'pki/client.key' } },
      ],
      contexts: [
        { name: 'shared-ctx', context: { cluster: 'shared', user: 'shared-user', namespace: 'from-a' } },
        { name: 'a-ctx', context: { cluster: 'only-a', user: 'a-user' } },
      ],
      'current-context': 'a-ctx',
    });
    b = write('sub/b.yaml', {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        { name: 'shared', cluster: { server: 'https://b.example', 'insecure-skip-tls-verify': true } },
        { name: 'only-b', cluster: { server: 'https://only-b.example', 'certificate-authority': 'ca-b.crt' } },
      ],
      users: [
        { name: 'shared-user', user: { token: 'b-token' } },
        { name: 'b-user', user: { tokenFile: 'token-b' } },
      ],
      contexts: [
        { name: 'shared-ctx', context: { cluster: 'only-b', user: 'b-user' } },
        { name: 'b-ctx', context: { cluster: 'shared', user: 'b-user', namespace: 'nb' } },
      ],
      'current-context': 'b-ctx',
    });
  });

  // What kubectl shows for one context, in the shape loadKubeconfig gives.
  async function kubectlView(paths: string[], context: string) {
    const view = await kubectl(['config', 'view', '--raw', '--minify', '--flatten', `--context=${context}`, '-o', 'json'], paths.join(delimiter));
    expect(view.stderr).toBe('');
    const config = JSON.parse(view.stdout);
    const cluster = config.clusters[0];
    const user = config.users[0]?.user ?? {};
    const decode = (data?: string) => (data ? Buffer.from(data, 'base64').toString('utf8') : undefined);
    return {
      context: config['current-context'],
      namespace: config.contexts[0].context.namespace,
      cluster: {
        name: cluster.name,
        server: cluster.cluster.server,
        caPem: decode(cluster.cluster['certificate-authority-data']),
        insecure: cluster.cluster['insecure-skip-tls-verify'] ?? false,
        tlsServerName: cluster.cluster['tls-server-name'],
        proxyUrl: cluster.cluster['proxy-url'],
      },
      // view shows tokenFile as written; the only one here is b-user's, relative to sub/b.yaml.
      user: { token: user.token, tokenFile: user.tokenFile && resolve(dir, 'sub', user.tokenFile), clientCertPem: decode(user['client-certificate-data']), clientKeyPem: decode(user['client-key-data']) },
    };
  }

  function ours(paths: string[], context?: string) {
    const resolved = loadKubeconfig({ paths }, context);
    const { cluster, user } = resolved;
    return {
      context: resolved.context,
      namespace: resolved.namespace,
      cluster: { name: cluster.name, server: cluster.server, caPem: cluster.caPem, insecure: cluster.insecure, tlsServerName: cluster.tlsServerName, proxyUrl: cluster.proxyUrl },
      // view shows tokenFile as written; the only one here is b-user's, relative to sub/b.yaml.
      user: { token: user.token, tokenFile: user.tokenFile && resolve(dir, 'sub', user.tokenFile), clientCertPem: user.clientCertPem, clientKeyPem: user.clientKeyPem },
    };
  }

  it.each([
    ['a first', () => [join(dir, 'missing.yaml'), a, b]],
    ['b first', () => [b, join(dir, 'missing.yaml'), a, b]],
  ])('with %s: the same current-context, contexts, clusters and users', async (_order, paths) => {
    const list = paths();
    const current = await kubectl(['config', 'current-context'], list.join(delimiter));
    expect(ours(list).context).toBe(current.stdout.trim());
    const names = (await kubectl(['config', 'get-contexts', '-o', 'name'], list.join(delimiter))).stdout.trim().split('\n').sort();
    expect(names).toEqual(['a-ctx', 'b-ctx', 'shared-ctx']);
    for (const name of names) expect(ours(list, name)).toEqual(await kubectlView(list, name));
  });
});

describe('what kubectl refuses, Strata refuses', () => {
  const config = (user: object, cluster: object = {}) =>
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:1', ...cluster } }],
      users: [{ name: 'u', user }],
      contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
      'current-context': 'x',
    });

  it.each([
    ['a token that is a number', config({ token: 12345 })],
    ['a token and a username', config({ token: 't', username: 'me', password: 'pw' })],
    ['a client key file and data', config({ 'client-certificate-data': b64('-----BEGIN CERTIFICATE-----'), 'client-key-data': b64('-----BEGIN KEY-----'), 'client-key': '/nonexistent' })],
    ['a CA and insecure-skip-tls-verify', config({ token: 't' }, { 'certificate-authority-data': b64('-----BEGIN CERTIFICATE-----\n'), 'insecure-skip-tls-verify': true })],
    ['a proxy-url that is not http, https or socks5', config({ token: 't' }, { 'proxy-url': 'ftp://proxy' })],
    ['a user named twice', config({ token: 't' }).replace('users:\n', 'users:\n  - name: u\n    user: {}\n')],
  ])('%s', async (_what, text) => {
    const path = write('refused.yaml', text);
    const result = await kubectl(['get', '--raw', '/version', '--request-timeout=2s'], path);
    expect(result.code).not.toBe(0);
    // A configuration error, not a connection one (127.0.0.1:1 refuses).
    expect(result.stderr).not.toMatch(/connection refused/);
    expect(() => resolveConnection({ config_path: path }, {})).toThrow();
  });

  it('and what kubectl reads, Strata reads the same way: yes is true', async () => {
    const path = write('yes.yaml', config({ token: 't' }).replace('server:', 'insecure-skip-tls-verify: yes\n      server:'));
    const view = JSON.parse((await kubectl(['config', 'view', '--raw', '-o', 'json'], path)).stdout);
    expect(view.clusters[0].cluster['insecure-skip-tls-verify']).toBe(true);
    expect(resolveConnection({ config_path: path }, {}).tls.insecure).toBe(true);
  });
});

describe('what kubectl sends, Strata sends', () => {
  let server: Server;
  let seen: { authorization?: string; certificate?: string }[];
  let url: string;
  beforeAll(async () => {
    server = createServer({ cert: pki.servingCertPem, key: pki.servingKeyPem, ca: pki.caCertPem, requestCert: true, rejectUnauthorized: false }, (req, res) => {
      const peer = (req.socket as TLSSocket).getPeerCertificate();
      seen.push({ authorization: req.headers.authorization, certificate: peer?.subject?.CN as string | undefined });
      res.setHeader('content-type', 'application/json');
      res.end('{"major":"1","minor":"35","gitVersion":"v1.35.4"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const plugin = () => {
    const marker = join(dir, 'plugin-ran');
    const script = write('plugin.js', `require('fs').appendFileSync(${JSON.stringify(marker)}, 'x');
process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: 'exec-token' } }));`);
    return { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: [script], interactiveMode: 'Never' };
  };

  it.each([
    ['a tokenFile over the inline token', () => ({ token: 'inline', tokenFile: write('token-file', 'from-file\n') })],
    ['basic auth', () => ({ username: 'me', password: 'pw' })],
    ['a token over an exec plugin', () => ({ token: 'static', exec: plugin() })],
    ['an exec plugin', () => ({ exec: plugin() })],
    ['a token and a client certificate', () => ({ token: 't', 'client-certificate-data': b64(pki.clientCertPem), 'client-key-data': b64(pki.clientKeyPem) })],
  ])('%s', async (_what, user) => {
    const path = write('send.yaml', stringify({
      clusters: [{ name: 'c', cluster: { server: url, 'certificate-authority-data': b64(pki.caCertPem) } }],
      users: [{ name: 'u', user: user() }],
      contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
      'current-context': 'x',
    }));
    seen = [];
    const result = await kubectl(['get', '--raw', '/version'], path);
    expect(result.stderr).toBe('');
    const byKubectl = seen.at(-1);
    seen = [];
    const transport = new Transport(resolveConnection({ config_path: path }, {}), { timeoutMs: 5_000, userAgent: 't' });
    expect((await transport.request('GET', '/version')).status).toBe(200);
    transport.close();
    expect(seen.at(-1)).toEqual(byKubectl);
  });
});

// Kubeconfig resolution and explicit overrides, as the kubernetes provider resolves them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { stringify } from 'yaml';
import { resolveConnection } from '../../provider/kube/connection';
import { ConnectionConfigError, KubeClient, type ConnectionConfig } from '../../provider/kube';

// Not real certificates: resolution only carries PEM text along, it never parses it.
const pem = (label: string, body: string) => `-----BEGIN ${label}-----\n${Buffer.from(body).toString('base64')}\n-----END ${label}-----\n`;
const CA = pem('CERTIFICATE', 'kubeconfig-ca');
const OTHER_CA = pem('CERTIFICATE', 'explicit-ca');
const CERT = pem('CERTIFICATE', 'kubeconfig-client');
const KEY = pem('PRIVATE KEY', 'kubeconfig-key');
const b64 = (text: string) => Buffer.from(text).toString('base64');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'strata-kubeconfig-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function kubeconfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      { name: 'dev', cluster: { server: 'https://dev.example:6443', 'certificate-authority-data': b64(CA) } },
      { name: 'prod', cluster: { server: 'https://prod.example', 'certificate-authority': 'pki/ca.crt', 'tls-server-name': 'api.prod' } },
    ],
    users: [
      { name: 'dev-admin', user: { token: 'dev-token' } },
      { name: 'prod-admin', user: { 'client-certificate': 'pki/client.crt', 'client-key': '/abs/never-read.key', 'client-key-data': b64(KEY) } },
      { name: 'basic', user: { username: 'alice', password: 's3cret' } },
    ],
    contexts: [
      { name: 'dev', context: { cluster: 'dev', user: 'dev-admin', namespace: 'team-a' } },
      { name: 'prod', context: { cluster: 'prod', user: 'prod-admin' } },
      { name: 'basic', context: { cluster: 'dev', user: 'basic' } },
      { name: 'anonymous', context: { cluster: 'dev' } },
    ],
    'current-context': 'dev',
    ...overrides,
  };
}

function writeConfig(doc: Record<string, unknown>, name = 'config'): string {
  const path = join(dir, name);
  writeFileSync(path, stringify(doc));
  return path;
}

function writePki(): void {
  mkdirSync(join(dir, 'pki'));
  writeFileSync(join(dir, 'pki', 'ca.crt'), CA);
  writeFileSync(join(dir, 'pki', 'client.crt'), CERT);
}

function configError(config: ConnectionConfig): ConnectionConfigError {
  try {
    resolveConnection(config);
  } catch (err) {
    expect(err).toBeInstanceOf(ConnectionConfigError);
    return err as ConnectionConfigError;
  }
  throw new Error('expected a ConnectionConfigError');
}

describe('kubeconfig contexts', () => {
  it('uses the current-context with its namespace and token', async () => {
    const conn = resolveConnection({ config_path: writeConfig(kubeconfig()) });
    expect(conn.host).toBe('https://dev.example:6443');
    expect(conn.namespace).toBe('team-a');
    expect(conn.tls).toEqual({ caPem: CA, insecure: false, serverName: undefined });
    expect(await conn.credentials()).toEqual({ authorization: 'Bearer dev-token', certPem: undefined, keyPem: undefined });
  });

  it('uses config_context, reads files relative to the kubeconfig, and prefers -data to files', async () => {
    writePki();
    const conn = resolveConnection({ config_path: writeConfig(kubeconfig()), config_context: 'prod' });
    expect(conn.host).toBe('https://prod.example');
    expect(conn.namespace).toBe('default');
    expect(conn.tls).toEqual({ caPem: CA, insecure: false, serverName: 'api.prod' });
    // client-key names a file that does not exist: client-key-data wins, so it is never read.
    expect(await conn.credentials()).toEqual({ authorization: undefined, certPem: CERT, keyPem: KEY });
  });

  it('reads config_content, with relative files resolved against the working folder', async () => {
    writePki();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const conn = resolveConnection({ config_content: stringify(kubeconfig()), config_context: 'prod' });
      expect(conn.tls.caPem).toBe(CA);
      expect((await conn.credentials()).certPem).toBe(CERT);
    } finally {
      process.chdir(cwd);
    }
  });

  it('expands ~ in config_path and in file references', async () => {
    // jest gives tests a copy of the environment, so HOME cannot be moved: reach the folder from ~.
    const fromHome = (path: string) => `~/${relative(homedir(), path)}`;
    writePki();
    const doc = kubeconfig();
    (doc.clusters as any)[1].cluster['certificate-authority'] = fromHome(join(dir, 'pki', 'ca.crt'));
    const path = writeConfig(doc);
    const conn = resolveConnection({ config_path: fromHome(path), config_context: 'prod' });
    expect(conn.tls.caPem).toBe(CA);
  });

  it('supports basic auth, anonymous contexts and insecure-skip-tls-verify', async () => {
    const doc = kubeconfig();
    (doc.clusters as any)[0].cluster['insecure-skip-tls-verify'] = true;
    const path = writeConfig(doc);
    expect(await resolveConnection({ config_path: path, config_context: 'basic' }).credentials()).toEqual({
      authorization: `Basic ${b64('alice:s3cret')}`,
      certPem: undefined,
      keyPem: undefined,
    });
    const anonymous = resolveConnection({ config_path: path, config_context: 'anonymous' });
    expect((await anonymous.credentials()).authorization).toBeUndefined();
    expect(anonymous.tls.insecure).toBe(true);
  });

  it('reads a tokenFile relative to the kubeconfig', async () => {
    writeFileSync(join(dir, 'token'), 'file-token\n');
    const doc = kubeconfig();
    (doc.users as any)[0].user = { tokenFile: 'token' };
    const conn = resolveConnection({ config_path: writeConfig(doc) });
    expect((await conn.credentials()).authorization).toBe('Bearer file-token');
  });
});

describe('explicit attributes override the kubeconfig', () => {
  it('host, cluster_ca_certificate, token, client certificate and insecure each replace the kubeconfig value', async () => {
    const conn = resolveConnection({
      config_path: writeConfig(kubeconfig()),
      host: 'https://override.example:8443/',
      cluster_ca_certificate: OTHER_CA,
      token: 'explicit-token',
      client_certificate: CERT,
      client_key: KEY,
      insecure: true,
    });
    expect(conn.host).toBe('https://override.example:8443');
    expect(conn.namespace).toBe('team-a');
    expect(conn.tls).toEqual({ caPem: OTHER_CA, insecure: true, serverName: undefined });
    expect(await conn.credentials()).toEqual({ authorization: 'Bearer explicit-token', certPem: CERT, keyPem: KEY });
  });

  it('treats null and empty strings as unset, and explicit insecure=false as an override', async () => {
    const doc = kubeconfig();
    (doc.clusters as any)[0].cluster['insecure-skip-tls-verify'] = true;
    const conn = resolveConnection({ config_path: writeConfig(doc), host: '', token: null, cluster_ca_certificate: '', insecure: false });
    expect(conn.host).toBe('https://dev.example:6443');
    expect(conn.tls.insecure).toBe(false);
    expect((await conn.credentials()).authorization).toBe('Bearer dev-token');
  });

  it('an explicit token replaces basic auth', async () => {
    const conn = resolveConnection({ config_path: writeConfig(kubeconfig()), config_context: 'basic', token: 't' });
    expect((await conn.credentials()).authorization).toBe('Bearer t');
  });

  it('works without a kubeconfig, taking a bare host as https', async () => {
    const client = KubeClient.connect({ host: '10.0.0.1:6443', token: 't', cluster_ca_certificate: CA });
    expect(client.host).toBe('https://10.0.0.1:6443');
    expect(client.namespace).toBe('default');
    expect(client.writeRequests).toBe(0);
  });
});

describe('configuration errors name the attribute', () => {
  it('names the missing context and lists the others', () => {
    const path = writeConfig(kubeconfig());
    const err = configError({ config_path: path, config_context: 'x' });
    expect(err.attribute).toBe('config_context');
    expect(err.message).toBe(`config_context "x" is not in ${path}; contexts: dev, prod, basic, anonymous`);
  });

  it('asks for config_context when there is no current-context', () => {
    const err = configError({ config_content: stringify(kubeconfig({ 'current-context': '' })) });
    expect(err.attribute).toBe('config_context');
    expect(err.message).toBe('config_content has no current-context; set config_context to one of: dev, prod, basic, anonymous');
  });

  it('names a current-context that does not exist', () => {
    const err = configError({ config_content: stringify(kubeconfig({ 'current-context': 'gone' })) });
    expect(err.attribute).toBe('config_content');
    expect(err.message).toBe('the current-context "gone" of config_content is not among its contexts: dev, prod, basic, anonymous');
  });

  it('names a missing cluster and a missing user', () => {
    const doc = kubeconfig();
    (doc.contexts as any).push({ name: 'broken-cluster', context: { cluster: 'nowhere', user: 'dev-admin' } });
    (doc.contexts as any).push({ name: 'broken-user', context: { cluster: 'dev', user: 'nobody' } });
    const path = writeConfig(doc);
    const cluster = configError({ config_path: path, config_context: 'broken-cluster' });
    expect(cluster.attribute).toBe('config_path');
    expect(cluster.message).toBe(`context "broken-cluster" in ${path} refers to cluster "nowhere", which is not in its clusters: dev, prod`);
    const user = configError({ config_path: path, config_context: 'broken-user' });
    expect(user.message).toBe(`context "broken-user" in ${path} refers to user "nobody", which is not in its users: dev-admin, prod-admin, basic`);
  });

  it('names unreadable files: the kubeconfig itself and the files it references', () => {
    const missing = join(dir, 'nope');
    expect(configError({ config_path: missing }).message).toBe(`config_path "${missing}" cannot be read: ENOENT`);
    const path = writeConfig(kubeconfig());
    const err = configError({ config_path: path, config_context: 'prod' });
    expect(err.attribute).toBe('config_path');
    expect(err.message).toBe(`cluster "prod" in ${path}: certificate-authority "${join(dir, 'pki', 'ca.crt')}" cannot be read: ENOENT`);
  });

  it('reports invalid YAML by position without quoting the file', () => {
    const err = configError({ config_content: 'users:\n  - name: x\n    user: { token: very-secret-token: x }\n' });
    expect(err.attribute).toBe('config_content');
    expect(err.message).toMatch(/^config_content is not valid YAML: .* at line 3, column \d+$/);
    expect(err.message).not.toContain('very-secret-token');
  });

  it('rejects config_path with config_content, and config_context alone', () => {
    expect(configError({ config_path: '/x', config_content: 'y' }).attribute).toBe('config_content');
    expect(configError({ config_context: 'dev', host: 'https://h' }).attribute).toBe('config_context');
  });

  it('asks for a host when there is nothing to connect to', () => {
    const err = configError({ token: 't' });
    expect(err.attribute).toBe('host');
    expect(err.message).toMatch(/^no cluster to connect to: set host/);
    const doc = kubeconfig();
    delete (doc.clusters as any)[0].cluster.server;
    expect(configError({ config_content: stringify(doc) }).message).toBe('cluster "dev" in config_content has no server, and host is not set');
  });

  it('rejects a host with credentials in it without repeating them', () => {
    const err = configError({ host: 'https://admin:hunter2@example.com' });
    expect(err.attribute).toBe('host');
    expect(err.message).not.toContain('hunter2');
    expect(configError({ host: 'ftp://example.com' }).message).toBe('host "ftp://example.com" must be an https:// (or http://) URL');
  });

  it('checks PEM attributes and recognises base64-encoded PEM', () => {
    const encoded = configError({ host: 'https://h', cluster_ca_certificate: b64(CA) });
    expect(encoded.attribute).toBe('cluster_ca_certificate');
    expect(encoded.message).toMatch(/not PEM text with a CERTIFICATE block; it looks base64-encoded/);
    const garbage = configError({ host: 'https://h', client_certificate: CERT, client_key: 'not-a-key' });
    expect(garbage.attribute).toBe('client_key');
    expect(garbage.message).toBe('client_key is not PEM text with a PRIVATE KEY block');
    expect(garbage.message).not.toContain('not-a-key');
    expect(configError({ host: 'https://h', client_certificate: CERT }).attribute).toBe('client_key');
    expect(configError({ host: 'https://h', client_key: KEY }).attribute).toBe('client_certificate');
  });

  it('names -data fields that are not base64 PEM, and unsupported auth-providers', () => {
    const doc = kubeconfig();
    (doc.clusters as any)[0].cluster['certificate-authority-data'] = 'bm90IHBlbQ==';
    expect(configError({ config_content: stringify(doc) }).message).toBe(
      'cluster "dev" in config_content: certificate-authority-data is not base64-encoded PEM (a CA certificate)',
    );
    const gcp = kubeconfig();
    (gcp.users as any)[0].user = { 'auth-provider': { name: 'gcp' } };
    expect(configError({ config_content: stringify(gcp) }).message).toMatch(/^user "dev-admin" in config_content uses an auth-provider, which is not supported/);
  });
});

// Kubeconfig resolution and explicit overrides, as the kubernetes provider and client-go resolve
// them. (test/unit/kube-kubectl-parity.test.ts runs kubectl itself on the same kinds of files.)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join, relative } from 'node:path';
import { stringify } from 'yaml';
import { resolveConnection } from '../../provider/kube/connection';
import { TokenFile } from '../../provider/kube/token-file';
import { ConnectionConfigError, KubeClient, kubeconfigPaths, type ConnectionConfig } from '../../provider/kube';

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
      { name: 'prod-admin', user: { 'client-certificate': 'pki/client.crt', 'client-key-data': b64(KEY) } },
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

// No KUBECONFIG and no proxy variables unless a test gives them.
const resolve = (config: ConnectionConfig, env: NodeJS.ProcessEnv = {}) => resolveConnection(config, env);

function configError(config: ConnectionConfig, env: NodeJS.ProcessEnv = {}): ConnectionConfigError {
  try {
    resolve(config, env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConnectionConfigError);
    return err as ConnectionConfigError;
  }
  throw new Error('expected a ConnectionConfigError');
}

describe('kubeconfig contexts', () => {
  it('uses the current-context with its namespace and token', async () => {
    const conn = resolve({ config_path: writeConfig(kubeconfig()) });
    expect(conn.host).toBe('https://dev.example:6443');
    expect(conn.namespace).toBe('team-a');
    expect(conn.tls).toEqual({ caPem: CA, insecure: false, serverName: undefined });
    expect(await conn.credentials()).toEqual({ authorization: 'Bearer dev-token', certPem: undefined, keyPem: undefined });
  });

  it('uses config_context, and reads files relative to the kubeconfig next to inline -data', async () => {
    writePki();
    const conn = resolve({ config_path: writeConfig(kubeconfig()), config_context: 'prod' });
    expect(conn.host).toBe('https://prod.example');
    expect(conn.namespace).toBe('default');
    expect(conn.tls).toEqual({ caPem: CA, insecure: false, serverName: 'api.prod' });
    expect(await conn.credentials()).toEqual({ authorization: undefined, certPem: CERT, keyPem: KEY });
  });

  it('reads config_content, with relative files resolved against the working folder', async () => {
    writePki();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const conn = resolve({ config_content: stringify(kubeconfig()), config_context: 'prod' });
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
    const conn = resolve({ config_path: fromHome(path), config_context: 'prod' });
    expect(conn.tls.caPem).toBe(CA);
  });

  it('supports basic auth, anonymous contexts and insecure-skip-tls-verify', async () => {
    const doc = kubeconfig();
    (doc.clusters as any)[0].cluster = { server: 'https://dev.example:6443', 'insecure-skip-tls-verify': true };
    const path = writeConfig(doc);
    expect(await resolve({ config_path: path, config_context: 'basic' }).credentials()).toEqual({
      authorization: `Basic ${b64('alice:s3cret')}`,
      certPem: undefined,
      keyPem: undefined,
    });
    const anonymous = resolve({ config_path: path, config_context: 'anonymous' });
    expect((await anonymous.credentials()).authorization).toBeUndefined();
    expect(anonymous.tls.insecure).toBe(true);
  });

  it('reads a tokenFile relative to the kubeconfig', async () => {
    writeFileSync(join(dir, 'token'), 'file-token\n');
    const doc = kubeconfig();
    (doc.users as any)[0].user = { tokenFile: 'token' };
    const conn = resolve({ config_path: writeConfig(doc) });
    expect((await conn.credentials()).authorization).toBe('Bearer file-token');
  });
});

describe('explicit attributes override the kubeconfig', () => {
  it('host, cluster_ca_certificate, token and client certificate each replace the kubeconfig value', async () => {
    writePki();
    const conn = resolve({
      config_path: writeConfig(kubeconfig()),
      config_context: 'prod',
      host: 'https://override.example:8443/',
      cluster_ca_certificate: OTHER_CA,
      token: 'explicit-token',
      client_certificate: CERT,
      client_key: KEY,
    });
    expect(conn.host).toBe('https://override.example:8443');
    // As with kubectl --server, an explicit host drops the kubeconfig's tls-server-name.
    expect(conn.tls).toEqual({ caPem: OTHER_CA, insecure: false, serverName: undefined });
    expect(await conn.credentials()).toEqual({ authorization: 'Bearer explicit-token', certPem: CERT, keyPem: KEY });
    expect(resolve({ config_path: writeConfig(kubeconfig()) }).namespace).toBe('team-a');
  });

  it('treats null and empty strings as unset, and explicit insecure=false as an override', async () => {
    const doc = kubeconfig();
    (doc.clusters as any)[0].cluster = { server: 'https://dev.example:6443', 'insecure-skip-tls-verify': true };
    const conn = resolve({ config_path: writeConfig(doc), host: '', token: null, cluster_ca_certificate: '', insecure: false });
    expect(conn.host).toBe('https://dev.example:6443');
    expect(conn.tls.insecure).toBe(false);
    expect((await conn.credentials()).authorization).toBe('Bearer dev-token');
  });

  it('an explicit token replaces basic auth', async () => {
    const conn = resolve({ config_path: writeConfig(kubeconfig()), config_context: 'basic', token: 't' });
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
    expect(cluster.message).toBe(`context "broken-cluster" in ${path} refers to cluster "nowhere", which is not in ${path}: dev, prod`);
    const user = configError({ config_path: path, config_context: 'broken-user' });
    expect(user.message).toBe(`context "broken-user" in ${path} refers to user "nobody", which is not in ${path}: dev-admin, prod-admin, basic`);
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
    expect(err.message).toMatch(/^config_content is not valid YAML: .+ at line 3, column \d+$/);
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

describe('kubectl rules for the fields of a kubeconfig', () => {
  it('reads YAML 1.1 as client-go does: insecure-skip-tls-verify: yes is true', () => {
    const text = 'clusters:\n- name: c\n  cluster:\n    server: https://c.example\n    insecure-skip-tls-verify: yes\ncontexts:\n- name: x\n  context: {cluster: c}\ncurrent-context: x\n';
    expect(resolve({ config_content: text }).tls.insecure).toBe(true);
  });

  it('refuses a field of the wrong type without quoting it', () => {
    const doc = kubeconfig();
    (doc.users as any)[0].user = { token: 12345678 };
    const err = configError({ config_content: stringify(doc) });
    expect(err.message).toBe('user "dev-admin" in config_content: token must be a string (quote it in the YAML)');
    expect(err.message).not.toContain('12345678');
  });

  it('refuses a name used twice in one file, and a file and its -data twin together', () => {
    const twice = kubeconfig();
    (twice.users as any).push({ name: 'dev-admin', user: { token: 'second' } });
    expect(configError({ config_content: stringify(twice) }).message).toBe('config_content: users has two entries named "dev-admin"; kubectl refuses that too: keep one');
    const both = kubeconfig();
    (both.clusters as any)[0].cluster['certificate-authority'] = 'ca.crt';
    expect(configError({ config_content: stringify(both) }).message).toBe(
      'cluster "dev" in config_content: both certificate-authority and certificate-authority-data are set; kubectl refuses that too: keep one',
    );
  });

  it('refuses a token together with a username and password, as kubectl does', () => {
    const doc = kubeconfig();
    (doc.users as any)[2].user.token = 'also';
    expect(configError({ config_content: stringify(doc), config_context: 'basic' }).message).toMatch(
      /^user "basic" in config_content has both a token and a username\/password; kubectl refuses more than one authentication method too/,
    );
  });

  it('uses the tokenFile over the inline token, and the inline token while the file cannot be read', async () => {
    const doc = kubeconfig();
    (doc.users as any)[0].user = { token: 'inline-token', tokenFile: 'token' };
    const path = writeConfig(doc);
    writeFileSync(join(dir, 'token'), '  file-token\n');
    expect((await resolve({ config_path: path }).credentials()).authorization).toBe('Bearer file-token');
    rmSync(join(dir, 'token'));
    expect((await resolve({ config_path: path }).credentials()).authorization).toBe('Bearer inline-token');
    // Without an inline token, a missing file fails at connect, as in kubectl.
    (doc.users as any)[0].user = { tokenFile: 'token' };
    expect(configError({ config_path: writeConfig(doc) }).message).toBe(`user "dev-admin" in ${path}: tokenFile "${join(dir, 'token')}" cannot be read: ENOENT`);
  });

  it('reads a tokenFile again after a minute, keeping the last token while the file is gone', () => {
    const file = join(dir, 'rotating');
    writeFileSync(file, 'first');
    const source = new TokenFile(file, undefined, 'user "u" in k');
    expect(source.current(0)).toBe('first');
    writeFileSync(file, 'second');
    expect(source.current(59_000)).toBe('first');
    expect(source.current(60_000)).toBe('second');
    rmSync(file);
    expect(source.current(200_000)).toBe('second');
    expect(() => new TokenFile(file, undefined, 'user "u" in k').current()).toThrow(`the tokenFile "${file}" of user "u" in k cannot be read: ENOENT`);
    writeFileSync(file, '\n');
    expect(() => new TokenFile(file, undefined, 'user "u" in k').current()).toThrow(`the tokenFile "${file}" of user "u" in k is empty`);
  });
});

describe('a CA together with insecure-skip-tls-verify', () => {
  const insecureDev = () => {
    const doc = kubeconfig();
    (doc.clusters as any)[0].cluster['insecure-skip-tls-verify'] = true;
    return stringify(doc);
  };

  it('is refused in a kubeconfig, as client-go refuses it', () => {
    const err = configError({ config_content: insecureDev() });
    expect(err.attribute).toBe('config_content');
    expect(err.message).toMatch(/^cluster "dev" in config_content sets both a certificate authority and insecure-skip-tls-verify: true; kubectl refuses that too \("specifying a root certificates file with the insecure flag is not allowed"\)/);
  });

  it('is refused as explicit attributes', () => {
    const err = configError({ host: 'https://h', cluster_ca_certificate: CA, insecure: true });
    expect(err.attribute).toBe('insecure');
    expect(err.message).toMatch(/^insecure = true and cluster_ca_certificate are both set/);
  });

  it('is settled by an explicit attribute, as kubectl flags settle it', () => {
    // --insecure-skip-tls-verify clears the kubeconfig's CA; --certificate-authority its insecure flag.
    expect(resolve({ config_content: stringify(kubeconfig()), insecure: true }).tls).toEqual({ caPem: undefined, insecure: true, serverName: undefined });
    expect(resolve({ config_content: insecureDev(), cluster_ca_certificate: OTHER_CA }).tls).toEqual({ caPem: OTHER_CA, insecure: false, serverName: undefined });
    expect(resolve({ config_content: insecureDev(), insecure: false }).tls).toEqual({ caPem: CA, insecure: false, serverName: undefined });
  });
});

describe('YAML problems', () => {
  it('name the file and line, never the text, and print nothing', () => {
    const emitted: unknown[] = [];
    const emitWarning = jest.spyOn(process, 'emitWarning').mockImplementation((w: unknown) => void emitted.push(w));
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => (emitted.push(chunk), true));
    try {
      const path = join(dir, 'config');
      writeFileSync(path, 'users:\n- name: u\n  user:\n    token: first-secret-token\n    token: second-secret-token\n');
      const duplicate = configError({ config_path: path });
      expect(duplicate.message).toBe(`${path} is not valid YAML: a key appears twice in the same mapping at line 5, column 5`);
      const tagged = configError({ config_content: 'users:\n- name: u\n  user:\n    token: !vault secret-token-x\n' });
      expect(tagged.message).toBe('config_content is not valid YAML: a value has a tag (!…) that is not a YAML type at line 4, column 12');
      for (const err of [duplicate, tagged]) expect(err.message).not.toMatch(/secret/);
    } finally {
      emitWarning.mockRestore();
      stderr.mockRestore();
    }
    expect(emitted).toEqual([]);
  });
});

describe('KUBECONFIG', () => {
  const list = (...paths: string[]) => ({ KUBECONFIG: paths.join(delimiter) });

  it('is split like kubectl splits it: empty entries and repeats dropped', () => {
    expect(kubeconfigPaths({ KUBECONFIG: `/a${delimiter}${delimiter}/b${delimiter}/a` })).toEqual(['/a', '/b']);
    expect(kubeconfigPaths({ KUBECONFIG: '' })).toEqual([]);
    expect(kubeconfigPaths({})).toEqual([]);
  });

  it('is read when neither a kubeconfig nor a host is configured, files missing from it skipped', async () => {
    const first = writeConfig({ clusters: [{ name: 'dev', cluster: { server: 'https://first.example' } }], contexts: [{ name: 'only-here', context: { cluster: 'dev' } }] }, 'first');
    const second = writeConfig(kubeconfig(), 'second');
    const env = list(join(dir, 'missing'), first, second);
    // The first file to define a name wins it; current-context comes from the first file that sets one.
    const conn = resolve({}, env);
    expect(conn.host).toBe('https://first.example');
    expect((await conn.credentials()).authorization).toBe('Bearer dev-token');
    expect(resolve({ config_context: 'only-here' }, env).host).toBe('https://first.example');
    expect(resolve({ token: 'explicit' }, env).host).toBe('https://first.example');
    // An explicit host or kubeconfig leaves KUBECONFIG alone.
    expect(resolve({ host: 'https://explicit.example', token: 't' }, env).tls.caPem).toBeUndefined();
    expect(resolve({ config_path: first, config_context: 'only-here' }, env).host).toBe('https://first.example');
    expect(configError({ config_path: first }, env).message).toBe(`${first} has no current-context; set config_context to one of: only-here`);
  });

  it('names what is wrong: every file missing, a file that cannot be read, a context in none of them', () => {
    const missing = [join(dir, 'a'), join(dir, 'b')];
    expect(configError({}, list(...missing)).message).toBe(`none of the files in KUBECONFIG exists: ${missing.join(', ')}`);
    mkdirSync(join(dir, 'folder'));
    expect(configError({}, list(join(dir, 'folder'))).message).toBe(`"${join(dir, 'folder')}" (in KUBECONFIG) cannot be read: EISDIR`);
    const path = writeConfig(kubeconfig());
    const err = configError({ config_context: 'x' }, list(path));
    expect(err.attribute).toBe('config_context');
    expect(err.message).toBe(`config_context "x" is not in KUBECONFIG (${path}); contexts: dev, prod, basic, anonymous`);
  });

  it('resolves relative paths against the file that names them', async () => {
    writePki();
    mkdirSync(join(dir, 'other'));
    const users = writeConfig({ users: [{ name: 'prod-admin', user: { 'client-certificate': '../pki/client.crt', 'client-key': 'key.pem' } }] }, 'other/users');
    writeFileSync(join(dir, 'other', 'key.pem'), KEY);
    const main = writeConfig(kubeconfig({ users: [] }));
    const conn = resolve({ config_context: 'prod' }, list(users, main));
    expect(conn.tls.caPem).toBe(CA);
    expect(await conn.credentials()).toEqual({ authorization: undefined, certPem: CERT, keyPem: KEY });
  });
});

describe('credentials over plain http://', () => {
  it('are refused except to loopback, naming the attribute that carries them', () => {
    const token = configError({ host: 'http://10.0.0.1:8080', token: 't' });
    expect(token.attribute).toBe('token');
    expect(token.message).toBe(
      "http://10.0.0.1:8080 is plain http://, so token would cross the network unencrypted; use the API server's https:// address (Strata sends credentials over http:// only to localhost or a loopback address)",
    );
    expect(configError({ host: 'http://api.example', client_certificate: CERT, client_key: KEY }).attribute).toBe('client_certificate');
    const doc = kubeconfig();
    (doc.clusters as any)[0].cluster = { server: 'http://dev.example' };
    const fromFile = configError({ config_content: stringify(doc) });
    expect(fromFile.attribute).toBe('config_content');
    expect(fromFile.message).toMatch(/^http:\/\/dev\.example is plain http:\/\/, so the token of user "dev-admin" in config_content would cross the network unencrypted/);
    expect(configError({ config_content: stringify(doc), config_context: 'basic' }).message).toMatch(/so the username and password of user "basic"/);
    (doc.users as any)[0].user = { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'x' } };
    expect(configError({ config_content: stringify(doc) }).message).toMatch(/so the exec plugin's credentials of user "dev-admin"/);
  });

  it('are sent to loopback, and nothing forbids an anonymous http:// server', async () => {
    for (const host of ['http://127.0.0.9:8080', 'http://localhost:8080', 'http://[::1]:8080']) {
      expect((await resolve({ host, token: 't' }).credentials()).authorization).toBe('Bearer t');
    }
    expect(resolve({ host: 'http://api.example' }).host).toBe('http://api.example');
  });
});

describe('proxy-url', () => {
  const withProxy = (url: string) => {
    const doc = kubeconfig();
    (doc.clusters as any)[0].cluster['proxy-url'] = url;
    return stringify(doc);
  };

  it('is the proxy for the cluster, its credentials kept out of the label', () => {
    const proxy = resolve({ config_content: withProxy('http://me:p%40ss@proxy.corp:3128') }, { NO_PROXY: '*' }).proxy!;
    expect(proxy.label).toBe('http://proxy.corp:3128');
    expect(proxy.source).toBe('the proxy-url of cluster "dev" in config_content');
    expect(proxy.authorization).toBe(`Basic ${b64('me:p@ss')}`);
  });

  it('refuses what client-go refuses, and the proxies Strata cannot speak to, without quoting credentials', () => {
    expect(configError({ config_content: withProxy('ftp://proxy.corp') }).message).toBe('cluster "dev" in config_content: proxy-url has the scheme "ftp"; it must be http, https or socks5');
    const socks = configError({ config_content: withProxy('socks5://me:secret@proxy.corp:1080') });
    expect(socks.attribute).toBe('config_content');
    expect(socks.message).toBe(
      'the proxy-url of cluster "dev" in config_content names the proxy socks5://proxy.corp:1080, but Strata speaks to http:// proxies only (HTTP CONNECT); use an http:// proxy',
    );
  });
});

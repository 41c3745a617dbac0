// Proxies: which one a request takes (Go's httpproxy rules, checked against kubectl's own choice on
// the same environment), and the transport through an HTTP CONNECT proxy: keep-alive tunnels,
// Proxy-Authorization, plain http in absolute form, and what a failing proxy is reported as.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { resolveConnection } from '../../provider/kube/connection';
import { Transport } from '../../provider/kube/http';
import { environmentProxy } from '../../provider/kube/proxy';
import { ConnectionConfigError, KubeConnectionError } from '../../provider/kube';
import { createPki, type Pki } from '../harness/certs';
import { startConnectProxy, type ConnectProxy } from '../harness/connect-proxy';
import { runKubectl } from '../harness/kubectl';

jest.setTimeout(120_000);

const PROXY = 'http://proxy.corp:3128';
const chosen = (target: string, env: NodeJS.ProcessEnv) => environmentProxy(new URL(target), env)?.url.href;

describe('proxy from the environment (Go httpproxy rules)', () => {
  it('takes HTTPS_PROXY for https and HTTP_PROXY for http, upper case first, and never the other one', () => {
    expect(chosen('https://api.example', { HTTPS_PROXY: PROXY })).toBe(`${PROXY}/`);
    expect(chosen('https://api.example', { https_proxy: PROXY })).toBe(`${PROXY}/`);
    expect(chosen('https://api.example', { HTTPS_PROXY: PROXY, https_proxy: 'http://other:1' })).toBe(`${PROXY}/`);
    expect(chosen('https://api.example', { HTTP_PROXY: PROXY })).toBeUndefined();
    expect(chosen('http://api.example', { HTTP_PROXY: PROXY })).toBe(`${PROXY}/`);
    expect(chosen('http://api.example', { HTTPS_PROXY: PROXY })).toBeUndefined();
    // A value without a scheme is an http proxy.
    expect(chosen('https://api.example', { HTTPS_PROXY: 'proxy.corp:3128' })).toBe(`${PROXY}/`);
    expect(chosen('https://api.example', { HTTPS_PROXY: '10.0.0.1:3128' })).toBe('http://10.0.0.1:3128/');
  });

  it('never proxies localhost or a loopback IP, unless proxy-url says so', () => {
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]']) expect(chosen(`https://${host}:6443`, { HTTPS_PROXY: PROXY })).toBeUndefined();
    expect(chosen('https://localhost.example', { HTTPS_PROXY: PROXY })).toBe(`${PROXY}/`);
  });

  it.each([
    ['api.example.com', 'example.com', false],
    ['example.com', 'example.com', false],
    ['api.example.com', '.example.com', false],
    ['example.com', '.example.com', true],
    ['api.example.com', '*.example.com', false],
    ['notexample.com', 'example.com', true],
    ['api.example.com', ' API.Example.COM ', false],
    ['api.example.com', 'example.com:443', false],
    ['api.example.com', 'example.com:6443', true],
    ['10.1.2.3', '10.0.0.0/8', false],
    ['10.1.2.3', '10.1.2.3', false],
    ['10.1.2.3', '10.1.2.3:443', false],
    ['10.1.2.3', '10.1.2.3:80', true],
    ['10.1.2.3', '10.1.2.4', true],
    ['11.1.2.3', '10.0.0.0/8', true],
    ['[fd00::5]', 'fd00::/8', false],
    ['[fd00::5]', '[fd00::5]:443', false],
    ['api.example.com', 'foo.org, *', false],
    ['api.example.com', 'foo.org,,bar.org', true],
  ])('https://%s with NO_PROXY=%j: proxied %s', (host, noProxy, proxied) => {
    expect(chosen(`https://${host}`, { HTTPS_PROXY: PROXY, NO_PROXY: noProxy }) !== undefined).toBe(proxied);
    expect(chosen(`https://${host}`, { HTTPS_PROXY: PROXY, no_proxy: noProxy }) !== undefined).toBe(proxied);
  });

  it('is refused when it is not an http:// proxy, naming the variable', () => {
    const err = (() => {
      try {
        resolveConnection({ host: 'https://api.example', token: 't' }, { HTTPS_PROXY: 'socks5://me:secret@proxy.corp:1080' });
      } catch (e) {
        return e as ConnectionConfigError;
      }
      throw new Error('expected an error');
    })();
    expect(err).toBeInstanceOf(ConnectionConfigError);
    expect(err.message).toBe('HTTPS_PROXY names the proxy socks5://proxy.corp:1080, but Strata speaks to http:// proxies only (HTTP CONNECT); use an http:// proxy, or add the API server to NO_PROXY');
  });
});

describe('kubectl makes the same choice on the same environment', () => {
  let proxy: ConnectProxy;
  let dir: string;
  beforeAll(async () => {
    proxy = await startConnectProxy({ refuse: true });
    dir = mkdtempSync(join(tmpdir(), 'strata-proxy-parity-'));
  });
  afterAll(async () => {
    await proxy.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  // kubectl goes through the proxy (which records the CONNECT and refuses it) or tries the host
  // directly (a name that does not resolve, an address that refuses): either way it fails fast.
  async function kubectlUsesProxy(server: string, env: NodeJS.ProcessEnv): Promise<boolean> {
    const config = join(dir, 'config');
    writeFileSync(config, stringify({
      clusters: [{ name: 'c', cluster: { server, 'insecure-skip-tls-verify': true } }],
      users: [{ name: 'u', user: { token: 't' } }],
      contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
      'current-context': 'x',
    }));
    const before = proxy.connects.length;
    await runKubectl(['--kubeconfig', config, '--cache-dir', join(dir, 'cache'), 'get', '--raw', '/version', '--request-timeout=5s'], { home: dir, env });
    return proxy.connects.length > before;
  }

  it.each([
    ['https://api.example.test', {}],
    ['https://api.example.test', { NO_PROXY: 'example.test' }],
    ['https://example.test', { NO_PROXY: '.example.test' }],
    ['https://api.example.test', { NO_PROXY: '*.example.test' }],
    ['https://api.example.test:6443', { NO_PROXY: 'api.example.test:443' }],
    ['https://192.0.2.10', { NO_PROXY: '192.0.2.0/24' }],
    ['https://192.0.2.10', { NO_PROXY: '192.0.2.10:443' }],
    ['https://192.0.2.10', { NO_PROXY: '192.0.2.10:6443' }],
    ['https://127.0.0.1:1', {}],
    ['https://localhost:1', {}],
    ['https://api.example.test', { NO_PROXY: '*' }],
  ] as [string, NodeJS.ProcessEnv][])('%s with %j', async (server, extra) => {
    const env = { HTTPS_PROXY: proxy.url, ...extra };
    expect(await kubectlUsesProxy(server, env)).toBe(environmentProxy(new URL(server), env) !== undefined);
  });

  it('with only HTTP_PROXY, or a proxy without a scheme', async () => {
    const httpOnly = { HTTP_PROXY: proxy.url };
    expect(await kubectlUsesProxy('https://api.example.test', httpOnly)).toBe(false);
    expect(environmentProxy(new URL('https://api.example.test'), httpOnly)).toBeUndefined();
    const bare = { HTTPS_PROXY: proxy.url.replace('http://', '') };
    expect(await kubectlUsesProxy('https://api.example.test', bare)).toBe(true);
    expect(environmentProxy(new URL('https://api.example.test'), bare)).toBeDefined();
  });
});

describe('the transport through an HTTP CONNECT proxy', () => {
  let pki: Pki;
  let api: Server;
  let apiPort: number;
  const seen: { authorization?: string; url: string }[] = [];
  beforeAll(async () => {
    pki = await createPki();
    api = createHttpsServer({ cert: pki.servingCertPem, key: pki.servingKeyPem }, (req, res) => {
      seen.push({ authorization: req.headers.authorization, url: req.url! });
      res.setHeader('content-type', 'application/json');
      res.end('{"major":"1"}');
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    apiPort = (api.address() as AddressInfo).port;
  });
  afterAll(async () => {
    api.closeAllConnections();
    await new Promise((resolve) => api.close(resolve));
  });

  const kubeconfig = (server: string, proxyUrl?: string) =>
    stringify({
      clusters: [{ name: 'c', cluster: { server, 'certificate-authority-data': Buffer.from(pki.caCertPem).toString('base64'), ...(proxyUrl ? { 'proxy-url': proxyUrl } : {}) } }],
      users: [{ name: 'u', user: { token: 'secret-token' } }],
      contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
      'current-context': 'x',
    });

  it('tunnels https requests through proxy-url, keeping one tunnel alive for many requests', async () => {
    const proxy = await startConnectProxy({ requireAuthorization: `Basic ${Buffer.from('me:p@ss').toString('base64')}` });
    try {
      const url = proxy.url.replace('http://', 'http://me:p%40ss@');
      const transport = new Transport(resolveConnection({ config_content: kubeconfig(`https://127.0.0.1:${apiPort}`, url) }, {}), { timeoutMs: 5_000, userAgent: 't' });
      for (let i = 0; i < 10; i++) expect((await transport.request('GET', `/version?i=${i}`)).status).toBe(200);
      transport.close();
      expect(proxy.tunnels).toBe(1);
      expect(proxy.connects).toEqual([`127.0.0.1:${apiPort}`]);
      expect(seen.at(-1)).toEqual({ authorization: 'Bearer secret-token', url: '/version?i=9' });
    } finally {
      await proxy.stop();
    }
  });

  it('takes HTTPS_PROXY to reach a name only the proxy can resolve, verifying the certificate for that name', async () => {
    const proxy = await startConnectProxy({ route: (host, port) => (host === 'kubernetes.default.svc' ? { host: '127.0.0.1', port } : { host, port }) });
    try {
      const connection = resolveConnection({ config_content: kubeconfig(`https://kubernetes.default.svc:${apiPort}`) }, { HTTPS_PROXY: proxy.url });
      const transport = new Transport(connection, { timeoutMs: 5_000, userAgent: 't' });
      expect((await transport.request('GET', '/version')).status).toBe(200);
      transport.close();
      expect(proxy.connects).toEqual([`kubernetes.default.svc:${apiPort}`]);
    } finally {
      await proxy.stop();
    }
  });

  it('sends plain http requests to the proxy in absolute form', async () => {
    const plain = createHttpServer((req, res) => res.end(JSON.stringify({ url: req.url, host: req.headers.host, proxyAuth: req.headers['proxy-authorization'] ?? null })));
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const port = (plain.address() as AddressInfo).port;
    const proxy = await startConnectProxy();
    try {
      const text = kubeconfig(`http://localhost:${port}`, proxy.url.replace('http://', 'http://me:pw@'));
      const transport = new Transport(resolveConnection({ config_content: text }, {}), { timeoutMs: 5_000, userAgent: 't' });
      const response = await transport.request('GET', '/api?x=1');
      transport.close();
      expect(JSON.parse(response.body)).toEqual({ url: '/api?x=1', host: `localhost:${port}`, proxyAuth: null });
      expect(proxy.forwarded).toEqual([`http://localhost:${port}/api?x=1`]);
      expect(proxy.authorizations).toEqual([`Basic ${Buffer.from('me:pw').toString('base64')}`]);
    } finally {
      await proxy.stop();
      plain.closeAllConnections();
      await new Promise((resolve) => plain.close(resolve));
    }
  });

  it('reports a proxy that refuses, or is not there, as the proxy\'s failure', async () => {
    const proxy = await startConnectProxy({ requireAuthorization: 'Basic x' });
    const server = `https://127.0.0.1:${apiPort}`;
    try {
      const transport = new Transport(resolveConnection({ config_content: kubeconfig(server, proxy.url) }, {}), { timeoutMs: 5_000, userAgent: 't' });
      const refused = (await transport.request('GET', '/version').catch((e: unknown) => e)) as KubeConnectionError;
      expect(refused).toBeInstanceOf(KubeConnectionError);
      expect(refused.message).toBe(
        `cannot reach the Kubernetes API server at ${server} through the proxy ${proxy.url} (GET /version): the proxy ${proxy.url} refused CONNECT 127.0.0.1:${apiPort}: ` +
          'it answered 407 Proxy Authentication Required; check the proxy-url of cluster "c" in config_content (is that the proxy to use, and does it let this host through?), or NO_PROXY',
      );
    } finally {
      await proxy.stop();
    }
    const gone = new Transport(resolveConnection({ config_content: kubeconfig(server, proxy.url) }, {}), { timeoutMs: 5_000, userAgent: 't' });
    const err = (await gone.request('GET', '/version').catch((e: unknown) => e)) as KubeConnectionError;
    expect(err.message).toMatch(new RegExp(`through the proxy ${proxy.url} \\(GET /version, 3 attempts\\): the proxy ${proxy.url} cannot be reached: .*ECONNREFUSED`));
  });
});

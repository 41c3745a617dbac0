// The bundled Helm renderer as the provider drives it: the requests it writes on the renderer's
// stdin (credentials only there, and only those of the chart's host for a pull), what the renderer
// learns about the cluster (earlier layers' CRD kinds, `.Release.IsUpgrade`, a lookup endpoint),
// `create_namespace`, the lookup endpoint itself, and credentials scrubbed from every message. The
// renderer here is a stand-in script that answers with what it was asked; the real one is tested
// in go-shim/helm and end to end.
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPki } from '../harness/certs';
import { configureHelmRepositories, repositoriesFor, repositoryProblems, repositorySecrets, type HelmRepository } from '../../provider/render/helm-repositories';
import { defaultRendererPath, pullRequest, RENDERER, templateRequest } from '../../provider/render/helm-bundled';
import { startLookupProxy } from '../../provider/render/lookup-proxy';
import { scrub } from '../../provider/render/scrub';
import { ProfileKinds } from '../../provider/render/scope';
import { renderLayer, renderLayers, RenderError, type ClusterReader, type KubeObject, type RenderTarget } from '../../provider/render';
import type { Layer } from '../../provider/profile/model';

const repositories: HelmRepository[] = [
  { url: 'https://charts.example.com/team', username: 'ci-bot', password: 'hunter2-long' },
  { url: 'oci://registry.example.com', username: 'robot', password: 'reg-pass-123', client_key: 'KEY-PEM' },
];

describe('requests to the bundled renderer', () => {
  test('a pull carries only the credentials of the chart\'s own host', () => {
    expect(pullRequest({ chart: 'web', repository: 'https://charts.example.com/team', version: '1.0.0' }, '/dest', repositories)).toEqual({
      op: 'pull', chart: 'web', repository: 'https://charts.example.com/team', version: '1.0.0', destination: '/dest',
      repositories: [{ url: 'https://charts.example.com/team', username: 'ci-bot', password: 'hunter2-long' }],
    });
    expect(pullRequest({ chart: 'oci://registry.example.com/charts/db', version: '2.0.0' }, '/d', repositories).repositories)
      .toEqual([{ url: 'oci://registry.example.com', username: 'robot', password: 'reg-pass-123', clientKey: 'KEY-PEM' }]);
    expect(pullRequest({ chart: 'web', repository: 'https://elsewhere.example.com' }, '/d', repositories).repositories).toEqual([]);
  });

  test('a template carries the target, the upgrade flag, the lookup endpoint and every repository', () => {
    const request = templateRequest({
      chartPath: '/c', workDir: '/w', values: 'a: 1\n', releaseName: 'web', namespace: 'apps', kubeVersion: 'v1.35.4',
      apiVersions: ['v1', 'example.com/v1/Widget'], isUpgrade: true, cluster: { server: 'http://127.0.0.1:1', token: 't' }, repositories,
    });
    expect(request).toEqual({
      op: 'template', chartPath: '/c', workDir: '/w', values: 'a: 1\n', releaseName: 'web', namespace: 'apps', kubeVersion: 'v1.35.4',
      apiVersions: ['v1', 'example.com/v1/Widget'], isUpgrade: true, cluster: { server: 'http://127.0.0.1:1', token: 't' },
      repositories: [
        { url: 'https://charts.example.com/team', username: 'ci-bot', password: 'hunter2-long' },
        { url: 'oci://registry.example.com', username: 'robot', password: 'reg-pass-123', clientKey: 'KEY-PEM' },
      ],
    });
    expect(templateRequest({ chartPath: '/c', workDir: '/w', releaseName: 'r', namespace: 'n', kubeVersion: '', apiVersions: [], isUpgrade: false, repositories: [] }))
      .toEqual({ op: 'template', chartPath: '/c', workDir: '/w', releaseName: 'r', namespace: 'n', apiVersions: [], isUpgrade: false, repositories: [] });
  });

  test('the renderer is beside the bundle, else beside the launcher that started Node', () => {
    // These tests run the compiled sources, which have no renderer beside them.
    expect(defaultRendererPath({})).toBe(join(__dirname, '..', '..', 'provider', 'render', RENDERER));
    expect(defaultRendererPath({ STRATA_PROVIDER_DIR: '/opt/mirror/linux_amd64' })).toBe(join('/opt/mirror/linux_amd64', RENDERER));
  });

  test('repositories match by scheme, host and port; OCI registries are reached over HTTPS', () => {
    expect(repositoriesFor('https://CHARTS.example.com:443/other/index.yaml', repositories).map((r) => r.username)).toEqual(['ci-bot']);
    expect(repositoriesFor('http://charts.example.com/team', repositories)).toEqual([]);
    expect(repositoriesFor('oci://registry.example.com:443/x', repositories).map((r) => r.username)).toEqual(['robot']);
    expect(repositoriesFor('./charts/local', repositories)).toEqual([]);
  });
});

describe('scrub', () => {
  const secrets = repositorySecrets(repositories);

  test('removes passwords, keys and URL credentials wherever they appear, usernames as words', () => {
    const message = 'GET https://ci-bot:hunter2-long@charts.example.com/index.yaml failed; robot used reg-pass-123 ' +
      '(reg-pass-123 escaped: reg-pass-123) key KEY-PEM; the robotic arm and ci-bots stay';
    const result = scrub(message, secrets);
    expect(result).toBe('GET https://***@charts.example.com/index.yaml failed; *** used *** (*** escaped: ***) key ***; the robotic arm and ci-bots stay');
  });

  test('covers URL-escaped forms and userinfo of URLs it was not told about', () => {
    expect(scrub('pw p%40ss%2Fw0rd, p@ss%2Fw0rd and p%40ss%2Fw0rd+x', { secrets: ['p@ss/w0rd', 'a b'], usernames: [] })).toBe('pw ***, *** and ***+x');
    expect(scrub('q=a+b&r=a%20b', { secrets: ['a b'], usernames: [] })).toBe('q=***&r=***');
    expect(scrub('oci://someone:secret@registry.example.com/x', { secrets: [], usernames: [] })).toBe('oci://***@registry.example.com/x');
  });
});

describe('helm_repository checks', () => {
  test('name the attribute and never quote a credential', async () => {
    const pki = await createPki();
    expect(repositoryProblems({ url: 'https://c.example.com', username: 'u', password: 'p', ca_certificate: pki.caCertPem, client_certificate: pki.clientCertPem, client_key: pki.clientKeyPem })).toEqual([]);
    const problems = [
      repositoryProblems({ url: 'ftp://user:secret-pw@c.example.com' }),
      repositoryProblems({ url: 'https://user:secret-pw@c.example.com' }),
      repositoryProblems({ url: 'https://c.example.com', ca_certificate: 'nope' }),
      repositoryProblems({ url: 'https://c.example.com', client_certificate: pki.clientCertPem }),
      repositoryProblems({ url: 'https://c.example.com', client_certificate: pki.servingCertPem, client_key: pki.clientKeyPem }),
      repositoryProblems({ url: 'https://c.example.com', password: 'secret-pw' }),
    ];
    expect(problems.map((p) => p.map((x) => x.attribute))).toEqual([['url'], ['url'], ['ca_certificate'], ['client_key'], ['client_key'], ['username']]);
    expect(JSON.stringify(problems)).not.toContain('secret-pw');
    expect(JSON.stringify(problems)).not.toContain('PRIVATE KEY');
  });
});

describe('the lookup endpoint', () => {
  const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'apps' }, data: { password: 'a2VwdA==' } };
  const cluster: ClusterReader = {
    resources: async () => [
      { group: '', version: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true, verbs: ['get', 'list'] },
      { group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false, verbs: ['get', 'list'] },
      { group: 'example.com', version: 'v1', kind: 'Widget', plural: 'widgets', namespaced: false, verbs: ['get'] },
    ],
    get: async (ref) => {
      if (ref.kind === 'Secret' && ref.namespace === 'apps' && ref.name === 'db') return secret;
      if (ref.kind === 'Namespace' && ref.name === 'apps') return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps' } };
      if (ref.kind === 'Widget') throw Object.assign(new Error('get widgets: forbidden'), { status: 403 });
      return null;
    },
    list: async (_apiVersion, kind, options) => (kind === 'Secret' && options?.namespace !== 'other' ? [secret] : []),
  };

  test('answers discovery, objects and lists for its token only, and nothing else', async () => {
    const proxy = await startLookupProxy(cluster);
    const get = async (path: string, token = proxy.token) => {
      const response = await fetch(`${proxy.server}${path}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: response.status, body: (await response.json()) as any };
    };
    try {
      expect(proxy.server).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await get('/api/v1', 'wrong')).status).toBe(401);
      const discovery = await get('/api/v1');
      expect(discovery.body).toMatchObject({ kind: 'APIResourceList', groupVersion: 'v1', resources: [{ name: 'secrets', kind: 'Secret', namespaced: true }, { name: 'namespaces', namespaced: false }] });
      expect((await get('/apis/example.com/v1')).body.groupVersion).toBe('example.com/v1');
      expect((await get('/apis/other.com/v1')).status).toBe(404);
      expect((await get('/api/v1/namespaces/apps/secrets/db')).body).toEqual(secret);
      expect((await get('/api/v1/namespaces/apps/secrets/missing')).body).toMatchObject({ kind: 'Status', code: 404, reason: 'NotFound' });
      expect((await get('/api/v1/secrets/db')).status).toBe(404); // a namespaced object is read in its namespace
      expect((await get('/api/v1/namespaces/apps')).body.metadata.name).toBe('apps');
      expect((await get('/api/v1/namespaces/apps/secrets')).body).toMatchObject({ kind: 'SecretList', items: [secret] });
      expect((await get('/api/v1/secrets')).body.items).toHaveLength(1);
      expect((await get('/apis/example.com/v1/widgets/w')).body).toMatchObject({ code: 403, reason: 'Forbidden', message: 'get widgets: forbidden' });
      const post = await fetch(`${proxy.server}/api/v1/namespaces/apps/secrets`, { method: 'POST', headers: { authorization: `Bearer ${proxy.token}` } });
      expect(post.status).toBe(405);
    } finally {
      await proxy.close();
    }
  });
});

test('ProfileKinds lists its kinds as helm\'s API versions', () => {
  const kinds = new ProfileKinds();
  kinds.add({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
    spec: { group: 'example.com', names: { kind: 'Widget' }, versions: [{ name: 'v1', served: true }, { name: 'v2', served: true }, { name: 'v0', served: false }] } });
  expect(kinds.apiVersions()).toEqual(['example.com/v1', 'example.com/v1/Widget', 'example.com/v2', 'example.com/v2/Widget']);
});

// A stand-in renderer: a template answers with a ConfigMap that tells what it was asked, plus a
// CRD when the values say `crd: <kind>`; every request is appended to a log.
const STAND_IN = `#!/usr/bin/env node
const fs = require('node:fs');
const request = JSON.parse(fs.readFileSync(0, 'utf8'));
fs.appendFileSync(process.env.STAND_IN_LOG, JSON.stringify(request) + '\\n');
if (request.values && request.values.includes('fail')) { process.stderr.write('boom for ci-bot with hunter2-long at https://u:p@h/x'); process.exit(1); }
const crd = /crd: (\\w+)/.exec(request.values || '');
let out = '---\\n# Source: c/templates/cm.yaml\\napiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: asked\\ndata:\\n  upgrade: "' + request.isUpgrade + '"\\n';
if (crd) out += '---\\n# Source: c/crds/crd.yaml\\napiVersion: apiextensions.k8s.io/v1\\nkind: CustomResourceDefinition\\nmetadata:\\n  name: ' + crd[1].toLowerCase() + 's.example.com\\nspec:\\n  group: example.com\\n  scope: Namespaced\\n  names:\\n    kind: ' + crd[1] + '\\n    plural: ' + crd[1].toLowerCase() + 's\\n  versions:\\n  - name: v1\\n    served: true\\n    storage: true\\n';
process.stdout.write(out);
`;

describe('rendering with the bundled renderer', () => {
  let dir: string;
  let log: string;
  let options: { helmPath: string; cacheDir: string; rendererPath: string; env: NodeJS.ProcessEnv };
  const target: RenderTarget = {
    kubeVersion: 'v1.35.4',
    apiVersions: ['v1', 'apps/v1'],
    isNamespaced: (apiVersion, kind) => ({ 'v1/ConfigMap': true, 'v1/Namespace': false, 'apiextensions.k8s.io/v1/CustomResourceDefinition': false } as Record<string, boolean>)[`${apiVersion}/${kind}`],
  };
  const chartLayer = (name: string, helm: Partial<Layer['helm']> = {}): Layer => ({ name, helm: { chart: dir, namespace: 'apps', ...helm } });
  const requests = async () => (await readFile(log, 'utf8')).trim().split('\n').map((line) => JSON.parse(line));

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strata-bundled-'));
    log = join(dir, 'requests.log');
    await writeFile(log, '');
    const rendererPath = join(dir, 'strata-helm');
    await writeFile(rendererPath, STAND_IN);
    await chmod(rendererPath, 0o755);
    options = { helmPath: '', cacheDir: join(dir, 'cache'), rendererPath, env: { ...process.env, STAND_IN_LOG: log } };
  });
  afterEach(async () => {
    configureHelmRepositories([]);
    await rm(dir, { recursive: true, force: true });
  });

  test('a chart sees the CRD kinds of earlier layers, also when it started first, and upgrades of applied layers', async () => {
    const layers = [chartLayer('crds', { values: 'crd: Widget\n' }), chartLayer('uses', { release_name: 'uses' }), chartLayer('more', { values: 'crd: Gadget\n' })];
    const rendered = await renderLayers(layers, { ...target, installedLayers: new Set(['uses']) }, options);
    expect(rendered.map((l) => l.objects.length)).toEqual([2, 1, 2]);
    const byRelease = new Map<string, any[]>();
    for (const request of await requests()) byRelease.set(request.releaseName, [...(byRelease.get(request.releaseName) ?? []), request]);
    // All three start at once; "uses" renders again once "crds" is done, "more" too (it follows both).
    const last = (release: string) => byRelease.get(release)!.at(-1);
    expect(last('crds').apiVersions).toEqual(['v1', 'apps/v1']);
    expect(last('uses').apiVersions).toEqual(['v1', 'apps/v1', 'example.com/v1', 'example.com/v1/Widget']);
    expect(last('more').apiVersions).toEqual(['v1', 'apps/v1', 'example.com/v1', 'example.com/v1/Widget']);
    expect(last('uses').isUpgrade).toBe(true);
    expect(last('crds').isUpgrade).toBe(false);
    expect(last('uses').cluster).toBeUndefined();
  });

  test('a chart whose earlier layers add no kinds renders once', async () => {
    await renderLayers([chartLayer('a'), chartLayer('b')], target, options);
    expect((await requests()).map((r) => r.releaseName).sort()).toEqual(['a', 'b']);
  });

  test('create_namespace adds the release namespace, labelled as helm labels it', async () => {
    const layer = await renderLayer(chartLayer('web', { create_namespace: true }), target, options);
    expect(layer.objects[0]).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps', labels: { name: 'apps' } } });
    await expect(renderLayer(chartLayer('web', { create_namespace: true, namespace: undefined }), target, options))
      .rejects.toThrow(/^layer "web": create_namespace creates the release namespace, and helm.namespace is not set/);
  });

  test('the cluster of the target answers lookup through a loopback endpoint', async () => {
    const cluster: ClusterReader = { resources: async () => [], get: async () => null, list: async (): Promise<KubeObject[]> => [] };
    await renderLayer(chartLayer('web'), { ...target, cluster }, options);
    const [request] = await requests();
    expect(request.cluster).toEqual({ server: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), token: expect.stringMatching(/^[\w-]{43}$/) });
  });

  test('credentials reach the renderer on stdin only, and its errors come back scrubbed', async () => {
    configureHelmRepositories(repositories);
    const err = await renderLayer(chartLayer('web', { values: 'fail: true\n' }), target, options).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RenderError);
    expect((err as Error).message).toBe(`layer "web": helm could not render chart ${JSON.stringify(dir)}: boom for *** with *** at https://***@h/x. Check the chart, its version and the layer's values.`);
    const [request] = await requests();
    expect(request.repositories).toHaveLength(2);
  });

  test('a missing renderer says where it looked and what to do', async () => {
    const err = await renderLayer(chartLayer('web'), target, { ...options, rendererPath: join(dir, 'nope') }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/cannot run the bundled Helm renderer at .*nope .*Reinstall the provider .*or set helm_path/);
  });

  test('the helm binary is refused a repository with credentials', async () => {
    configureHelmRepositories(repositories);
    const layer: Layer = { name: 'web', helm: { chart: 'web', repository: 'https://charts.example.com/team', version: '1.0.0' } };
    await expect(renderLayer(layer, target, { ...options, helmPath: '/nonexistent/helm' }))
      .rejects.toThrow(/the provider has a helm_repository block for https:\/\/charts\.example\.com\/team \(credentials or certificates\), but helm_path is set/);
  });
});

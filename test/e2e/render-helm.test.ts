// Helm layers rendered with the real helm binary, from a real chart repository on loopback (packaged
// and indexed by helm itself) and from local paths. Nothing reaches the internet.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RenderError, renderLayer, renderLayers, type KubeObject, type RenderOptions, type RenderTarget } from '../../provider/render';
import type { HelmSource, Layer } from '../../provider/profile/model';
import { startChartRepo, type ChartRepo } from '../harness/chart-repo';
import { ensureTools } from '../harness/tools';

jest.setTimeout(120_000);

function repoRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'scripts', 'tools.sh'))) return dir;
  }
  throw new Error(`no scripts/tools.sh above ${__dirname}`);
}
const charts = join(repoRoot(), 'test', 'fixtures', 'charts');

const SCOPES: Record<string, boolean> = {
  'v1/ConfigMap': true,
  'v1/Service': true,
  'v1/ServiceAccount': true,
  'v1/Pod': true,
  'apps/v1/Deployment': true,
  'batch/v1/Job': true,
  'rbac.authorization.k8s.io/v1/ClusterRole': false,
  'apiextensions.k8s.io/v1/CustomResourceDefinition': false,
};
const target: RenderTarget = {
  kubeVersion: 'v1.35.4',
  apiVersions: ['v1', 'apps/v1', 'batch/v1', 'example.com/v1', 'example.com/v1/Widget'],
  isNamespaced: (apiVersion, kind) => SCOPES[`${apiVersion}/${kind}`],
};

let helmPath: string;
let repo: ChartRepo;
const cleanup: string[] = [];

async function freshOptions(): Promise<RenderOptions> {
  const cacheDir = await mkdtemp(join(tmpdir(), 'strata-render-cache-'));
  cleanup.push(cacheDir);
  return { helmPath, cacheDir };
}

const helmLayer = (name: string, helm: HelmSource): Layer => ({ name, helm });
const find = (objects: KubeObject[], kind: string) => objects.find((o) => o.kind === kind);

beforeAll(async () => {
  helmPath = (await ensureTools(['helm'])).helm;
  repo = await startChartRepo([join(charts, 'web-app'), join(charts, 'web-app-2')]);
});

afterAll(async () => {
  await repo?.stop();
  await Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('helm layers', () => {
  test('versions 1.0.0 and 2.0.0 from an HTTP repository differ as their charts do; test hooks are dropped', async () => {
    const options = await freshOptions();
    const [one, two] = await renderLayers(
      [
        helmLayer('web', { chart: 'web-app', repository: repo.url, version: '1.0.0', namespace: 'apps' }),
        helmLayer('web-next', { chart: 'web-app', repository: repo.url, version: '2.0.0', namespace: 'apps', release_name: 'web' }),
      ],
      target,
      options,
    );
    expect(one!.type).toBe('helm');
    expect(one!.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(one!.objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`).sort()).toEqual([
      'ConfigMap/apps/web-config',
      'Deployment/apps/web',
      'Service/apps/web',
    ]);
    expect(two!.objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`).sort()).toEqual([
      'ConfigMap/apps/web-config',
      'Deployment/apps/web',
      'Service/apps/web',
      'ServiceAccount/apps/web-app',
    ]);
    expect(one!.objects.some((o) => o.kind === 'Pod')).toBe(false); // the `helm.sh/hook: test` pod
    const d1 = find(one!.objects, 'Deployment')!;
    const d2 = find(two!.objects, 'Deployment')!;
    expect(d1.spec.replicas).toBe(1);
    expect(d2.spec.replicas).toBe(2);
    expect(d1.spec.template.spec.containers[0].image).toBe('registry.example.com/web-app:1.0.0');
    expect(d2.spec.template.spec.containers[0].image).toBe('registry.example.com/web-app:2.0.0');
    expect(d2.spec.template.spec.serviceAccountName).toBe('web-app');
    expect(find(one!.objects, 'ConfigMap')!.data.greeting).toBe('hello');
    expect(find(two!.objects, 'ConfigMap')!.data.greeting).toBe('hello, world');
    expect(find(one!.objects, 'ConfigMap')!.data.releaseNamespace).toBe('apps');
    expect(one!.digest).not.toBe(two!.digest);
  });

  test('values are applied; release name and namespace default to the layer name and "default"', async () => {
    const options = await freshOptions();
    const layer = await renderLayer(
      helmLayer('frontend', { chart: 'web-app', repository: repo.url, version: '1.0.0', values: 'replicaCount: 3\ngreeting: "hi there"\nimage:\n  tag: "1.0.1"\n' }),
      target,
      options,
    );
    const deployment = find(layer.objects, 'Deployment')!;
    expect(deployment.metadata).toMatchObject({ name: 'frontend', namespace: 'default' });
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.spec.template.spec.containers[0].image).toBe('registry.example.com/web-app:1.0.1');
    expect(find(layer.objects, 'ConfigMap')!.data.greeting).toBe('hi there');
    // helm's "metadata.creationTimestamp: null"/status noise never shows, and every object is plain JSON.
    for (const o of layer.objects) expect(o.status).toBeUndefined();
  });

  test('--kube-version and --api-versions reach the chart (.Capabilities)', async () => {
    const options = await freshOptions();
    const layer = helmLayer('caps', { chart: join(charts, 'web-app') });
    const withWidgets = await renderLayer(layer, target, options);
    expect(find(withWidgets.objects, 'ConfigMap')!.data).toMatchObject({ kubeVersion: 'v1.35.4', hasWidgets: 'true' });
    const older = await renderLayer(layer, { ...target, kubeVersion: 'v1.30.2', apiVersions: ['v1', 'apps/v1'] }, options);
    expect(find(older.objects, 'ConfigMap')!.data).toMatchObject({ kubeVersion: 'v1.30.2', hasWidgets: 'false' });
    expect(older.digest).not.toBe(withWidgets.digest);
  });

  test('a pinned chart is pulled once: rendering again needs no repository', async () => {
    const own = await startChartRepo([join(charts, 'web-app')]);
    const options = await freshOptions();
    const layer = helmLayer('web', { chart: 'web-app', repository: own.url, version: '1.0.0' });
    let first;
    try {
      // Concurrent renders of one chart share one pull and leave one intact archive.
      const all = await Promise.all([1, 2, 3].map(() => renderLayer(layer, target, options)));
      first = all[0]!;
      for (const other of all) expect(other.digest).toBe(first.digest);
      expect(own.requests.filter((path) => path.endsWith('.tgz'))).toEqual(['/web-app-1.0.0.tgz']);
    } finally {
      await own.stop();
    }
    expect(readdirSync(join(options.cacheDir, 'charts')).filter((f) => f.endsWith('.tgz'))).toHaveLength(1);
    const again = await renderLayer(layer, target, options); // the server is gone
    expect(again.digest).toBe(first.digest);
    expect(again.objects).toEqual(first.objects);
  });

  test('a local chart directory: CRDs included, custom resources namespaced per the CRD, hooks split out, cluster-scoped objects without namespace', async () => {
    const options = await freshOptions();
    const layer = await renderLayer(helmLayer('widgets', { chart: join(charts, 'widgets'), namespace: 'tools', values: 'size: 5\n' }), target, options);
    const byKind = Object.fromEntries(layer.objects.map((o) => [o.kind, o]));
    expect(Object.keys(byKind).sort()).toEqual(['ClusterRole', 'CustomResourceDefinition', 'Widget']);
    expect(byKind.Widget!.metadata.namespace).toBe('tools');
    expect(byKind.Widget!.spec).toEqual({ size: 5 });
    expect(byKind.ClusterRole!.metadata.namespace).toBeUndefined();
    expect(byKind.CustomResourceDefinition!.metadata.namespace).toBeUndefined();
    expect(layer.hooks).toHaveLength(1);
    expect(layer.hooks[0]!.object.metadata).toMatchObject({ name: 'widgets-migrate', namespace: 'tools' });
    expect(layer.hooks[0]!.phases).toEqual(['pre-install', 'pre-upgrade']);
  });

  test('a local .tgz chart, relative to workDir', async () => {
    const options = await freshOptions();
    const out = await mkdtemp(join(tmpdir(), 'strata-render-tgz-'));
    cleanup.push(out);
    const packaged = spawnSync(helmPath, ['package', join(charts, 'web-app-2'), '--destination', out], {
      env: { ...process.env, HELM_CACHE_HOME: join(out, 'h'), HELM_CONFIG_HOME: join(out, 'h'), HELM_DATA_HOME: join(out, 'h') },
      encoding: 'utf8',
    });
    expect(packaged.status).toBe(0);
    const layer = await renderLayer(helmLayer('web', { chart: 'web-app-2.0.0.tgz' }), target, { ...options, workDir: out });
    expect(find(layer.objects, 'ServiceAccount')).toBeDefined();
    expect(find(layer.objects, 'Deployment')!.spec.replicas).toBe(2);
  });

  test('a missing chart version is a RenderError naming the layer and the chart, with helm\'s message', async () => {
    const options = await freshOptions();
    let error: unknown;
    try {
      await renderLayer(helmLayer('web', { chart: 'web-app', repository: repo.url, version: '9.9.9' }), target, options);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(RenderError);
    const err = error as RenderError;
    expect(err.layer).toBe('web');
    expect(err.message).toMatch(/^layer "web": helm could not pull chart "web-app" version 9\.9\.9 from http:\/\/127\.0\.0\.1:\d+: /);
    expect(err.message).toContain('9.9.9');
    expect(err.message).toMatch(/not found/);
    expect(err.message).toMatch(/Check that the repository is reachable and has this chart and version\.$/);
  });

  test('template errors and bad values name the layer and chart', async () => {
    const options = await freshOptions();
    // A value the chart's template cannot use: image must be a mapping.
    await expect(renderLayer(helmLayer('web', { chart: join(charts, 'web-app'), values: 'image: nope\n' }), target, options)).rejects.toThrow(
      /^layer "web": helm could not render chart ".*web-app": .+Check the chart, its version and the layer's values\.$/s,
    );
    await expect(renderLayer(helmLayer('web', { chart: join(charts, 'web-app'), values: '- a\n- b\n' }), target, options)).rejects.toThrow(
      /^layer "web": the helm values must be a YAML mapping/,
    );
    await expect(renderLayer(helmLayer('web', { chart: 'no-such-chart' }), target, options)).rejects.toThrow(
      /^layer "web": the chart is not a local path that exists .* Set helm.repository/,
    );
  });

  test('a kind unknown to discovery in a chart is a RenderError naming the template', async () => {
    const options = await freshOptions();
    const noCrd: RenderTarget = { ...target, isNamespaced: (apiVersion, kind) => (kind === 'Widget' ? undefined : target.isNamespaced(apiVersion, kind)) };
    // The chart's CRD makes Widget known even though discovery does not know it...
    await expect(renderLayer(helmLayer('widgets', { chart: join(charts, 'widgets') }), noCrd, options)).resolves.toBeDefined();
    // ...but a kind that neither discovery nor a CRD knows is an error that names the template.
    const noJobs: RenderTarget = { ...noCrd, isNamespaced: (apiVersion, kind) => (kind === 'Job' ? undefined : noCrd.isNamespaced(apiVersion, kind)) };
    const err = await renderLayer(helmLayer('widgets', { chart: join(charts, 'widgets') }), noJobs, options).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RenderError);
    expect((err as RenderError).objectRef).toBe('batch/v1 Job widgets-migrate');
    expect((err as RenderError).message).toMatch(
      /^layer "widgets", document \d+ \(from widgets\/templates\/hook-job\.yaml\), object batch\/v1 Job widgets-migrate: the cluster does not know the kind Job in batch\/v1/,
    );
  });
});

// Helm hooks as their own objects: split from the layer's objects (in manifest and helm layers),
// ordered per phase, digested with the layer, and errors that name the layer and the object.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  hooksFor,
  objectsDigest,
  RenderError,
  renderLayer,
  splitHooks,
  type HookObject,
  type KubeObject,
  type RenderTarget,
} from '../../provider/render';
import type { Layer } from '../../provider/profile/model';
import { ensureTools } from '../harness/tools';

const NAMESPACED: Record<string, boolean> = {
  'v1/ConfigMap': true,
  'v1/Pod': true,
  'v1/ServiceAccount': true,
  'v1/Namespace': false,
  'apps/v1/Deployment': true,
  'batch/v1/Job': true,
  'apiextensions.k8s.io/v1/CustomResourceDefinition': false,
};
const target: RenderTarget = {
  kubeVersion: 'v1.35.4',
  apiVersions: ['v1', 'apps/v1', 'batch/v1'],
  isNamespaced: (apiVersion, kind) => NAMESPACED[`${apiVersion}/${kind}`],
};
// Manifest layers never run helm or touch the cache.
const options = { helmPath: '/nonexistent/helm', cacheDir: '/nonexistent/cache' };

const manifest = (content: string, name = 'jobs'): Layer => ({ name, manifest: { content } });

/** A YAML document of the kind, named `name`, with the given annotations. */
function doc(kind: string, name: string, annotations: Record<string, string> = {}): string {
  const apiVersion = kind === 'Job' ? 'batch/v1' : kind === 'Deployment' ? 'apps/v1' : 'v1';
  const lines = Object.entries(annotations).map(([key, value]) => `    ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n${lines.length ? `  annotations:\n${lines.join('\n')}\n` : ''}`;
}
const render = (...docs: string[]) => renderLayer(manifest(docs.join('---\n')), target, options);
const names = (hooks: HookObject[]) => hooks.map((hook) => hook.object.metadata.name);

async function renderFailure(...docs: string[]): Promise<RenderError> {
  const error = await render(...docs).catch((err: unknown) => err);
  expect(error).toBeInstanceOf(RenderError);
  return error as RenderError;
}

describe('splitting hooks from objects', () => {
  test('hooks leave the objects and keep document order; phases, weight and delete policies are read', async () => {
    const layer = await render(
      doc('ConfigMap', 'plain'),
      doc('Job', 'migrate', { 'helm.sh/hook': 'pre-install, pre-upgrade', 'helm.sh/hook-weight': '-2', 'helm.sh/hook-delete-policy': 'hook-succeeded,hook-failed' }),
      doc('Deployment', 'app'),
      doc('ConfigMap', 'after', { 'helm.sh/hook': 'post-install' }),
    );
    expect(layer.objects.map((o) => o.metadata.name)).toEqual(['plain', 'app']);
    expect(layer.hooks).toEqual([
      { object: expect.objectContaining({ kind: 'Job' }), phases: ['pre-install', 'pre-upgrade'], weight: -2, deletePolicies: ['hook-succeeded', 'hook-failed'] },
      { object: expect.objectContaining({ kind: 'ConfigMap' }), phases: ['post-install'], weight: 0, deletePolicies: ['before-hook-creation'] },
    ]);
    // Hooks are resolved like any object: the layer's namespace, annotations kept as written.
    expect(layer.hooks[0]!.object.metadata).toMatchObject({ name: 'migrate', namespace: 'default', annotations: { 'helm.sh/hook': 'pre-install, pre-upgrade' } });
  });

  test('as Helm reads them: any case, repeats once, phases in a fixed order, crd-install is pre-install, empty means the default', async () => {
    const layer = await render(
      doc('ConfigMap', 'a', { 'helm.sh/hook': 'POST-Upgrade,pre-delete,post-upgrade,,post-delete' }),
      doc('ConfigMap', 'b', { 'helm.sh/hook': 'crd-install', 'helm.sh/hook-weight': ' +3 ', 'helm.sh/hook-delete-policy': 'Hook-Succeeded,hook-succeeded' }),
      doc('ConfigMap', 'c', { 'helm.sh/hook': 'pre-install,crd-install', 'helm.sh/hook-weight': '', 'helm.sh/hook-delete-policy': '' }),
    );
    expect(layer.objects).toEqual([]);
    expect(layer.hooks.map(({ phases, weight, deletePolicies }) => ({ phases, weight, deletePolicies }))).toEqual([
      { phases: ['post-upgrade', 'pre-delete', 'post-delete'], weight: 0, deletePolicies: ['before-hook-creation'] },
      { phases: ['pre-install'], weight: 3, deletePolicies: ['hook-succeeded'] },
      { phases: ['pre-install'], weight: 0, deletePolicies: ['before-hook-creation'] },
    ]);
  });

  test('test and rollback hooks are dropped, in manifest layers too; mixed with other events they run in those phases', async () => {
    const layer = await render(
      doc('Pod', 'smoke', { 'helm.sh/hook': 'test' }),
      doc('Pod', 'old-smoke', { 'helm.sh/hook': 'test-success' }),
      doc('Pod', 'helm2-smoke', { 'helm.sh/hook': 'test-failure' }),
      doc('ConfigMap', 'rollback', { 'helm.sh/hook': 'pre-rollback,post-rollback' }),
      doc('ConfigMap', 'upgrade-or-rollback', { 'helm.sh/hook': 'pre-rollback,pre-upgrade' }),
      doc('Pod', 'install-or-test', { 'helm.sh/hook': 'test,post-install' }),
    );
    expect(layer.objects).toEqual([]);
    expect(layer.hooks.map((hook) => [hook.object.metadata.name, hook.phases])).toEqual([
      ['upgrade-or-rollback', ['pre-upgrade']],
      ['install-or-test', ['post-install']],
    ]);
  });

  test('hooks that never run cannot fail the render: unknown kinds, duplicates and bad weights are not looked at', async () => {
    const layer = await render(
      `apiVersion: example.com/v1\nkind: Unknown\nmetadata:\n  name: x\n  annotations: { helm.sh/hook: test }\n`,
      doc('ConfigMap', 'same'),
      doc('ConfigMap', 'same', { 'helm.sh/hook': 'post-rollback', 'helm.sh/hook-weight': 'heavy' }),
    );
    expect(layer.objects.map((o) => o.metadata.name)).toEqual(['same']);
    expect(layer.hooks).toEqual([]);
  });

  test('splitHooks on its own returns the given objects, not copies', () => {
    const plain: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'p' } };
    const hook: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'h', annotations: { 'helm.sh/hook': 'pre-delete' } } };
    const never: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 't', annotations: { 'helm.sh/hook': 'test' } } };
    const { objects, hooks } = splitHooks([plain, hook, never].map((object) => ({ object, location: { layer: 'x' } })));
    expect(objects).toEqual([plain]);
    expect(objects[0]).toBe(plain);
    expect(hooks).toHaveLength(1);
    expect(hooks[0]!.object).toBe(hook);
  });
});

describe('hooks of a phase, in the order they run', () => {
  test('by weight, then kind in install order, then name; other phases left out; the layer untouched', async () => {
    const layer = await render(
      doc('Job', 'b-job', { 'helm.sh/hook': 'pre-install' }),
      doc('ConfigMap', 'z-config', { 'helm.sh/hook': 'pre-install' }),
      doc('ConfigMap', 'a-config', { 'helm.sh/hook': 'pre-install' }),
      doc('Job', 'late', { 'helm.sh/hook': 'pre-install,pre-upgrade', 'helm.sh/hook-weight': '10' }),
      doc('ServiceAccount', 'early', { 'helm.sh/hook': 'pre-install', 'helm.sh/hook-weight': '-10' }),
      doc('ConfigMap', 'after', { 'helm.sh/hook': 'post-install' }),
    );
    const before = names(layer.hooks);
    expect(names(hooksFor(layer, 'pre-install'))).toEqual(['early', 'a-config', 'z-config', 'b-job', 'late']);
    expect(names(hooksFor(layer, 'pre-upgrade'))).toEqual(['late']);
    expect(names(hooksFor(layer, 'post-install'))).toEqual(['after']);
    expect(hooksFor(layer, 'post-delete')).toEqual([]);
    expect(names(layer.hooks)).toEqual(before);
  });

  test('a layer without hooks has none for any phase', async () => {
    const layer = await render(doc('ConfigMap', 'plain'));
    expect(layer.hooks).toEqual([]);
    expect(hooksFor(layer, 'pre-install')).toEqual([]);
  });
});

describe('the layer digest', () => {
  test('without hooks it is the digest of the objects, as before hooks were split out', async () => {
    const layer = await render(doc('ConfigMap', 'a'), doc('Deployment', 'b'));
    expect(layer.digest).toBe(objectsDigest(layer.objects));
    // Pinned (the value Strata before hooks gives): digests of hook-free layers are in users' records and must not change.
    expect(layer.digest).toBe('sha256:90928497339951dae9128d9eeffca51a613fdb8c90e7738be14e77d8c4c27c52');
  });

  test('covers the hooks: a hook, its weight or its phase changing changes the digest', async () => {
    const plain = doc('ConfigMap', 'a');
    const base = await render(plain);
    const hooked = await render(plain, doc('Job', 'migrate', { 'helm.sh/hook': 'pre-install' }));
    const heavier = await render(plain, doc('Job', 'migrate', { 'helm.sh/hook': 'pre-install', 'helm.sh/hook-weight': '1' }));
    const later = await render(plain, doc('Job', 'migrate', { 'helm.sh/hook': 'post-install' }));
    const digests = [base, hooked, heavier, later].map((layer) => layer.digest);
    expect(new Set(digests).size).toBe(4);
    expect(hooked.objects).toEqual(base.objects);
  });
});

describe('hook annotations that cannot be read', () => {
  test('an unknown event names the layer, the document, the object and the events to use', async () => {
    const err = await renderFailure(doc('ConfigMap', 'plain'), doc('Job', 'migrate', { 'helm.sh/hook': 'pre-install,pre-instal' }));
    expect(err.layer).toBe('jobs');
    expect(err.objectRef).toBe('batch/v1 Job default/migrate');
    expect(err.message).toBe(
      'layer "jobs", document 2, line 6, object batch/v1 Job default/migrate: the helm.sh/hook annotation names an unknown hook event "pre-instal"; ' +
        'use pre-install, post-install, pre-upgrade, post-upgrade, pre-delete, post-delete (test and rollback hooks are accepted but never applied), ' +
        'or remove the annotation if the object is no hook.',
    );
  });

  test('an annotation without events', async () => {
    const err = await renderFailure(doc('ConfigMap', 'c', { 'helm.sh/hook': ' , ' }));
    expect(err.message).toMatch(/object v1 ConfigMap default\/c: the helm\.sh\/hook annotation names no hook event; name one \(pre-install, /);
  });

  test.each(['1.5', 'heavy', '5kg', '99999999999999999999'])('a weight that is no integer: %j', async (weight) => {
    const err = await renderFailure(doc('ConfigMap', 'c', { 'helm.sh/hook': 'pre-install', 'helm.sh/hook-weight': weight }));
    expect(err.message).toBe(
      `layer "jobs", document 1, line 1, object v1 ConfigMap default/c: the helm.sh/hook-weight annotation must be an integer such as "-5" or "10", not ${JSON.stringify(weight)}; fix it.`,
    );
  });

  test('an unknown delete policy', async () => {
    const err = await renderFailure(doc('ConfigMap', 'c', { 'helm.sh/hook': 'post-install', 'helm.sh/hook-delete-policy': 'hook-succeeded,always' }));
    expect(err.message).toMatch(
      /object v1 ConfigMap default\/c: the helm\.sh\/hook-delete-policy annotation names an unknown policy "always"; use before-hook-creation, hook-succeeded, hook-failed\.$/,
    );
  });

  test('an annotation that is no string', async () => {
    const err = await renderFailure(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    helm.sh/hook: pre-install\n    helm.sh/hook-weight: 5\n`);
    expect(err.message).toMatch(/object v1 ConfigMap default\/c: the helm\.sh\/hook-weight annotation must be a string, not 5; quote it\.$/);
  });
});

// The fixture chart rendered by the real helm binary (unpacked once per machine by scripts/tools.sh).
describe('a chart with hooks, rendered by helm', () => {
  function repoRoot(): string {
    for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
      if (existsSync(join(dir, 'scripts', 'tools.sh'))) return dir;
    }
    throw new Error(`no scripts/tools.sh above ${__dirname}`);
  }
  let helmPath: string;
  let cacheDir: string;

  beforeAll(async () => {
    helmPath = (await ensureTools(['helm'])).helm;
    cacheDir = await mkdtemp(join(tmpdir(), 'strata-render-hooks-'));
  }, 600_000);
  afterAll(async () => {
    if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
  });

  test('ordinary objects and hooks are split; the test pod is dropped; each phase has its hooks in order', async () => {
    const chart = join(repoRoot(), 'test', 'fixtures', 'charts', 'hooks');
    const layer = await renderLayer({ name: 'web', helm: { chart, namespace: 'apps' } }, target, { helmPath, cacheDir });
    const ref = (o: KubeObject) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`;
    expect(layer.objects.map(ref)).toEqual(['ConfigMap apps/web-config', 'Deployment apps/web']);
    expect(layer.hooks.map((hook) => ref(hook.object)).sort()).toEqual([
      'ConfigMap apps/web-post-install',
      'ConfigMap apps/web-pre-delete',
      'ConfigMap apps/web-pre-install',
      'Job apps/web-migrate',
    ]);
    const order = (phase: Parameters<typeof hooksFor>[1]) => hooksFor(layer, phase).map(({ object, weight, deletePolicies }) => [object.metadata.name, weight, deletePolicies]);
    expect(order('pre-install')).toEqual([
      ['web-pre-install', -5, ['before-hook-creation']],
      ['web-migrate', 0, ['before-hook-creation', 'hook-succeeded']],
    ]);
    expect(order('pre-upgrade')).toEqual([['web-migrate', 0, ['before-hook-creation', 'hook-succeeded']]]);
    expect(order('post-install')).toEqual([['web-post-install', 0, ['hook-succeeded']]]);
    expect(order('post-upgrade')).toEqual([]);
    expect(order('pre-delete')).toEqual([['web-pre-delete', 0, ['before-hook-creation']]]);
    expect(order('post-delete')).toEqual([]);
    expect(layer.digest).not.toBe(objectsDigest(layer.objects));
  });
});

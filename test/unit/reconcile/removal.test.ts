import { KubeApiError } from '../../../provider/kube';
import { deleteLayers } from '../../../provider/reconcile/delete';
import { keyOf } from '../../../provider/reconcile/inventory';
import { preflight } from '../../../provider/reconcile/preflight';
import { judgeRemoval } from '../../../provider/reconcile/removal';
import { FakeCluster, inventoryEntry } from './fake-cluster';

const mine = { 'strata.dev/cluster': 'edge-1' };
const cm = (name: string, namespace: string, metadata: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, ...metadata } });
const ns = (name: string, metadata: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...metadata } });
const crd = () => ({
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com', labels: mine },
  spec: { group: 'example.com', names: { kind: 'Widget', plural: 'widgets' }, scope: 'Namespaced', versions: [{ name: 'v1', served: true, storage: true }] },
});
const widget = (name: string, namespace: string, metadata: Record<string, unknown> = {}) => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name, namespace, ...metadata } });

function context(fake: FakeCluster, leaving: object[] = [], deleteCrdsWithResources = false) {
  return { client: fake.client, cluster: 'edge-1', leaving: new Set(leaving.map((o) => keyOf(o as any))), deleteCrdsWithResources };
}

describe('judging what leaves the profile', () => {
  test('an object with this cluster\'s mark and its recorded UID is deleted, with UID and resourceVersion as preconditions', async () => {
    const fake = new FakeCluster();
    const live = fake.put(cm('a', 'web', { labels: mine }));
    expect(await judgeRemoval(context(fake), inventoryEntry(live), live)).toEqual({ action: 'delete', uid: live.metadata.uid, resourceVersion: live.metadata.resourceVersion });
  });

  test('an object without the mark, with another cluster\'s, or re-created, is let go of', async () => {
    const fake = new FakeCluster();
    const unmarked = fake.put(cm('a', 'web'));
    expect(await judgeRemoval(context(fake), inventoryEntry(unmarked), unmarked)).toMatchObject({ action: 'forget', reason: expect.stringContaining('no longer carries this cluster\'s mark') });
    const other = fake.put(cm('b', 'web', { labels: { 'strata.dev/cluster': 'edge-2' } }));
    expect(await judgeRemoval(context(fake), inventoryEntry(other), other)).toMatchObject({ action: 'forget', reason: expect.stringContaining('cluster "edge-2"') });
    const recreated = fake.put(cm('c', 'web', { labels: mine }));
    expect(await judgeRemoval(context(fake), { ...inventoryEntry(recreated), uid: 'uid-old' }, recreated)).toMatchObject({ action: 'forget', reason: expect.stringContaining('another UID') });
    expect(await judgeRemoval(context(fake), inventoryEntry(recreated), null)).toEqual({ action: 'gone' });
  });

  test('keep annotations keep the object', async () => {
    const fake = new FakeCluster();
    const helmKeep = fake.put(cm('a', 'web', { labels: mine, annotations: { 'helm.sh/resource-policy': 'keep' } }));
    expect(await judgeRemoval(context(fake), inventoryEntry(helmKeep), helmKeep)).toMatchObject({ action: 'keep', reason: expect.stringContaining('helm.sh/resource-policy: keep') });
  });

  test('a CRD whose custom resources remain is kept, unless they leave too or the cluster opts in', async () => {
    const fake = new FakeCluster();
    const definition = fake.put(crd());
    const theirs = fake.put(widget('theirs', 'team-b'));
    const decision = await judgeRemoval(context(fake), inventoryEntry(definition), definition);
    expect(decision).toMatchObject({ action: 'keep', reason: expect.stringMatching(/1 Widget custom resource still exist \(namespaces team-b\).*delete_crds_with_resources = true/) });
    expect(await judgeRemoval(context(fake, [theirs]), inventoryEntry(definition), definition)).toMatchObject({ action: 'delete' });
    expect(await judgeRemoval(context(fake, [], true), inventoryEntry(definition), definition)).toMatchObject({ action: 'delete' });
  });

  test('a Namespace holding objects this move does not delete is kept, with counts by kind; system-made objects do not count', async () => {
    const fake = new FakeCluster();
    const namespace = fake.put(ns('web', { labels: mine }));
    fake.put(cm('kube-root-ca.crt', 'web'));
    fake.put({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'web' } });
    fake.put({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'api-1', namespace: 'web', ownerReferences: [{ kind: 'Deployment', name: 'api' }] } });
    const ours = fake.put(cm('ours', 'web', { labels: mine }));
    expect(await judgeRemoval(context(fake, [ours]), inventoryEntry(namespace), namespace)).toMatchObject({ action: 'delete' });
    fake.put(cm('theirs', 'web'));
    fake.put(cm('theirs-too', 'web'));
    expect(await judgeRemoval(context(fake, [ours]), inventoryEntry(namespace), namespace)).toEqual({
      action: 'keep', reason: 'holds 2 objects that this move does not delete (2 ConfigMap), which deleting it would delete',
    });
  });
});

describe('deleting layers', () => {
  test('layers go last first; within a layer, a Namespace after what it holds; only provably owned objects; what stays holds its Namespace', async () => {
    const fake = new FakeCluster();
    const namespace = fake.put(ns('web', { labels: mine }));
    const base = fake.put(cm('base', 'web', { labels: mine }));
    const app = fake.put(cm('app', 'web', { labels: mine }));
    const unmarked = fake.put(cm('unmarked', 'web'));
    const layers = [
      { name: 'base', type: 'manifest', digest: '', objects: [inventoryEntry(namespace), inventoryEntry(base)] },
      { name: 'app', type: 'manifest', digest: '', objects: [inventoryEntry(app), inventoryEntry(unmarked)] },
    ];
    const result = await deleteLayers(context(fake, [namespace, base, app, unmarked]), layers, { timeoutMs: 1000, signal: new AbortController().signal });
    expect(fake.deleted).toEqual([keyOf(app), keyOf(base)]);
    expect([...result.letGo.keys()]).toEqual([keyOf(unmarked), keyOf(namespace)]);
    expect(result.letGo.get(keyOf(namespace))!.reason).toContain('holds 1 object that this move does not delete (1 ConfigMap)');
    fake.objects.delete(keyOf(unmarked));
    await deleteLayers(context(fake, [namespace]), [layers[0]!], { timeoutMs: 1000, signal: new AbortController().signal });
    expect(fake.deleted).toEqual([keyOf(app), keyOf(base), keyOf(namespace)]);
    expect(result.stuck).toEqual([]);
  });
});

describe('preflight', () => {
  const options = { cluster: 'edge-1', adoptExisting: false, recreateOnImmutable: false, forceConflicts: false };
  const item = (object: any, recorded = false) => ({ layer: 'base', key: keyOf(object), object, recorded, repair: false });

  test('an existing object that is nobody\'s fails unless adopted; another cluster\'s always fails', async () => {
    const fake = new FakeCluster();
    fake.put(ns('web'));
    const theirs = fake.put(cm('theirs', 'web', { managedFields: [{ manager: 'kubectl-create', operation: 'Update' }] }));
    const claimed = fake.put(cm('claimed', 'web', { labels: { 'strata.dev/cluster': 'edge-2' } }));
    const live = new Map([[keyOf(theirs), theirs], [keyOf(claimed), claimed]]);
    const refused = await preflight(fake.client, [item(cm('theirs', 'web')), item(cm('claimed', 'web'))], live, options);
    expect(refused.problems.map((p) => p.summary).sort()).toEqual(['Object claimed by another cluster', 'Object exists and is not Strata\'s']);
    expect(refused.problems.find((p) => p.summary.startsWith('Object exists'))!.detail).toContain('adopt_existing = true');
    expect(refused.problems.find((p) => p.summary.startsWith('Object claimed'))!.detail).toMatch(/cluster "edge-2".*cluster "edge-1"/);
    const adopted = await preflight(fake.client, [item(cm('theirs', 'web'))], live, { ...options, adoptExisting: true });
    expect(adopted.problems).toEqual([]);
    expect(adopted.verdicts.get(keyOf(theirs))).toMatchObject({ action: 'adopt', reason: 'adopt: exists, created outside Strata by kubectl-create' });
  });

  test('a dry run that the server refuses fails the plan; an immutable change replaces only with the opt-in', async () => {
    const fake = new FakeCluster();
    fake.put(ns('web'));
    const current = fake.put(cm('a', 'web', { labels: mine }));
    const live = new Map([[keyOf(current), current]]);
    fake.refuse.set(keyOf(current), new KubeApiError('dry-run apply', 422, 'Invalid', 'ConfigMap "a" is invalid: immutable: field is immutable', undefined, [{ field: 'data', message: 'field is immutable when `immutable` is set' }]));
    const refused = await preflight(fake.client, [item(cm('a', 'web'), true)], live, options);
    expect(refused.problems).toEqual([expect.objectContaining({ summary: 'Immutable field would change', detail: expect.stringContaining('field data cannot be changed in place') })]);
    const replaced = await preflight(fake.client, [item(cm('a', 'web'), true)], live, { ...options, recreateOnImmutable: true });
    expect(replaced.verdicts.get(keyOf(current))).toMatchObject({ action: 'replace', reason: 'replace: data is immutable' });
    fake.refuse.set(keyOf(cm('b', 'web')), new KubeApiError('dry-run apply', 422, 'Invalid', 'ConfigMap "b" is invalid: data[x y]: Invalid value', undefined, [{ field: 'data[x y]' }]));
    const invalid = await preflight(fake.client, [item(cm('b', 'web'))], live, options);
    expect(invalid.problems).toEqual([expect.objectContaining({ summary: 'The API server would refuse an object', detail: expect.stringContaining('Layer "base", v1 ConfigMap web/b: ConfigMap "b" is invalid') })]);
  });

  test('a dry run into a namespace this apply creates says nothing about the object', async () => {
    const fake = new FakeCluster();
    fake.refuse.set(keyOf(cm('a', 'new')), new KubeApiError('dry-run apply', 404, 'NotFound', 'namespaces "new" not found'));
    const result = await preflight(fake.client, [item(cm('a', 'new'))], new Map(), options);
    expect(result.problems).toEqual([]);
    expect(result.verdicts.get(keyOf(cm('a', 'new')))).toEqual({ action: 'apply' });
  });
});

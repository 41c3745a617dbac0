import { DETAILED_OBJECT_LIMIT, OBJECT_LINE_LIMIT, isFieldLine, planChanges, planLines, type ObjectChange } from '../../../provider/reconcile/changes';
import { FIELD_LIMIT, SENSITIVE, diffFields } from '../../../provider/reconcile/field-diff';
import { keyOf } from '../../../provider/reconcile/inventory';
import type { InventoryLayer } from '../../../provider/reconcile/record';
import { objectDigest, type KubeObject, type RenderedLayer } from '../../../provider/render';
import { upgradeStoredState } from '../../../provider/framework/state-upgrade';
import { Diagnostics } from '../../../provider/protocol/diagnostics';
import { clusterResource } from '../../../provider/resources/cluster';

const deployment = (replicas: number, image: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'web', labels: { 'app.kubernetes.io/name': 'api' }, ...extra },
  spec: { replicas, template: { spec: { containers: [{ name: 'api', image }] } } },
} as KubeObject);

const secret = (password: string): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'web' }, data: { password } } as KubeObject);

const recorded = (layer: string, objects: KubeObject[]): InventoryLayer => ({
  name: layer, type: 'manifest', digest: 'sha256:x',
  objects: objects.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name, key: keyOf(o), digest: objectDigest(o), owned: 'sha256:o' })),
});

describe('field changes of one object', () => {
  test('the live object against the dry-run result: paths, old and new values, server-set fields ignored', () => {
    const live = deployment(2, 'nginx:1.25', { resourceVersion: '41', generation: 3, uid: 'u-1', creationTimestamp: '2026-01-01T00:00:00Z', managedFields: [{ manager: 'strata-edge-1' }] });
    const after = deployment(3, 'nginx:1.27', { resourceVersion: '42', generation: 4, uid: 'u-1', creationTimestamp: '2026-01-01T00:00:00Z', managedFields: [{ manager: 'strata-edge-1', time: 'now' }] });
    (after.metadata.labels as Record<string, string>)['app.kubernetes.io/name'] = 'api 2';
    Object.assign(live, { status: { replicas: 2 } });
    Object.assign(after, { status: { replicas: 3 } });
    expect(diffFields(live, after)).toEqual({
      fields: [
        { path: 'metadata.labels["app.kubernetes.io/name"]', before: 'api', after: '"api 2"' },
        { path: 'spec.replicas', before: '2', after: '3' },
        { path: 'spec.template.spec.containers[0].image', before: 'nginx:1.25', after: 'nginx:1.27' },
      ],
      more: 0,
    });
  });

  test('added and removed fields read as (none); strings that look like numbers are quoted; long values are cut', () => {
    const live = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { gone: 'x', port: '8080' } } as KubeObject;
    const after = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { port: '8081', long: 'y'.repeat(100) } } as KubeObject;
    const { fields } = diffFields(live, after);
    expect(fields).toEqual([
      { path: 'data.port', before: '"8080"', after: '"8081"' },
      { path: 'data.long', before: '(none)', after: `${'y'.repeat(57)}...` },
      { path: 'data.gone', before: 'x', after: '(none)' },
    ]);
  });

  test('list items compare by index: an added item is one line', () => {
    const live = deployment(2, 'nginx:1.25');
    const after = deployment(2, 'nginx:1.25');
    (after.spec as { template: { spec: { containers: object[] } } }).template.spec.containers.push({ name: 'sidecar', image: 'envoy' });
    expect(diffFields(live, after).fields).toEqual([
      { path: 'spec.template.spec.containers[1]', before: '(none)', after: '{"name":"sidecar","image":"envoy"}' },
    ]);
  });

  test('Secret data and stringData are never shown, only their paths', () => {
    const live = secret('b2xkLXZhbHVl');
    const after = { ...secret('bmV3LXZhbHVl'), stringData: { token: 'plain-text-token' } } as KubeObject;
    const diff = diffFields(live, after);
    expect(diff.fields).toEqual([
      { path: 'data.password', before: SENSITIVE, after: SENSITIVE },
      { path: 'stringData', before: '(none)', after: SENSITIVE },
    ]);
    expect(JSON.stringify(diff)).not.toMatch(/b2xk|bmV3|plain-text-token/);
  });

  test('at most FIELD_LIMIT fields, and how many more', () => {
    const many = (value: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: Object.fromEntries(Array.from({ length: FIELD_LIMIT + 5 }, (_, i) => [`k${i}`, value])) }) as KubeObject;
    const diff = diffFields(many('a'), many('b'));
    expect(diff.fields).toHaveLength(FIELD_LIMIT);
    expect(diff.more).toBe(5);
  });

  test('without a dry-run result, only the fields the profile sets count', () => {
    const live = deployment(2, 'nginx:1.25');
    Object.assign(live.spec as object, { progressDeadlineSeconds: 600 });
    expect(diffFields(live, deployment(2, 'nginx:1.27'), { onlySet: true }).fields).toEqual([
      { path: 'spec.template.spec.containers[0].image', before: 'nginx:1.25', after: 'nginx:1.27' },
    ]);
  });
});

describe('the plan view', () => {
  const layer = (name: string, objects: KubeObject[], overriddenBy?: Map<string, string[]>): RenderedLayer =>
    ({ name, type: 'manifest', digest: 'sha256:y', objects, hooks: [], ...(overriddenBy ? { overriddenBy } : {}) });

  test('an object whose content comes from an override is marked with the override\'s name', () => {
    const desired = [layer('app', [deployment(3, 'nginx:1.27')], new Map([[keyOf(deployment(3, 'nginx:1.27')), ['edge-1-replicas']]]))];
    const changes = planChanges(desired, [recorded('app', [deployment(2, 'nginx:1.25')])], new Set(), true);
    expect(planLines(changes)).toEqual(['app: ~ apps/v1 Deployment web/api (override "edge-1-replicas")']);
    const two = planChanges([layer('app', [deployment(3, 'nginx:1.27')], new Map([[keyOf(deployment(3, 'x')), ['a', 'b']]]))], [], new Set(), true);
    expect(planLines(two)).toEqual(['app: + apps/v1 Deployment web/api (override "a", "b")']);
  });

  test('each changed object is followed by its field lines; Helm layers show paths only', () => {
    const change: ObjectChange = {
      layer: 'app', action: 'change', key: 'apps/Deployment/web/api', label: 'apps/v1 Deployment web/api',
      fields: { fields: [{ path: 'spec.replicas', before: '2', after: '3' }], more: 4 },
    };
    const lines = planLines([change, { layer: 'app', action: 'add', key: 'core/ConfigMap/web/a', label: 'v1 ConfigMap web/a' }]);
    expect(lines).toEqual([
      'app: ~ apps/v1 Deployment web/api',
      'app:     spec.replicas: 2 -> 3',
      'app:     ... and 4 more field(s)',
      'app: + v1 ConfigMap web/a',
    ]);
    expect(lines.map(isFieldLine)).toEqual([false, true, true, false]);
    expect(planLines([change], () => false)[1]).toBe('app:     spec.replicas (values in the plan warning)');
  });

  test('large plans are bounded, and the last lines say what is left out and where to find it', () => {
    const changes: ObjectChange[] = Array.from({ length: OBJECT_LINE_LIMIT + 50 }, (_, i) => ({
      layer: 'bulk', action: 'change', key: `core/ConfigMap/web/c${i}`, label: `v1 ConfigMap web/c${i}`,
      fields: { fields: [{ path: 'data.revision', before: '"1"', after: '"2"' }], more: 0 },
    }));
    const lines = planLines(changes);
    expect(lines.filter((l) => !isFieldLine(l) && !l.startsWith('...'))).toHaveLength(OBJECT_LINE_LIMIT);
    expect(lines.filter(isFieldLine)).toHaveLength(DETAILED_OBJECT_LIMIT);
    expect(lines.slice(-2)).toEqual([
      '... and 50 more object(s) not listed here; the strata_rendered_layers data source lists every rendered object',
      `... field changes shown for the first ${DETAILED_OBJECT_LIMIT} changed objects; ${OBJECT_LINE_LIMIT + 50 - DETAILED_OBJECT_LIMIT} more changed object(s) not detailed`,
    ]);
  });
});

describe('strata_cluster state of schema version 0', () => {
  test('object lists become counts and the last apply\'s changes are dropped', () => {
    const diagnostics = new Diagnostics();
    const v0 = {
      id: 'edge-1', name: 'edge-1', profile: '{}', kubernetes: null, wait: true, timeout: '5m', prune: true, force_conflicts: false, adopt_existing: false,
      recreate_on_immutable: false, delete_crds_with_resources: false, ignore_fields: null, applied_version: '1.0.0', applied_digest: 'sha256:a',
      layers: [{ name: 'base', type: 'manifest', digest: 'sha256:b', objects: ['v1 Namespace web', 'v1 ConfigMap web/a'] }],
      history: [], changes: ['base: + v1 Namespace web'], drift: [],
    };
    const state = upgradeStoredState(clusterResource, 0, Buffer.from(JSON.stringify(v0)), diagnostics);
    expect(diagnostics.items).toEqual([]);
    expect(state?.layers).toEqual([{ name: 'base', type: 'manifest', digest: 'sha256:b', object_count: 2 }]);
    expect(state?.changes).toEqual([]);
    expect(state?.applied_version).toBe('1.0.0');
  });

  test('an unknown schema version is an error that says what to do', () => {
    const diagnostics = new Diagnostics();
    upgradeStoredState(clusterResource, 7, Buffer.from('{}'), diagnostics);
    expect(diagnostics.items).toEqual([expect.objectContaining({ summary: 'State cannot be upgraded' })]);
  });

  test('a state that does not fit the schema is an error diagnostic that says what to do, in upgrade and in move', () => {
    for (const summary of [undefined, 'Cannot move resource state']) {
      const diagnostics = new Diagnostics();
      const state = upgradeStoredState(clusterResource, 1, Buffer.from(JSON.stringify({ name: 'edge-1', wait: 'sometimes' })), diagnostics, summary);
      expect(state).toBeUndefined();
      expect(diagnostics.items).toEqual([expect.objectContaining({ severity: 'error', summary: summary ?? 'State cannot be upgraded' })]);
      expect(diagnostics.items[0]!.detail).toContain('tofu state rm');
    }
  });
});

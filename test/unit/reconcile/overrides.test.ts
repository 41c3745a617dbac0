import { parse } from 'yaml';
import type { KubeObject } from '../../../provider/kube';
import type { Layer } from '../../../provider/profile';
import { DiagnosticError, Diagnostics, type AttributePath } from '../../../provider/protocol/diagnostics';
import { layerDigest, type RenderedLayer } from '../../../provider/render';
import { applyOverridePatch, mergeValues, overrideDigest, sortOverrides, strategicMerge, type OverrideContent } from '../../../provider/reconcile/overrides';
import { renderWithOverrides } from '../../../provider/reconcile/overrides-render';
import { deleteRecord, emptyRecord, readRecord, writeRecord } from '../../../provider/reconcile/record';
import { readDefinitions, recordedOverrides, storeDefinitions, type Definitions } from '../../../provider/reconcile/record-definitions';
import { clusterOverrideResource } from '../../../provider/resources/cluster-override';
import { fakeObjects } from './fake-objects';

const ownPath = (_name: string, path: AttributePath) => path;

const deployment = (): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'web' },
  spec: {
    replicas: 2,
    template: {
      spec: {
        containers: [
          { name: 'api', image: 'api:1', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ name: 'http', containerPort: 80 }] },
          { name: 'sidecar', image: 'proxy:1' },
        ],
        tolerations: [{ key: 'a', operator: 'Exists' }],
      },
    },
  },
});

const secret = (): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'web' }, stringData: { password: 'hunter2-very-secret' } });

const override = (patches: OverrideContent['patches'], extra: Partial<OverrideContent> = {}): OverrideContent => ({ name: 'edge', layer: 'app', patches, ...extra });

/** The error a call throws, as a DiagnosticError. */
function failure(run: () => unknown): DiagnosticError {
  try {
    run();
  } catch (error) {
    if (error instanceof DiagnosticError) return error;
    throw error;
  }
  throw new Error('expected a DiagnosticError');
}

describe('values: merged as Helm merges values files', () => {
  test('maps merge key by key, a null removes a key, lists and scalars replace', () => {
    const base = { replicaCount: 1, image: { repository: 'r', tag: '1' }, hosts: ['a', 'b'], debug: true };
    expect(mergeValues(base, { image: { tag: '2' }, hosts: ['c'], debug: null })).toEqual({ replicaCount: 1, image: { repository: 'r', tag: '2' }, hosts: ['c'] });
    expect(base.image.tag).toBe('1');
  });
});

describe('merge_patch: strategic-merge-style', () => {
  test('lists of named items merge by name; $patch: delete removes one; new names are appended', () => {
    const patched = strategicMerge(deployment(), parse(`
spec:
  template:
    spec:
      containers:
        - name: api
          image: api:2
          env:
            - name: B
              value: "20"
            - name: C
              value: "3"
        - name: sidecar
          $patch: delete
`)) as KubeObject;
    const containers = patched.spec.template.spec.containers;
    expect(containers.map((c: any) => c.name)).toEqual(['api']);
    expect(containers[0].image).toBe('api:2');
    expect(containers[0].env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '20' }, { name: 'C', value: '3' }]);
    expect(containers[0].ports).toEqual([{ name: 'http', containerPort: 80 }]);
    expect(patched.spec.replicas).toBe(2);
  });

  test('other lists replace, a null removes a field, and the input is left alone', () => {
    const before = deployment();
    const patched = strategicMerge(before, { spec: { replicas: null, template: { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } } } }) as KubeObject;
    expect(patched.spec.replicas).toBeUndefined();
    expect(patched.spec.template.spec.tolerations).toEqual([{ key: 'b', operator: 'Exists' }]);
    expect(before).toEqual(deployment());
  });

  test('applyOverridePatch with merge_patch', () => {
    const o = override([{ target: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', namespace: 'web' }, mergePatch: 'spec: {replicas: 5}' }]);
    expect(applyOverridePatch(deployment(), o, 0, ownPath).spec.replicas).toBe(5);
  });
});

describe('json_patch: RFC 6902', () => {
  const target = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', namespace: 'web' };

  test('operations apply in order, as JSON or YAML', () => {
    const json = override([{ target, jsonPatch: '[{"op":"replace","path":"/spec/replicas","value":4},{"op":"add","path":"/metadata/labels","value":{"tier":"edge"}}]' }]);
    const patched = applyOverridePatch(deployment(), json, 0, ownPath);
    expect(patched.spec.replicas).toBe(4);
    expect(patched.metadata.labels).toEqual({ tier: 'edge' });
    const yaml = override([{ target, jsonPatch: '- {op: remove, path: /spec/template/spec/containers/1}' }]);
    expect(applyOverridePatch(deployment(), yaml, 0, ownPath).spec.template.spec.containers).toHaveLength(1);
  });

  test('an operation that fails names the override, the patch and the operation, and points at json_patch', () => {
    const o = override([{ target, jsonPatch: '[{"op":"replace","path":"/spec/replicas","value":4},{"op":"replace","path":"/spec/paused","value":true}]' }]);
    const error = failure(() => applyOverridePatch(deployment(), o, 0, ownPath));
    expect(error.summary).toBe('Cluster override does not apply');
    expect(error.path).toEqual(['patch', 0, 'json_patch']);
    expect(error.detail).toContain('override "edge" (layer "app"), patch 1 (target apps/v1 Deployment web/api): operation 2 (replace /spec/paused) fails: its path does not exist in the object');
  });

  test('a failing test on a Secret never shows its data', () => {
    const o = override([{ target: { apiVersion: 'v1', kind: 'Secret', name: 'db', namespace: 'web' }, jsonPatch: '[{"op":"test","path":"/stringData/password","value":"guess"}]' }]);
    const error = failure(() => applyOverridePatch(secret(), o, 0, ownPath));
    expect(error.detail).toContain('operation 1 (test /stringData/password) fails: the value at its path is not the one the test expects');
    expect(`${error.summary} ${error.detail}`).not.toContain('hunter2');
  });

  test('a cluster plan points at its profile, whatever the override', () => {
    const o = override([{ target, jsonPatch: '[{"op":"remove","path":"/nope"}]' }]);
    expect(failure(() => applyOverridePatch(deployment(), o, 0, () => ['profile'])).path).toEqual(['profile']);
  });

  test('invalid text, a patch that is not a list, and a change of identity are refused', () => {
    const notYaml = failure(() => applyOverridePatch(deployment(), override([{ target, jsonPatch: '[{"op": ' }]), 0, ownPath));
    expect([notYaml.summary, notYaml.path]).toEqual(['Invalid override', ['patch', 0, 'json_patch']]);
    const notList = failure(() => applyOverridePatch(deployment(), override([{ target, jsonPatch: '{"op":"remove"}' }]), 0, ownPath));
    expect([notList.summary, notList.path]).toEqual(['Invalid override', ['patch', 0, 'json_patch']]);
    const notMap = failure(() => applyOverridePatch(deployment(), override([{ target, mergePatch: '- 1' }]), 0, ownPath));
    expect([notMap.summary, notMap.path]).toEqual(['Invalid override', ['patch', 0, 'merge_patch']]);
    const renamed = failure(() => applyOverridePatch(deployment(), override([{ target, mergePatch: 'metadata: {name: other}' }]), 0, ownPath));
    expect([renamed.summary, renamed.path]).toEqual(['Cluster override does not apply', ['patch', 0, 'merge_patch']]);
  });
});

describe('order and digest', () => {
  test('overrides of a layer apply by name; the digest covers the content', () => {
    const list = [{ name: 'b', layer: 'app' }, { name: 'a', layer: 'base' }, { name: 'a', layer: 'app' }];
    expect(sortOverrides(list).map((o) => `${o.layer}/${o.name}`)).toEqual(['app/a', 'app/b', 'base/a']);
    expect(overrideDigest(override([], { values: 'a: 1' }))).not.toBe(overrideDigest(override([], { values: 'a: 2' })));
    expect(overrideDigest(override([], { values: 'a: 1' }))).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('renderWithOverrides', () => {
  // A stand-in renderer: a helm layer's values become the data of ConfigMap web/<layer>, plus a fixed Service.
  const render = async (layers: Layer[]): Promise<RenderedLayer[]> => layers.map((layer) => {
    const objects: KubeObject[] = layer.helm
      ? [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: layer.name, namespace: 'web' }, data: parse(layer.helm.values ?? '{}') ?? {} },
        { apiVersion: 'v1', kind: 'Service', metadata: { name: layer.name, namespace: 'web' }, spec: { ports: [{ port: 80 }] } }]
      : parse(layer.manifest!.content);
    return { name: layer.name, type: layer.helm ? 'helm' : 'manifest', digest: layerDigest(objects, []), objects, hooks: [] };
  });
  const layers: Layer[] = [
    { name: 'base', manifest: { content: '[{apiVersion: v1, kind: ConfigMap, metadata: {name: settings, namespace: web}, data: {mode: production}}]' } },
    { name: 'app', helm: { chart: 'web-app', values: 'greeting: hello\nsize: 1' } },
  ];

  test('values merge before the render, patches after; overriddenBy names the overrides per object', async () => {
    const result = await renderWithOverrides(layers, [
      { name: 'z-size', layer: 'app', values: 'size: 3', patches: [] },
      { name: 'a-greeting', layer: 'app', values: 'greeting: hi\nsize: 2', patches: [] },
      { name: 'mode', layer: 'base', patches: [{ target: { apiVersion: 'v1', kind: 'ConfigMap', name: 'settings', namespace: 'web' }, jsonPatch: '[{op: replace, path: /data/mode, value: edge}]' }] },
    ], render);
    expect(result.orphans).toEqual([]);
    const [base, app] = result.layers;
    expect(app!.objects[0]!.data).toEqual({ greeting: 'hi', size: 3 }); // z-size comes after a-greeting
    expect(app!.overriddenBy).toEqual(new Map([['core/ConfigMap/web/app', ['a-greeting', 'z-size']]]));
    expect(base!.objects[0]!.data).toEqual({ mode: 'edge' });
    expect(base!.overriddenBy).toEqual(new Map([['core/ConfigMap/web/settings', ['mode']]]));
    expect(base!.digest).toBe(layerDigest(base!.objects, []));
    expect(base!.digest).not.toBe((await render([layers[0]!]))[0]!.digest);
  });

  test('an override whose layer or target is gone is orphaned, not dropped, and the rest still applies', async () => {
    const result = await renderWithOverrides([layers[0]!], [
      { name: 'gone-layer', layer: 'app', values: 'size: 3', patches: [] },
      { name: 'gone-target', layer: 'base', patches: [{ target: { apiVersion: 'v1', kind: 'ConfigMap', name: 'other', namespace: 'web' }, mergePatch: 'data: {a: b}' }] },
    ], render);
    expect(result.orphans).toEqual([
      { name: 'gone-layer', layer: 'app', reason: 'the profile the cluster runs has no layer "app"' },
      { name: 'gone-target', layer: 'base', reason: 'layer "base" renders no v1 ConfigMap web/other (patch 1)' },
    ]);
    expect(result.layers[0]!.objects).toEqual((await render([layers[0]!]))[0]!.objects);
  });

  test('values on a layer that is not a Helm layer are orphaned; without overrides nothing changes', async () => {
    const result = await renderWithOverrides(layers, [{ name: 'v', layer: 'base', values: 'a: 1', patches: [] }], render);
    expect(result.orphans).toEqual([{ name: 'v', layer: 'base', reason: 'layer "base" is not a Helm layer now, so its values do not apply' }]);
    const plain = await renderWithOverrides(layers, [], render);
    expect(plain.layers.every((l) => l.overriddenBy === undefined)).toBe(true);
  });

  test('a patch that no longer applies fails the cluster\'s plan on its profile', async () => {
    const error = await renderWithOverrides(layers, [
      { name: 'mode', layer: 'base', patches: [{ target: { apiVersion: 'v1', kind: 'ConfigMap', name: 'settings', namespace: 'web' }, jsonPatch: '[{op: replace, path: /data/level, value: x}]' }] },
    ], render).catch((e) => e);
    expect(error).toBeInstanceOf(DiagnosticError);
    expect([error.summary, error.path]).toEqual(['Cluster override does not apply', ['profile']]);
    expect(error.detail).toContain('override "mode" (layer "base"), patch 1 (target v1 ConfigMap web/settings): operation 1 (replace /data/level) fails');
  });
});

describe('the record keeps overrides, and their content in a definitions Secret', () => {
  const definitions: Definitions = {
    layers: [{ name: 'base', manifest: { content: 'kind: Secret\nstringData: {password: hunter2-very-secret}' } }],
    overrides: [{ name: 'edge', layer: 'base', values: 'a: 1', patches: [] }],
    settings: { options: { wait: true, timeoutMs: 1000, prune: true, forceConflicts: false, adoptExisting: false, recreateOnImmutable: false, deleteCrdsWithResources: false }, ignoreFields: [] },
  };

  function setup() {
    const fake = fakeObjects();
    fake.objects.set('Namespace/undefined/strata-system', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'strata-system' } });
    return fake;
  }

  test('round trip: the head lists the overrides, the Secret holds the content, the ConfigMaps hold no Secret data', async () => {
    const fake = setup();
    const ref = await storeDefinitions(fake.client, 'edge-1', definitions);
    expect(ref!.secret).toMatch(/^strata-definitions-edge-1-[0-9a-f]{20}$/);
    const entry = { name: 'edge', layer: 'base', digest: overrideDigest(definitions.overrides[0]!), by: 'me@host', time: '2026-01-01T00:00:00Z' };
    await writeRecord(fake.client, { record: { ...emptyRecord('edge-1'), definitions: ref, overrides: [entry] } });
    const stored = (await readRecord(fake.client, 'edge-1'))!;
    expect(stored.record.overrides).toEqual([entry]);
    expect(await readDefinitions(fake.client, stored.record)).toEqual(definitions);
    const configMaps = [...fake.objects.values()].filter((o) => o.kind === 'ConfigMap');
    expect(JSON.stringify(configMaps)).not.toContain('hunter2');
    expect(fake.objects.get(`Secret/strata-system/${ref!.secret}`)!.immutable).toBe(true);
  });

  test('a head that names other definitions removes the old Secret; deleting the record removes it too', async () => {
    const fake = setup();
    const first = await storeDefinitions(fake.client, 'edge-1', definitions);
    let stored = await writeRecord(fake.client, { record: { ...emptyRecord('edge-1'), definitions: first } });
    const second = await storeDefinitions(fake.client, 'edge-1', { ...definitions, overrides: [] });
    stored = await writeRecord(fake.client, { ...stored, record: { ...stored.record, definitions: second } });
    const secrets = () => [...fake.objects.values()].filter((o) => o.kind === 'Secret').map((o) => o.metadata.name);
    expect(secrets()).toEqual([second!.secret]);
    await deleteRecord(fake.client, 'edge-1');
    expect(secrets()).toEqual([]);
  });

  test('missing or tampered definitions fail with a diagnostic on cluster_id', async () => {
    const fake = setup();
    const none = await readDefinitions(fake.client, emptyRecord('edge-1')).catch((e) => e);
    expect([none.summary, none.path]).toEqual(['Cluster definitions are not available', ['cluster_id']]);
    const ref = (await storeDefinitions(fake.client, 'edge-1', definitions))!;
    const tampered = await readDefinitions(fake.client, { ...emptyRecord('edge-1'), definitions: { ...ref, sha256: '0'.repeat(64) } }).catch((e) => e);
    expect([tampered.summary, tampered.path]).toEqual(['Cluster definitions are not available', ['cluster_id']]);
    expect(tampered.detail).toContain('changed after Strata wrote it');
    const listed = { ...emptyRecord('edge-1'), overrides: [{ name: 'edge', layer: 'base', digest: ref.sha256, by: 'me', time: 'now' }] };
    const forCluster = await recordedOverrides(fake.client, listed).catch((e) => e);
    expect([forCluster.summary, forCluster.path]).toEqual(['Cluster definitions are not available', ['name']]);
    expect(await recordedOverrides(fake.client, emptyRecord('edge-1'))).toEqual([]);
  });
});

describe('strata_cluster_override validation', () => {
  const validate = (config: Record<string, unknown>) => {
    const diagnostics = new Diagnostics();
    clusterOverrideResource.validate!({ cluster_id: 'edge-1', name: 'edge', layer: 'app', values: null, patch: [], ...config } as never, diagnostics);
    return diagnostics.items.map((d) => [d.summary, d.path]);
  };
  const target = { api_version: 'v1', kind: 'ConfigMap', name: 'settings', namespace: 'web' };

  test('an override sets values or a patch; each patch exactly one of merge_patch and json_patch, and a target', () => {
    expect(validate({})).toEqual([['Empty override', ['values']]]);
    expect(validate({ values: 'a: 1' })).toEqual([]);
    expect(validate({ patch: [{ target, merge_patch: 'a: 1', json_patch: null }] })).toEqual([]);
    expect(validate({ patch: [{ target, merge_patch: 'a: 1', json_patch: '[]' }] })).toEqual([['Invalid patch', ['patch', 0]]]);
    expect(validate({ patch: [{ target: null, merge_patch: null, json_patch: '[]' }] })).toEqual([['Invalid patch', ['patch', 0]]]);
  });

  test('the name is a DNS label', () => {
    const [validator] = clusterOverrideResource.schema.attributes.name!.validators!;
    expect(validator!('edge-replicas')).toBeUndefined();
    expect(validator!('Edge_Replicas')).toContain('is not a DNS label');
  });
});

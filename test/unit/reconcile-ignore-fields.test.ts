// Fields left to other controllers: the path syntax, which rules match which objects, and removal
// from a copy (the rendered object is never changed).
import { parseFieldPath, withoutIgnoredFields, type IgnoreRule } from '../../provider/reconcile/ignore-fields';
import type { KubeObject } from '../../provider/render';

const deployment = (): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace: 'web', labels: { app: 'api' }, annotations: { 'example.com/x': 'mine', 'example.com/y': 'kept', plain: 'p' } },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'api' } },
    template: {
      metadata: { labels: { app: 'api' } },
      spec: { containers: [{ name: 'api', image: 'api:1', resources: { limits: { cpu: '1' } } }, { name: 'proxy', image: 'proxy:1', resources: { limits: { cpu: '2' } } }] },
    },
  },
});

const webhooks = (): KubeObject => ({
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'ValidatingWebhookConfiguration',
  metadata: { name: 'web-webhook' },
  webhooks: [
    { name: 'a.example.com', clientConfig: { service: { name: 'web', namespace: 'web' }, caBundle: 'Q0E=' } },
    { name: 'b.example.com', clientConfig: { url: 'https://b.example.com' } },
  ],
});

describe('parseFieldPath', () => {
  test('dot-separated field names', () => {
    expect(parseFieldPath('spec.replicas')).toEqual([{ type: 'field', name: 'spec' }, { type: 'field', name: 'replicas' }]);
    expect(parseFieldPath('data')).toEqual([{ type: 'field', name: 'data' }]);
  });

  test('[*], [N] and ["key"]', () => {
    expect(parseFieldPath('webhooks[*].clientConfig.caBundle')).toEqual([
      { type: 'field', name: 'webhooks' },
      { type: 'each' },
      { type: 'field', name: 'clientConfig' },
      { type: 'field', name: 'caBundle' },
    ]);
    expect(parseFieldPath('spec.containers[10].image')).toEqual([
      { type: 'field', name: 'spec' },
      { type: 'field', name: 'containers' },
      { type: 'index', index: 10 },
      { type: 'field', name: 'image' },
    ]);
    expect(parseFieldPath('metadata.annotations["example.com/x"]')).toEqual([
      { type: 'field', name: 'metadata' },
      { type: 'field', name: 'annotations' },
      { type: 'field', name: 'example.com/x' },
    ]);
    expect(parseFieldPath('a[0][*]["k.\\"q\\""].b')).toEqual([
      { type: 'field', name: 'a' },
      { type: 'index', index: 0 },
      { type: 'each' },
      { type: 'field', name: 'k."q"' },
      { type: 'field', name: 'b' },
    ]);
    expect(parseFieldPath('["spec"].replicas')).toEqual([{ type: 'field', name: 'spec' }, { type: 'field', name: 'replicas' }]);
  });

  test.each([
    ['', 'the path is empty at character 1'],
    ['spec..replicas', 'expected a field name at character 6'],
    ['.spec', 'expected a field name at character 1'],
    ['spec.', 'expected a field name at character 6'],
    ['spec. replicas', 'expected a field name at character 6'],
    ['webhooks.[*].caBundle', 'no dot before "["; write a[0], not a.[0] at character 10'],
    ['webhooks[x].caBundle', 'expected [*], [N] or ["key"] (with double quotes) at character 9'],
    ['webhooks[-1].caBundle', 'expected [*], [N] or ["key"] (with double quotes) at character 9'],
    ["metadata.annotations['example.com/x']", 'expected [*], [N] or ["key"] (with double quotes) at character 21'],
    ['metadata.annotations["example.com/x"', 'expected [*], [N] or ["key"] (with double quotes) at character 21'],
    ['metadata.annotations["\\q"]', '"\\q" is not a valid JSON string at character 21'],
    ['a[99999999999999999999].b', 'the index 99999999999999999999 is too large at character 2'],
    ['spec"replicas', 'unexpected "\\"" at character 5'],
  ])('bad syntax: %j', (path, what) => {
    expect(() => parseFieldPath(path)).toThrow(`field path ${JSON.stringify(path)}: ${what}. Write field names separated by dots, [*] for every element`);
  });

  test('a path ends in a field, not in list elements', () => {
    expect(() => parseFieldPath('webhooks[*]')).toThrow(
      'field path "webhooks[*]" ends in list elements; end it in a field name or ["key"], or name the list itself (e.g. webhooks) to leave all of it to the other controller.',
    );
    expect(() => parseFieldPath('spec.containers[1]')).toThrow(/ends in list elements/);
  });

  test.each(['apiVersion', 'kind', 'metadata', 'metadata.name', 'metadata["namespace"]'])('the object\'s identity cannot be ignored: %s', (path) => {
    expect(() => parseFieldPath(path)).toThrow(`field path ${JSON.stringify(path)} names the object's identity`);
  });

  test('fields inside metadata can be ignored', () => {
    expect(parseFieldPath('metadata.labels.team')).toHaveLength(3);
  });
});

describe('withoutIgnoredFields', () => {
  test('a field: spec.replicas of a Deployment under an HPA; the empty parent stays', () => {
    const result = withoutIgnoredFields(deployment(), [{ kind: 'Deployment', paths: ['spec.replicas'] }]);
    expect(result.spec.replicas).toBeUndefined();
    expect(result.spec.selector).toEqual({ matchLabels: { app: 'api' } });
    const scaled: KubeObject = { apiVersion: 'example.com/v1', kind: 'Scaled', metadata: { name: 's' }, spec: { replicas: 2 } };
    expect(withoutIgnoredFields(scaled, [{ kind: 'Scaled', paths: ['spec.replicas'] }]).spec).toEqual({});
  });

  test('[*]: the CA bundle that cert-manager injects into every webhook', () => {
    const result = withoutIgnoredFields(webhooks(), [
      { apiVersion: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration', name: 'web-webhook', paths: ['webhooks[*].clientConfig.caBundle'] },
    ]);
    expect(result.webhooks).toEqual([
      { name: 'a.example.com', clientConfig: { service: { name: 'web', namespace: 'web' } } },
      { name: 'b.example.com', clientConfig: { url: 'https://b.example.com' } },
    ]);
  });

  test('[N]: one element of a list', () => {
    const result = withoutIgnoredFields(deployment(), [{ kind: 'Deployment', paths: ['spec.template.spec.containers[1].resources', 'spec.template.spec.containers[7].image'] }]);
    expect(result.spec.template.spec.containers).toEqual([
      { name: 'api', image: 'api:1', resources: { limits: { cpu: '1' } } },
      { name: 'proxy', image: 'proxy:1' },
    ]);
  });

  test('["key"]: an annotation with dots and slashes; the map keeps its other keys, or stays empty', () => {
    const result = withoutIgnoredFields(deployment(), [{ kind: 'Deployment', paths: ['metadata.annotations["example.com/x"]', 'metadata.labels["app"]'] }]);
    expect(result.metadata.annotations).toEqual({ 'example.com/y': 'kept', plain: 'p' });
    expect(result.metadata.labels).toEqual({});
    expect(result.metadata).toMatchObject({ name: 'api', namespace: 'web' });
  });

  test('spec.caBundle of an APIService, by kind alone', () => {
    const apiService: KubeObject = {
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: 'v1beta1.metrics.k8s.io' },
      spec: { group: 'metrics.k8s.io', version: 'v1beta1', caBundle: 'Q0E=', service: { name: 'metrics-server', namespace: 'kube-system' } },
    };
    expect(withoutIgnoredFields(apiService, [{ kind: 'APIService', paths: ['spec.caBundle'] }]).spec).not.toHaveProperty('caBundle');
  });

  test('apiVersion matches by group: apps and apps/v1 match apps/v1 and apps/v2; v1 is the core group', () => {
    const rule = (apiVersion: string): IgnoreRule[] => [{ apiVersion, kind: 'Deployment', paths: ['spec.replicas'] }];
    expect(withoutIgnoredFields(deployment(), rule('apps')).spec.replicas).toBeUndefined();
    expect(withoutIgnoredFields(deployment(), rule('apps/v1')).spec.replicas).toBeUndefined();
    expect(withoutIgnoredFields({ ...deployment(), apiVersion: 'apps/v2' }, rule('apps/v1')).spec.replicas).toBeUndefined();
    expect(withoutIgnoredFields(deployment(), rule('extensions/v1beta1')).spec.replicas).toBe(3);
    expect(withoutIgnoredFields(deployment(), rule('v1')).spec.replicas).toBe(3);
    const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1', b: '2' } };
    expect(withoutIgnoredFields(configMap, [{ apiVersion: 'v1', kind: 'ConfigMap', paths: ['data.a'] }]).data).toEqual({ b: '2' });
    expect(withoutIgnoredFields(configMap, [{ apiVersion: 'apps', kind: 'ConfigMap', paths: ['data.a'] }]).data).toEqual({ a: '1', b: '2' });
  });

  test('rules that do not match leave the object as it is: another kind, name or namespace', () => {
    const rules: IgnoreRule[] = [
      { kind: 'StatefulSet', paths: ['spec.replicas'] },
      { kind: 'Deployment', name: 'other', paths: ['spec.replicas'] },
      { kind: 'Deployment', namespace: 'other', paths: ['spec.replicas'] },
      { kind: 'deployment', paths: ['spec.replicas'] },
    ];
    expect(withoutIgnoredFields(deployment(), rules)).toEqual(deployment());
    // A name and namespace that match, and empty ones, which match any.
    expect(withoutIgnoredFields(deployment(), [{ kind: 'Deployment', name: 'api', namespace: 'web', paths: ['spec.replicas'] }]).spec.replicas).toBeUndefined();
    expect(withoutIgnoredFields(deployment(), [{ apiVersion: '', kind: 'Deployment', name: '', namespace: '', paths: ['spec.replicas'] }]).spec.replicas).toBeUndefined();
    // A cluster-scoped object has no namespace, so a rule with one never matches it.
    expect(withoutIgnoredFields(webhooks(), [{ kind: 'ValidatingWebhookConfiguration', namespace: 'web', paths: ['webhooks[*].clientConfig.caBundle'] }])).toEqual(webhooks());
  });

  test('missing fields and steps that meet another type remove nothing', () => {
    const rules: IgnoreRule[] = [
      {
        kind: 'Deployment',
        paths: ['spec.strategy.rollingUpdate', 'spec.replicas.value', 'spec[*].x', 'spec.template.spec.containers.image', 'spec.selector[0].app', 'status.replicas'],
      },
    ];
    expect(withoutIgnoredFields(deployment(), rules)).toEqual(deployment());
  });

  test('the given object is never changed, and the result shares nothing with it', () => {
    const original = deployment();
    const result = withoutIgnoredFields(original, [{ kind: 'Deployment', paths: ['spec.replicas', 'metadata.annotations["example.com/x"]'] }]);
    expect(original).toEqual(deployment());
    const untouched = withoutIgnoredFields(original, []);
    expect(untouched).toEqual(original);
    expect(untouched).not.toBe(original);
    result.spec.template.spec.containers[0].image = 'changed';
    untouched.metadata.labels.app = 'changed';
    expect(original).toEqual(deployment());
  });

  test('a bad path is an error even in a rule that matches nothing', () => {
    expect(() => withoutIgnoredFields(deployment(), [{ kind: 'StatefulSet', paths: ['spec..replicas'] }])).toThrow(/^field path "spec\.\.replicas": expected a field name/);
  });
});

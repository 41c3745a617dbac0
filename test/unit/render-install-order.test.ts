import { applyStages, pruneOrder } from '../../provider/render/install-order';
import type { KubeObject } from '../../provider/profile/kube-object';

const obj = (apiVersion: string, kind: string, name: string, namespace?: string): KubeObject => ({
  apiVersion,
  kind,
  metadata: namespace === undefined ? { name } : { name, namespace },
});
const ids = (objects: KubeObject[]) => objects.map((o) => `${o.kind}/${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`);

// A layer as a chart renders it: in no useful order.
const mixed = (): KubeObject[] => [
  obj('apps/v1', 'Deployment', 'web', 'shop'),
  obj('cert-manager.io/v1', 'Certificate', 'web-tls', 'shop'),
  obj('v1', 'Service', 'web', 'shop'),
  obj('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', 'shop-webhook'),
  obj('v1', 'ConfigMap', 'web-config', 'shop'),
  obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'widgets.example.com'),
  obj('apps/v1', 'Deployment', 'api', 'shop'),
  obj('example.com/v1', 'Widget', 'gadget', 'shop'),
  obj('v1', 'Namespace', 'shop'),
  obj('rbac.authorization.k8s.io/v1', 'ClusterRole', 'shop-reader'),
  obj('v1', 'ServiceAccount', 'web', 'shop'),
  obj('apps/v1', 'Deployment', 'api', 'admin'),
  obj('v1', 'Secret', 'web-creds', 'shop'),
  obj('v1', 'Namespace', 'admin'),
  obj('networking.k8s.io/v1', 'Ingress', 'web', 'shop'),
  obj('batch/v1', 'Job', 'migrate', 'shop'),
  obj('apps/v1', 'StatefulSet', 'db', 'shop'),
  obj('cert-manager.io/v1', 'Issuer', 'self-signed', 'shop'),
];

const EXPECTED_STAGES = [
  ['Namespace/admin', 'Namespace/shop', 'CustomResourceDefinition/widgets.example.com'],
  [
    'ServiceAccount/shop/web',
    'Secret/shop/web-creds',
    'ConfigMap/shop/web-config',
    'ClusterRole/shop-reader',
    'Service/shop/web',
    'Deployment/admin/api',
    'Deployment/shop/api',
    'Deployment/shop/web',
    'StatefulSet/shop/db',
    'Job/shop/migrate',
    'Ingress/shop/web',
    'ValidatingWebhookConfiguration/shop-webhook',
    // Unknown kinds last, by kind name.
    'Certificate/shop/web-tls',
    'Issuer/shop/self-signed',
    'Widget/shop/gadget',
  ],
];

describe('applyStages', () => {
  it('puts Namespaces and CRDs first, then the rest in install order', () => {
    expect(applyStages(mixed()).map(ids)).toEqual(EXPECTED_STAGES);
  });

  it('gives the same stages whatever the input order', () => {
    const input = mixed();
    for (const shuffled of [[...input].reverse(), [...input.slice(7), ...input.slice(0, 7)]]) {
      expect(applyStages(shuffled).map(ids)).toEqual(EXPECTED_STAGES);
    }
  });

  it('breaks ties by namespace, then name, cluster-scoped first', () => {
    const stages = applyStages([
      obj('v1', 'ConfigMap', 'b', 'x'),
      obj('v1', 'ConfigMap', 'a', 'y'),
      obj('v1', 'ConfigMap', 'a', 'x'),
      obj('v1', 'ConfigMap', 'z'),
    ]);
    expect(stages.map(ids)).toEqual([['ConfigMap/z', 'ConfigMap/x/a', 'ConfigMap/x/b', 'ConfigMap/y/a']]);
  });

  it('orders Helm kinds as Helm installs them', () => {
    const kinds = ['Deployment', 'PriorityClass', 'ConfigMap', 'HorizontalPodAutoscaler', 'PersistentVolumeClaim', 'DaemonSet', 'RoleBinding', 'Role', 'MutatingWebhookConfiguration', 'CronJob'];
    const [stage] = applyStages(kinds.map((kind) => obj('v1', kind, 'x', 'ns')));
    expect(stage!.map((o) => o.kind)).toEqual([
      'PriorityClass', 'ConfigMap', 'PersistentVolumeClaim', 'Role', 'RoleBinding', 'DaemonSet', 'Deployment',
      'HorizontalPodAutoscaler', 'CronJob', 'MutatingWebhookConfiguration',
    ]);
  });

  it('leaves out empty stages and returns the given objects, not copies', () => {
    expect(applyStages([])).toEqual([]);
    const cm = obj('v1', 'ConfigMap', 'only', 'ns');
    const stages = applyStages([cm]);
    expect(stages).toHaveLength(1);
    expect(stages[0]![0]).toBe(cm);
    const ns = obj('v1', 'Namespace', 'only');
    expect(applyStages([ns])).toEqual([[ns]]);
  });

  it('does not change its input', () => {
    const input = mixed();
    const before = ids(input);
    applyStages(input);
    expect(ids(input)).toEqual(before);
  });
});

describe('pruneOrder', () => {
  it('is the reverse of install order, CRDs and Namespaces last', () => {
    const order = ids(pruneOrder(mixed()));
    expect(order).toEqual([...EXPECTED_STAGES[1]!].reverse().concat([...EXPECTED_STAGES[0]!].reverse()));
    expect(order.slice(-3)).toEqual(['CustomResourceDefinition/widgets.example.com', 'Namespace/shop', 'Namespace/admin']);
    expect(order.indexOf('Deployment/shop/web')).toBeLessThan(order.indexOf('ConfigMap/shop/web-config'));
    expect(order.indexOf('ValidatingWebhookConfiguration/shop-webhook')).toBeLessThan(order.indexOf('Service/shop/web'));
  });

  it('keeps extra properties on the objects it is given', () => {
    const tagged = [obj('v1', 'Namespace', 'a'), obj('v1', 'ConfigMap', 'c', 'a')].map((o, i) => ({ ...o, __entry: i }));
    expect(pruneOrder(tagged).map((o) => (o as (typeof tagged)[number]).__entry)).toEqual([1, 0]);
  });
});

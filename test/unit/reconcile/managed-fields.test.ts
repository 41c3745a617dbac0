import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../provider/profile/canonical';
import { ownedDigest, ownedFields } from '../../../provider/reconcile/managed-fields';
import type { KubeObject } from '../../../provider/profile/kube-object';

const k = (key: Record<string, unknown>) => `k:${JSON.stringify(key)}`;
const v = (value: unknown) => `v:${JSON.stringify(value)}`;

/** Strata's server-side apply of the Deployment, as the API server records it. */
const strataFields = () => ({
  'f:metadata': {
    'f:finalizers': { '.': {}, [v('example.com/protect')]: {} },
    'f:labels': { '.': {}, 'f:app': {}, 'f:app.kubernetes.io/managed-by': {} },
  },
  'f:spec': {
    'f:replicas': {},
    'f:selector': {},
    'f:template': {
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': {
        'f:containers': {
          [k({ name: 'web' })]: {
            '.': {},
            'f:env': {
              [k({ name: 'LOG_LEVEL' })]: { '.': {}, 'f:name': {}, 'f:value': {} },
              [k({ name: 'PORT' })]: { '.': {}, 'f:name': {}, 'f:value': {} },
            },
            'f:image': {},
            'f:name': {},
            'f:ports': { [k({ containerPort: 8080, protocol: 'TCP' })]: { '.': {}, 'f:containerPort': {}, 'f:name': {} } },
            'f:resources': {},
          },
          [k({ name: 'metrics' })]: { '.': {}, 'f:image': {}, 'f:name': {} },
        },
      },
    },
  },
});

/** A Deployment as `kubectl get -o json` shows it after Strata applied it and others touched it. */
function deployment(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'shop',
      uid: '6f1c2a8e-1b8f-4f0e-9a55-0d2b7f6e9c11',
      resourceVersion: '91823',
      generation: 2,
      creationTimestamp: '2025-01-01T00:00:00Z',
      labels: { app: 'web', 'app.kubernetes.io/managed-by': 'strata', team: 'payments' },
      annotations: { 'deployment.kubernetes.io/revision': '2' },
      finalizers: ['example.com/protect', 'other.io/hold'],
      managedFields: [
        { manager: 'strata', operation: 'Apply', apiVersion: 'apps/v1', time: '2025-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: strataFields() },
        {
          manager: 'kubectl-label', operation: 'Update', apiVersion: 'apps/v1', time: '2025-01-02T00:00:00Z', fieldsType: 'FieldsV1',
          fieldsV1: { 'f:metadata': { 'f:labels': { 'f:team': {} }, 'f:finalizers': { [v('other.io/hold')]: {} } } },
        },
        {
          manager: 'kubectl-edit', operation: 'Update', apiVersion: 'apps/v1', time: '2025-01-03T00:00:00Z', fieldsType: 'FieldsV1',
          fieldsV1: {
            'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { [k({ name: 'web' })]: {
              'f:env': { [k({ name: 'DEBUG' })]: { '.': {}, 'f:name': {}, 'f:value': {} } },
              'f:resources': { 'f:limits': { '.': {}, 'f:cpu': {} } },
            } } } } },
          },
        },
        {
          manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'apps/v1', time: '2025-01-03T00:00:05Z', fieldsType: 'FieldsV1',
          fieldsV1: { 'f:metadata': { 'f:annotations': { '.': {}, 'f:deployment.kubernetes.io/revision': {} } } },
        },
        {
          manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'apps/v1', time: '2025-01-03T00:00:05Z', fieldsType: 'FieldsV1', subresource: 'status',
          fieldsV1: { 'f:status': { 'f:availableReplicas': {}, 'f:observedGeneration': {}, 'f:readyReplicas': {}, 'f:replicas': {}, 'f:updatedReplicas': {} } },
        },
      ],
    },
    spec: {
      replicas: 2,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'nginx:1.27',
              env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'DEBUG', value: 'true' }, { name: 'PORT', value: '8080' }],
              ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
              resources: { limits: { cpu: '500m' } },
              imagePullPolicy: 'IfNotPresent',
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
            },
            { name: 'metrics', image: 'prom/statsd-exporter:v0.26.0', imagePullPolicy: 'IfNotPresent', resources: {} },
          ],
          restartPolicy: 'Always',
          dnsPolicy: 'ClusterFirst',
          schedulerName: 'default-scheduler',
        },
      },
    },
    status: { observedGeneration: 2, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 },
  };
}

const STRATA_OWNED = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'shop',
    labels: { app: 'web', 'app.kubernetes.io/managed-by': 'strata' },
    finalizers: ['example.com/protect'],
  },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'PORT', value: '8080' }],
            ports: [{ name: 'http', containerPort: 8080 }],
            resources: {},
          },
          { name: 'metrics', image: 'prom/statsd-exporter:v0.26.0' },
        ],
      },
    },
  },
};

/** Moves the field at `path` (FieldsV1 keys) from Strata's Apply entry to a new Update entry of `manager`. */
function moveToManager(live: KubeObject, manager: string, path: string[]): void {
  const entries = live.metadata.managedFields as { manager: string; fieldsV1: any }[];
  let node = entries.find((e) => e.manager === 'strata')!.fieldsV1;
  for (const key of path.slice(0, -1)) node = node[key];
  delete node[path.at(-1)!];
  const taken: Record<string, unknown> = {};
  let into = taken;
  for (const key of path.slice(0, -1)) into = (into[key] = {}) as Record<string, unknown>;
  into[path.at(-1)!] = {};
  entries.push({ manager, operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: taken } as never);
}

describe('ownedFields', () => {
  it('projects a Deployment onto what Strata applied', () => {
    expect(ownedFields(deployment(), 'strata')).toEqual(STRATA_OWNED);
  });

  it('keeps list elements by key in live order and leaves out other managers\' elements', () => {
    const owned = ownedFields(deployment(), 'strata') as any;
    const [web, metrics] = owned.spec.template.spec.containers;
    expect(web.env.map((e: { name: string }) => e.name)).toEqual(['LOG_LEVEL', 'PORT']);
    expect(web).not.toHaveProperty('imagePullPolicy');
    expect(metrics).toEqual({ name: 'metrics', image: 'prom/statsd-exporter:v0.26.0' });
    expect(owned.metadata).not.toHaveProperty('annotations');
    expect(owned.metadata.labels).not.toHaveProperty('team');
    expect(owned).not.toHaveProperty('status');
  });

  it('a wholly owned value leaves out what other managers own inside it', () => {
    // Strata applied `resources: {}`; kubectl-edit later set resources.limits.cpu.
    const owned = ownedFields(deployment(), 'strata') as any;
    expect(owned.spec.template.spec.containers[0].resources).toEqual({});
    // The atomic selector is owned as a whole, with everything in it.
    expect(owned.spec.selector).toEqual({ matchLabels: { app: 'web' } });
  });

  it('matches set elements by value', () => {
    expect(ownedFields(deployment(), 'strata').metadata).toHaveProperty('finalizers', ['example.com/protect']);
    // kubectl-label owns the other finalizer through an Update; seen as an Apply it projects to that element alone.
    const applied = deployment();
    applied.metadata.managedFields[1].operation = 'Apply';
    expect(ownedFields(applied, 'kubectl-label').metadata).toEqual({ name: 'web', namespace: 'shop', labels: { team: 'payments' }, finalizers: ['other.io/hold'] });
  });

  it('counts Apply operations only, and always names the object', () => {
    const identity = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } };
    expect(ownedFields(deployment(), 'kube-controller-manager')).toEqual(identity);
    expect(ownedFields(deployment(), 'nobody')).toEqual(identity);
    const bare = deployment();
    delete bare.metadata.managedFields;
    expect(ownedFields(bare, 'strata')).toEqual(identity);
  });

  it('matches list elements by index and by multi-field keys with numbers', () => {
    const service: KubeObject = {
      apiVersion: 'v1', kind: 'Service', metadata: {
        name: 'dns', namespace: 'kube-system',
        managedFields: [{ manager: 'strata', operation: 'Apply', fieldsType: 'FieldsV1', fieldsV1: {
          'f:spec': { 'f:ports': { [k({ port: 53, protocol: 'UDP' })]: { '.': {}, 'f:port': {}, 'f:protocol': {} } } },
          'f:status': { 'f:loadBalancer': { 'f:ingress': { 'i:1': { 'f:ip': {} } } } },
        } }],
      },
      spec: { ports: [{ port: 53, protocol: 'TCP', targetPort: 53 }, { port: 53, protocol: 'UDP', targetPort: 53 }], clusterIP: '10.96.0.10' },
      status: { loadBalancer: { ingress: [{ ip: '192.0.2.1' }, { ip: '192.0.2.2', ipMode: 'VIP' }] } },
    };
    expect(ownedFields(service, 'strata')).toEqual({
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'dns', namespace: 'kube-system' },
      spec: { ports: [{ port: 53, protocol: 'UDP' }] },
      status: { loadBalancer: { ingress: [{ ip: '192.0.2.2' }] } },
    });
  });
});

describe('ownedDigest', () => {
  const digest = (live: KubeObject) => ownedDigest(live, 'strata');

  it('is sha256 of the canonical JSON of the owned fields', () => {
    const expected = createHash('sha256').update(canonicalJson(STRATA_OWNED)).digest('hex');
    expect(digest(deployment())).toBe(`sha256:${expected}`);
  });

  it('is stable when only fields Strata does not own change', () => {
    const base = digest(deployment());
    const live = deployment();
    live.metadata.resourceVersion = '99999';
    live.metadata.generation = 3;
    live.metadata.annotations['deployment.kubernetes.io/revision'] = '3';
    live.metadata.labels.team = 'checkout';
    live.metadata.managedFields[0].time = '2025-02-01T00:00:00Z';
    live.spec.template.spec.containers[0].env[1].value = 'false';
    live.spec.template.spec.containers[0].resources.limits.cpu = '2';
    live.status = { observedGeneration: 3, replicas: 3, updatedReplicas: 1 };
    expect(digest(live)).toBe(base);
    // Key order and managedFields order do not matter either.
    const reordered = deployment();
    reordered.metadata.managedFields.reverse();
    reordered.spec = Object.fromEntries(Object.entries(reordered.spec).reverse());
    expect(digest(reordered)).toBe(base);
  });

  it('changes when another manager takes over a field', () => {
    const base = digest(deployment());
    // kubectl scale deployment web --replicas=5
    const scaled = deployment();
    moveToManager(scaled, 'kubectl', ['f:spec', 'f:replicas']);
    scaled.spec.replicas = 5;
    expect(digest(scaled)).not.toBe(base);
    // kubectl edit of the image: the field moves even though Strata's apply set it.
    const edited = deployment();
    moveToManager(edited, 'kubectl-edit', ['f:spec', 'f:template', 'f:spec', 'f:containers', k({ name: 'web' }), 'f:image']);
    edited.spec.template.spec.containers[0].image = 'nginx:1.28';
    expect(digest(edited)).not.toBe(base);
    // Even with the same value, losing the field shows.
    const sameValue = deployment();
    moveToManager(sameValue, 'kubectl-label', ['f:metadata', 'f:labels', 'f:app']);
    expect(digest(sameValue)).not.toBe(base);
  });

  it('differs between objects that differ only in identity', () => {
    const other = deployment();
    other.metadata.namespace = 'staging';
    expect(digest(other)).not.toBe(digest(deployment()));
  });
});

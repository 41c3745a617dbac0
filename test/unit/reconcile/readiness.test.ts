import type { KubeObject } from '../../../provider/profile/kube-object';
import { readiness } from '../../../provider/reconcile/readiness';

const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, namespace: 'shop', uid: 'c0ffee', resourceVersion: '4242', ...extra });

function deployment(status: Record<string, unknown>, spec: Record<string, unknown> = { replicas: 2 }, generation = 3): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta('web', { generation }),
    spec: { ...spec, selector: { matchLabels: { app: 'web' } }, progressDeadlineSeconds: 600, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
    status,
  };
}

const progressing = (reason: string, status = 'True', message = 'ReplicaSet "web-7d9c" has successfully progressed.') => ({
  type: 'Progressing', status, reason, message, lastUpdateTime: '2025-01-01T00:00:00Z', lastTransitionTime: '2025-01-01T00:00:00Z',
});
const available = { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' };

describe('readiness: Deployment', () => {
  it('is ready when all replicas are updated, available and ready', () => {
    const live = deployment({ observedGeneration: 3, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2, conditions: [available, progressing('NewReplicaSetAvailable')] });
    expect(readiness(live)).toEqual({ state: 'ready' });
  });

  it('waits while the controller has not observed the latest generation', () => {
    const live = deployment({ observedGeneration: 2, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 });
    expect(readiness(live)).toEqual({ state: 'pending', reason: 'waiting for the controller to observe generation 3 (it has seen 2)' });
  });

  it('waits when the controller has not reported any status yet', () => {
    expect(readiness(deployment({}, { replicas: 0 }, 1))).toEqual({ state: 'pending', reason: 'waiting for the deployment controller to pick up the Deployment' });
  });

  it('waits for available replicas', () => {
    const live = deployment({ observedGeneration: 3, replicas: 2, updatedReplicas: 2, readyReplicas: 1, availableReplicas: 1, unavailableReplicas: 1, conditions: [progressing('ReplicaSetUpdated')] });
    expect(readiness(live)).toEqual({ state: 'pending', reason: '1/2 replicas available' });
  });

  it('waits for the new pod template to roll out, then for old pods to go', () => {
    const rolling = deployment({ observedGeneration: 3, replicas: 3, updatedReplicas: 1, readyReplicas: 2, availableReplicas: 2 });
    expect(readiness(rolling)).toEqual({ state: 'pending', reason: '1/2 replicas updated to the new pod template' });
    const surging = deployment({ observedGeneration: 3, replicas: 3, updatedReplicas: 2, readyReplicas: 3, availableReplicas: 3 });
    expect(readiness(surging)).toEqual({ state: 'pending', reason: '1 old replica still terminating' });
  });

  it('waits for ready replicas when available lags behind', () => {
    const live = deployment({ observedGeneration: 3, replicas: 2, updatedReplicas: 2, readyReplicas: 1, availableReplicas: 2 });
    expect(readiness(live)).toEqual({ state: 'pending', reason: '1/2 replicas ready' });
  });

  it('defaults spec.replicas to 1', () => {
    expect(readiness(deployment({ observedGeneration: 3, replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 }, {}))).toEqual({ state: 'ready' });
    expect(readiness(deployment({ observedGeneration: 3, replicas: 1, updatedReplicas: 1 }, {}))).toEqual({ state: 'pending', reason: '0/1 replicas available' });
  });

  it('fails when the progress deadline is exceeded', () => {
    const live = deployment({
      observedGeneration: 3, replicas: 2, updatedReplicas: 2, readyReplicas: 0, availableReplicas: 0,
      conditions: [progressing('ProgressDeadlineExceeded', 'False', 'ReplicaSet "web-7d9c" has timed out progressing.')],
    });
    expect(readiness(live)).toEqual({ state: 'failed', reason: 'rollout exceeded its progress deadline: ReplicaSet "web-7d9c" has timed out progressing.' });
  });
});

function statefulSet(status: Record<string, unknown>, updateStrategy: Record<string, unknown> = { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta('db', { generation: 2 }),
    spec: { replicas: 3, serviceName: 'db', updateStrategy, selector: { matchLabels: { app: 'db' } }, template: {} },
    status: { observedGeneration: 2, ...status },
  };
}

describe('readiness: StatefulSet', () => {
  const done = { replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, availableReplicas: 3, currentRevision: 'db-5f7c', updateRevision: 'db-5f7c', collisionCount: 0 };

  it('is ready when every replica is ready and on the update revision', () => {
    expect(readiness(statefulSet(done))).toEqual({ state: 'ready' });
  });

  it('waits for ready replicas', () => {
    expect(readiness(statefulSet({ ...done, readyReplicas: 1 }))).toEqual({ state: 'pending', reason: '1/3 replicas ready' });
  });

  it('waits for a rolling update to reach every replica', () => {
    const rolling = { ...done, currentReplicas: 2, updatedReplicas: 1, updateRevision: 'db-6a1b' };
    expect(readiness(statefulSet(rolling))).toEqual({ state: 'pending', reason: '1/3 replicas updated to revision db-6a1b' });
    const finishing = { ...done, currentReplicas: 0, updatedReplicas: 3, updateRevision: 'db-6a1b' };
    expect(readiness(statefulSet(finishing))).toEqual({ state: 'pending', reason: 'waiting for the rollout to revision db-6a1b to finish (current revision db-5f7c)' });
  });

  it('only waits for the replicas above a partition', () => {
    const partitioned = { ...done, currentReplicas: 2, updatedReplicas: 1, updateRevision: 'db-6a1b' };
    expect(readiness(statefulSet(partitioned, { type: 'RollingUpdate', rollingUpdate: { partition: 2 } }))).toEqual({ state: 'ready' });
    expect(readiness(statefulSet({ ...partitioned, updatedReplicas: 0 }, { type: 'RollingUpdate', rollingUpdate: { partition: 1 } })))
      .toEqual({ state: 'pending', reason: '0/2 replicas updated (partition 1)' });
  });

  it('does not wait for revisions with the OnDelete strategy', () => {
    expect(readiness(statefulSet({ ...done, updatedReplicas: 0, updateRevision: 'db-6a1b' }, { type: 'OnDelete' }))).toEqual({ state: 'ready' });
  });
});

function daemonSet(status: Record<string, unknown>): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta('node-exporter', { generation: 1 }), spec: { selector: {}, template: {} }, status };
}

describe('readiness: DaemonSet', () => {
  const done = { observedGeneration: 1, currentNumberScheduled: 3, desiredNumberScheduled: 3, numberMisscheduled: 0, numberReady: 3, updatedNumberScheduled: 3, numberAvailable: 3 };

  it('is ready when every node runs an available, updated pod', () => {
    expect(readiness(daemonSet(done))).toEqual({ state: 'ready' });
    expect(readiness(daemonSet({ ...done, currentNumberScheduled: 0, desiredNumberScheduled: 0, numberReady: 0, updatedNumberScheduled: 0, numberAvailable: 0 }))).toEqual({ state: 'ready' });
  });

  it('waits for the controller', () => {
    expect(readiness(daemonSet({}))).toEqual({ state: 'pending', reason: 'waiting for the daemonset controller to pick up the DaemonSet' });
    expect(readiness(daemonSet({ observedGeneration: 1 }))).toEqual({ state: 'pending', reason: 'waiting for the daemonset controller to count the nodes to run on' });
  });

  it('waits for updated and available pods', () => {
    expect(readiness(daemonSet({ ...done, updatedNumberScheduled: 2 }))).toEqual({ state: 'pending', reason: '2/3 nodes run the updated pod' });
    expect(readiness(daemonSet({ ...done, numberAvailable: 1, numberUnavailable: 2 }))).toEqual({ state: 'pending', reason: '1/3 pods available' });
  });
});

function job(status: Record<string, unknown>): KubeObject {
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: meta('migrate', { generation: 1 }), spec: { backoffLimit: 2, completions: 1, parallelism: 1, template: {} }, status };
}

describe('readiness: Job', () => {
  it('is ready when complete', () => {
    const live = job({ startTime: '2025-01-01T00:00:00Z', completionTime: '2025-01-01T00:00:09Z', succeeded: 1, ready: 0, terminating: 0,
      conditions: [{ type: 'SuccessCriteriaMet', status: 'True', reason: 'CompletionsReached' }, { type: 'Complete', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' }] });
    expect(readiness(live)).toEqual({ state: 'ready' });
  });

  it('waits while running', () => {
    expect(readiness(job({ startTime: '2025-01-01T00:00:00Z', active: 1, ready: 1, failed: 1 }))).toEqual({ state: 'pending', reason: 'waiting for the job to complete (0/1 succeeded, 1 active, 1 failed)' });
    expect(readiness(job({}))).toEqual({ state: 'pending', reason: 'waiting for the job to complete (0/1 succeeded, 0 active, 0 failed)' });
  });

  it('fails with the condition message', () => {
    const live = job({ startTime: '2025-01-01T00:00:00Z', failed: 3,
      conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }] });
    expect(readiness(live)).toEqual({ state: 'failed', reason: 'job failed: BackoffLimitExceeded: Job has reached the specified backoff limit' });
  });

  it('is ready when suspended', () => {
    expect(readiness(job({ conditions: [{ type: 'Suspended', status: 'True', reason: 'JobSuspended', message: 'Job suspended' }] }))).toEqual({ state: 'ready' });
  });
});

function crd(conditions: unknown[]): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com', generation: 1 },
    spec: { group: 'example.com', names: { kind: 'Widget', plural: 'widgets' }, scope: 'Namespaced', versions: [] },
    status: { acceptedNames: { kind: '', plural: '' }, storedVersions: ['v1'], conditions },
  };
}

describe('readiness: CustomResourceDefinition', () => {
  const namesAccepted = { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found' };

  it('is ready when established', () => {
    expect(readiness(crd([namesAccepted, { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' }]))).toEqual({ state: 'ready' });
  });

  it('waits to be established', () => {
    expect(readiness(crd([]))).toEqual({ state: 'pending', reason: 'waiting for the CRD to be established' });
    expect(readiness(crd([namesAccepted, { type: 'Established', status: 'False', reason: 'Installing', message: 'the initial names have been accepted' }])))
      .toEqual({ state: 'pending', reason: 'waiting for the CRD to be established' });
  });

  it('fails when its names are not accepted', () => {
    const conflict = { type: 'NamesAccepted', status: 'False', reason: 'ListKindConflict', message: '"WidgetList" is already in use' };
    expect(readiness(crd([conflict, { type: 'Established', status: 'False', reason: 'NotAccepted', message: 'not all names are accepted' }])))
      .toEqual({ state: 'failed', reason: 'the CRD\'s names were not accepted: ListKindConflict: "WidgetList" is already in use' });
  });
});

describe('readiness: Namespace and PersistentVolumeClaim', () => {
  const namespace = (status: Record<string, unknown>, extra: Record<string, unknown> = {}): KubeObject =>
    ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', ...extra }, spec: { finalizers: ['kubernetes'] }, status });
  const pvc = (status: Record<string, unknown>): KubeObject =>
    ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta('data'), spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } }, status });

  it('namespace: ready when Active, pending otherwise', () => {
    expect(readiness(namespace({ phase: 'Active' }))).toEqual({ state: 'ready' });
    expect(readiness(namespace({}))).toEqual({ state: 'pending', reason: 'waiting for the namespace to become Active (phase not reported)' });
    expect(readiness(namespace({ phase: 'Terminating' }, { deletionTimestamp: '2025-01-01T00:00:00Z' })))
      .toEqual({ state: 'pending', reason: 'being deleted' });
  });

  it('claim: ready when Bound, pending while Pending, failed when Lost', () => {
    expect(readiness(pvc({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } }))).toEqual({ state: 'ready' });
    expect(readiness(pvc({ phase: 'Pending' }))).toEqual({ state: 'pending', reason: 'waiting for the claim to be bound to a volume (phase Pending)' });
    expect(readiness(pvc({ phase: 'Lost' }))).toEqual({ state: 'failed', reason: 'the claim lost its bound volume' });
  });
});

describe('readiness: Pod', () => {
  const pod = (status: Record<string, unknown>): KubeObject =>
    ({ apiVersion: 'v1', kind: 'Pod', metadata: meta('probe'), spec: { containers: [{ name: 'probe', image: 'busybox' }] }, status });

  it('is ready when Ready or Succeeded', () => {
    expect(readiness(pod({ phase: 'Running', conditions: [{ type: 'Initialized', status: 'True' }, { type: 'Ready', status: 'True' }, { type: 'ContainersReady', status: 'True' }] }))).toEqual({ state: 'ready' });
    expect(readiness(pod({ phase: 'Succeeded', conditions: [{ type: 'Ready', status: 'False', reason: 'PodCompleted' }] }))).toEqual({ state: 'ready' });
  });

  it('waits while unscheduled or starting', () => {
    expect(readiness(pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu.' }] })))
      .toEqual({ state: 'pending', reason: 'waiting for the pod to be scheduled: Unschedulable: 0/3 nodes are available: 3 Insufficient cpu.' });
    expect(readiness(pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True' }], containerStatuses: [{ name: 'probe', ready: false, state: { waiting: { reason: 'ContainerCreating' } } }] })))
      .toEqual({ state: 'pending', reason: 'waiting for containers: probe is ContainerCreating' });
    expect(readiness(pod({ phase: 'Running', conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady' }], containerStatuses: [{ name: 'probe', ready: false, state: { running: {} } }] })))
      .toEqual({ state: 'pending', reason: 'waiting for the pod to become Ready (phase Running)' });
  });

  it('fails when the phase is Failed', () => {
    expect(readiness(pod({ phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' })))
      .toEqual({ state: 'failed', reason: 'pod failed: Evicted: The node was low on resource: memory.' });
  });
});

describe('readiness: Service', () => {
  it('a LoadBalancer Service is ready without an ingress address', () => {
    const live: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: meta('web'), spec: { type: 'LoadBalancer', clusterIP: '10.96.12.7', ports: [{ port: 80 }] }, status: { loadBalancer: {} } };
    expect(readiness(live)).toEqual({ state: 'ready' });
  });
});

describe('readiness: generic conditions', () => {
  const certificate = (conditions: unknown[] | undefined, generation = 1): KubeObject => ({
    apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: meta('web-tls', { generation }),
    spec: { secretName: 'web-tls', dnsNames: ['shop.example.com'], issuerRef: { name: 'self-signed' } },
    ...(conditions ? { status: { conditions } } : {}),
  });

  it('objects without status are ready', () => {
    expect(readiness({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('web-config'), data: { a: 'b' } })).toEqual({ state: 'ready' });
    expect(readiness(certificate(undefined))).toEqual({ state: 'ready' });
  });

  it('Ready True is ready; Ready False waits with its message', () => {
    expect(readiness(certificate([{ type: 'Ready', status: 'True', reason: 'Ready', message: 'Certificate is up to date and has not expired', observedGeneration: 1 }]))).toEqual({ state: 'ready' });
    expect(readiness(certificate([{ type: 'Ready', status: 'False', reason: 'DoesNotExist', message: 'Issuing certificate as Secret does not exist', observedGeneration: 1 }])))
      .toEqual({ state: 'pending', reason: 'waiting for Ready: DoesNotExist: Issuing certificate as Secret does not exist' });
  });

  it('a Ready condition from an older generation does not count', () => {
    expect(readiness(certificate([{ type: 'Ready', status: 'True', reason: 'Ready', observedGeneration: 1 }], 2)))
      .toEqual({ state: 'pending', reason: 'waiting for the controller to report on generation 2 (Ready is from generation 1)' });
  });

  it('Stalled True fails; Reconciling True waits', () => {
    const kustomization = (conditions: unknown[]): KubeObject => ({ apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: meta('apps', { generation: 4 }), spec: {}, status: { observedGeneration: 4, conditions } });
    expect(readiness(kustomization([{ type: 'Stalled', status: 'True', reason: 'BuildFailed', message: 'kustomization path not found' }, { type: 'Ready', status: 'False' }])))
      .toEqual({ state: 'failed', reason: 'BuildFailed: kustomization path not found' });
    expect(readiness(kustomization([{ type: 'Reconciling', status: 'True', reason: 'Progressing', message: 'Building manifests' }])))
      .toEqual({ state: 'pending', reason: 'the controller is reconciling: Progressing: Building manifests' });
  });

  it('observedGeneration behind generation waits for any kind', () => {
    const live: KubeObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: meta('gadget', { generation: 5 }), status: { observedGeneration: 4, conditions: [{ type: 'Ready', status: 'True' }] } };
    expect(readiness(live)).toEqual({ state: 'pending', reason: 'waiting for the controller to observe generation 5 (it has seen 4)' });
  });
});

// An in-memory stand-in for the KubeClient methods the removal and preflight logic call, for unit
// tests only: objects by key, a fixed discovery, deletes with preconditions, scripted apply answers.
import { KubeApiError, type KubeClient, type KubeObject, type ObjectRef, type ResourceInfo } from '../../../provider/kube';
import { keyOf } from '../../../provider/reconcile/inventory';

const RESOURCES: ResourceInfo[] = [
  { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true, verbs: ['get', 'list', 'delete'] },
  { group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false, verbs: ['get', 'list', 'delete'] },
  { group: '', version: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', namespaced: true, verbs: ['get', 'list', 'delete'] },
  { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true, verbs: ['get', 'list', 'delete'] },
  { group: 'apps', version: 'v1', kind: 'ReplicaSet', plural: 'replicasets', namespaced: true, verbs: ['get', 'list', 'delete'] },
  { group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition', plural: 'customresourcedefinitions', namespaced: false, verbs: ['get', 'list', 'delete'] },
  { group: 'example.com', version: 'v1', kind: 'Widget', plural: 'widgets', namespaced: true, verbs: ['get', 'list', 'delete'] },
];

export class FakeCluster {
  readonly objects = new Map<string, KubeObject>();
  readonly deleted: string[] = [];
  readonly requests: string[] = [];
  /** Answers of dry-run applies by key: an error to throw. */
  readonly refuse = new Map<string, KubeApiError>();
  private uid = 0;

  put(object: KubeObject): KubeObject {
    const stored = { ...object, metadata: { uid: `uid-${++this.uid}`, resourceVersion: String(this.uid), ...object.metadata } };
    this.objects.set(keyOf(stored), stored);
    return stored;
  }

  get client(): KubeClient {
    const fake = this;
    return {
      async get(ref: ObjectRef) { fake.requests.push(`GET ${keyOf(ref)}`); return fake.objects.get(keyOf(ref)) ?? null; },
      async list(apiVersion: string, kind: string, options: { namespace?: string } = {}) {
        fake.requests.push(`LIST ${apiVersion} ${kind} ${options.namespace ?? ''}`);
        return [...fake.objects.values()].filter((o) => o.kind === kind && (options.namespace === undefined || o.metadata.namespace === options.namespace));
      },
      async resources() { return RESOURCES; },
      async resourceFor(apiVersion: string, kind: string) { return RESOURCES.find((r) => r.kind === kind && (r.group ? `${r.group}/${r.version}` : r.version) === apiVersion); },
      async delete(ref: ObjectRef, options: { preconditions?: { uid?: string; resourceVersion?: string } } = {}) {
        const live = fake.objects.get(keyOf(ref));
        if (!live) return false;
        const pre = options.preconditions ?? {};
        if ((pre.uid && pre.uid !== live.metadata.uid) || (pre.resourceVersion && pre.resourceVersion !== live.metadata.resourceVersion)) {
          throw new KubeApiError(`delete ${keyOf(ref)}`, 409, 'Conflict', 'Precondition failed');
        }
        fake.objects.delete(keyOf(ref));
        fake.deleted.push(keyOf(ref));
        return true;
      },
      async apply(object: KubeObject, options: { dryRun?: boolean }) {
        fake.requests.push(`${options.dryRun ? 'DRYRUN' : 'APPLY'} ${keyOf(object)}`);
        const refusal = fake.refuse.get(keyOf(object));
        if (refusal) throw refusal;
        return object;
      },
    } as unknown as KubeClient;
  }
}

export const inventoryEntry = (object: KubeObject) => ({
  apiVersion: object.apiVersion, kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name,
  key: keyOf(object), digest: 'sha256:d', owned: 'sha256:o', uid: object.metadata.uid as string | undefined,
});

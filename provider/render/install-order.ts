// The order in which the objects of one layer are applied, and in which pruned objects are deleted.
//
// Kinds follow Helm's install order (helm/helm pkg/release/util/kind_sorter.go), written out here
// without Helm's `*List` kinds and the removed PodSecurityPolicy. Kinds not in the table come after
// the known ones, by kind name. Equal kinds are ordered by namespace, then name, then apiVersion,
// so the result never depends on the order the objects were rendered in.

import type { KubeObject } from '../profile/kube-object';

const INSTALL_ORDER = [
  'PriorityClass',
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleBinding',
  'Role',
  'RoleBinding',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
];
const RANK = new Map(INSTALL_ORDER.map((kind, index) => [kind, index]));

/** Kinds that must exist before anything else of the layer can be applied. */
const FIRST_STAGE = new Set(['Namespace', 'CustomResourceDefinition']);

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareInstall(a: KubeObject, b: KubeObject): number {
  const rankA = RANK.get(a.kind) ?? INSTALL_ORDER.length;
  const rankB = RANK.get(b.kind) ?? INSTALL_ORDER.length;
  return (
    rankA - rankB ||
    compareText(a.kind, b.kind) ||
    compareText(a.metadata.namespace ?? '', b.metadata.namespace ?? '') ||
    compareText(a.metadata.name, b.metadata.name) ||
    compareText(a.apiVersion, b.apiVersion)
  );
}

/**
 * Apply stages of one layer: [Namespaces and CRDs], then everything else in install order.
 * Empty stages are left out, so a layer without Namespaces or CRDs has a single stage and an
 * empty layer has none. The objects are the given references, not copies.
 */
export function applyStages(objects: KubeObject[]): KubeObject[][] {
  const sorted = [...objects].sort(compareInstall);
  const first = sorted.filter((o) => FIRST_STAGE.has(o.kind));
  const rest = sorted.filter((o) => !FIRST_STAGE.has(o.kind));
  return [first, rest].filter((stage) => stage.length > 0);
}

/**
 * Objects to delete, in the reverse of install order: webhooks and workloads first, then
 * configuration, then CRDs, and Namespaces last (deleting a Namespace deletes what is in it).
 * The objects are the given references, not copies.
 */
export function pruneOrder(objects: KubeObject[]): KubeObject[] {
  return applyStages(objects).flat().reverse();
}

// The thin Kubernetes client of the reconcile engine: connection, discovery, reads and writes.
export { KubeClient, type ApplyOptions, type ClientOptions, type DeleteOptions } from './client';
export { kubeconfigPaths, loadKubeconfig, type KubeconfigContext, type KubeconfigSource } from './kubeconfig';
export { ConnectionConfigError, KubeApiError, KubeConnectionError, type StatusCause } from './errors';
export type { ConnectionConfig, KubeObject, ObjectRef, ResourceInfo } from './types';

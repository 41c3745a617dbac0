// The thin Kubernetes client of the reconcile engine: connection, discovery, reads and writes.
export { KubeClient, type ApplyOptions, type ClientOptions, type DeleteOptions } from './client';
export { ConnectionConfigError, KubeApiError, KubeConnectionError, type StatusCause } from './errors';
export type { ConnectionConfig, KubeObject, ObjectRef, ResourceInfo } from './types';

// Kubernetes objects by name: the identity that makes two documents one object, and references for
// messages. They need no cluster, so profile validation and rendering share them.

/** A Kubernetes object as plain JSON data. */
export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [k: string]: any };
  [k: string]: any;
};

/**
 * The identity of the object in the cluster, without the version: `apps/Deployment/<ns>/<name>`
 * (`/Namespace//<name>` for the core group). Two documents with the same identity are one object,
 * whichever versions they use.
 */
export function objectIdentity(o: KubeObject): string {
  return `${apiGroup(o.apiVersion)}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

/** "apps" for "apps/v1", "" for "v1". */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** For messages: `apps/v1 Deployment web/api`, or `v1 Namespace web` for cluster-scoped objects. */
export function objectRef(o: { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } }): string {
  const apiVersion = typeof o.apiVersion === 'string' && o.apiVersion ? o.apiVersion : '(no apiVersion)';
  const kind = typeof o.kind === 'string' && o.kind ? o.kind : '(no kind)';
  const name = typeof o.metadata?.name === 'string' && o.metadata.name ? o.metadata.name : '(no name)';
  const namespace = typeof o.metadata?.namespace === 'string' && o.metadata.namespace ? `${o.metadata.namespace}/` : '';
  return `${apiVersion} ${kind} ${namespace}${name}`;
}

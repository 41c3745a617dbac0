// Keys, references and digests of Kubernetes objects.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../profile/canonical';
import type { HookObject, KubeObject } from './types';

/**
 * A stable key: `apps/v1/Deployment/<namespace>/<name>`, `v1/Namespace//<name>` (an empty
 * namespace for cluster-scoped objects). It contains the API version: the same object read through
 * another version of its group has another key (see `objectIdentity`).
 */
export function objectKey(o: KubeObject): string {
  return `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

/**
 * The identity of the object in the cluster, without the version: `apps/Deployment/<ns>/<name>`
 * (`/Namespace//<name>` for the core group). Two documents with the same identity are one object,
 * whichever versions they use.
 */
export function objectIdentity(o: KubeObject): string {
  return `${apiGroup(o.apiVersion)}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

/** `sha256:<hex>` of the canonical JSON (sorted keys, unset members dropped) of the object. */
export function objectDigest(o: KubeObject): string {
  return sha256(canonicalJson(o));
}

/** `sha256:<hex>` of the canonical JSON of the objects, in the given order. */
export function objectsDigest(objects: KubeObject[]): string {
  return sha256(canonicalJson(objects));
}

/**
 * The digest of a rendered layer: over its objects, then its hooks' objects. Without hooks this is
 * `objectsDigest(objects)`, the digest layers had before hooks were split out, which records hold.
 * A hook's phases, weight and delete policies are read from its object's annotations, so the
 * objects say everything; and since hooks carry `helm.sh/hook` and other objects do not, no list of
 * objects and hooks has the digest of another.
 */
export function layerDigest(objects: KubeObject[], hooks: HookObject[]): string {
  return objectsDigest([...objects, ...hooks.map((hook) => hook.object)]);
}

function sha256(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
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

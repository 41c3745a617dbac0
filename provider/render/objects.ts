// Keys and digests of Kubernetes objects (identity and references: profile/kube-object.ts).
import { canonicalJson } from '../profile/canonical';
import { sha256 } from '../profile/digest';
import type { HookObject, KubeObject } from './types';

/**
 * A stable key: `apps/v1/Deployment/<namespace>/<name>`, `v1/Namespace//<name>` (an empty
 * namespace for cluster-scoped objects). It contains the API version: the same object read through
 * another version of its group has another key (see `objectIdentity`).
 */
/** A core Secret, whose values Strata never shows. */
export const isSecret = (object: KubeObject): boolean => object.apiVersion === 'v1' && object.kind === 'Secret';

export function objectKey(o: KubeObject): string {
  return `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
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
 * objects and hooks has the digest of another. A source digest (a Zarf package's checksums, the
 * version and archive a pack resolved to) comes last, so that the layer's digest changes with its package even when the objects do not.
 */
export function layerDigest(objects: KubeObject[], hooks: HookObject[], sourceDigest?: string): string {
  const digest = objectsDigest([...objects, ...hooks.map((hook) => hook.object)]);
  return sourceDigest ? sha256(`${digest}\n${sourceDigest}`) : digest;
}

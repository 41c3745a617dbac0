// Namespaced or cluster-scoped: from discovery, or from CustomResourceDefinitions in the profile.
import { isJsonObject } from '../profile/canonical';
import { objectRef } from '../profile/kube-object';
import { duplicateProblems } from '../profile/manifest-objects';
import type { SourcedObject } from './documents';
import { renderError, type KubeObject, type RenderTarget } from './types';

/** Whether the object is a CustomResourceDefinition. */
export function isCrd(o: KubeObject): boolean {
  return o.kind === 'CustomResourceDefinition' && o.apiVersion.startsWith('apiextensions.k8s.io/');
}

/** The scopes of the kinds that CRDs in the profile define, by apiVersion and kind. */
export class ProfileKinds {
  private readonly scopes = new Map<string, boolean>();

  /** Learns the kinds a CRD defines (its served versions); ignores CRDs too broken to read. */
  add(crd: KubeObject): void {
    const spec = crd.spec;
    if (!isJsonObject(spec) || typeof spec.group !== 'string' || !isJsonObject(spec.names) || typeof spec.names.kind !== 'string') return;
    const namespaced = spec.scope !== 'Cluster'; // the API server's default scope is Namespaced
    const versions: string[] = [];
    if (Array.isArray(spec.versions)) {
      for (const version of spec.versions) {
        if (isJsonObject(version) && typeof version.name === 'string' && version.served !== false) versions.push(version.name);
      }
    }
    if (typeof spec.version === 'string') versions.push(spec.version); // apiextensions.k8s.io/v1beta1
    for (const version of versions) this.scopes.set(key(`${spec.group}/${version}`, spec.names.kind), namespaced);
  }

  get(apiVersion: string, kind: string): boolean | undefined {
    return this.scopes.get(key(apiVersion, kind));
  }

  /** As helm's API versions list them: "group/version" and "group/version/Kind" of each kind, sorted. */
  apiVersions(): string[] {
    const result = new Set<string>();
    for (const entry of this.scopes.keys()) {
      const [apiVersion, kind] = entry.split('\u0000');
      result.add(apiVersion!).add(`${apiVersion}/${kind}`);
    }
    return [...result].sort();
  }
}

function key(apiVersion: string, kind: string): string {
  return `${apiVersion}\u0000${kind}`;
}

/**
 * Sets each object's namespace: a namespaced object without one gets its own default (`SourcedObject.namespace`) or `namespace`; a cluster-scoped
 * object loses any it has. A kind known neither to discovery nor to a CRD of the profile (`kinds`)
 * is a RenderError. The CRD of the profile wins over discovery: it is what will be applied.
 */
export function resolveNamespaces(objects: SourcedObject[], target: RenderTarget, kinds: ProfileKinds, namespace: string): void {
  for (const { object, location, namespace: own } of objects) {
    const namespaced = kinds.get(object.apiVersion, object.kind) ?? target.isNamespaced(object.apiVersion, object.kind);
    if (namespaced === undefined) {
      throw renderError(
        location,
        `the cluster does not know the kind ${object.kind} in ${object.apiVersion}, and no CustomResourceDefinition in this or an earlier layer defines it. ` +
          'Install the CRD in the cluster first, or add it to an earlier layer (or to this one); check the apiVersion and kind for typos.',
      );
    }
    if (namespaced) {
      if (object.metadata.namespace === undefined) object.metadata.namespace = own ?? namespace;
    } else {
      delete object.metadata.namespace;
    }
    location.objectRef = objectRef(object);
  }
}

/** Throws on two documents of one layer that are the same object (whatever their API versions). */
export function checkDuplicates(objects: SourcedObject[]): void {
  const [duplicate] = duplicateProblems(objects);
  if (duplicate) throw renderError(duplicate.location, duplicate.what);
}

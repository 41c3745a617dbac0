// Whose an object is. An object is this cluster's when it carries this cluster's mark (a label and
// an annotation naming its record, and an annotation naming its layer) and was applied by this
// cluster's field manager. Strata deletes nothing else, and takes nothing over unless asked.
import type { KubeObject } from '../kube';
import { CLUSTER_LABEL, recordName, SYSTEM_NAMESPACE } from './record';

export { CLUSTER_LABEL };
export const RECORD_ANNOTATION = 'strata.dev/record';
export const LAYER_ANNOTATION = 'strata.dev/layer';
/** On an existing object (or in the profile): Strata may take it over although it did not create it. */
export const ADOPT_ANNOTATION = 'strata.dev/adopt';
/** On an object (live or in the profile): Strata never deletes it, it only lets go of it. */
export const KEEP_ANNOTATION = 'strata.dev/keep';
/** Helm's own way to say the same, which charts already use. */
export const HELM_RESOURCE_POLICY = 'helm.sh/resource-policy';
/** In the profile: a change the API server refuses as immutable deletes and re-creates the object. */
export const RECREATE_ANNOTATION = 'strata.dev/recreate-on-immutable';

/** The field manager of releases before per-cluster managers; objects it applied are migrated on their next apply. */
export const LEGACY_FIELD_MANAGER = 'strata';

/**
 * One field manager per cluster, so that two clusters (two states) claiming one object conflict
 * instead of silently sharing its fields. The API server takes any printable string up to 128
 * characters; cluster names are DNS labels of at most 63.
 */
export function fieldManagerFor(cluster: string): string {
  return `strata-${cluster}`;
}

const annotation = (object: KubeObject, name: string): unknown => object.metadata.annotations?.[name];
const isTrue = (value: unknown): boolean => value === 'true' || value === true;

/** The object as Strata applies it: its content plus this cluster's mark. */
export function marked(object: KubeObject, cluster: string, layer: string): KubeObject {
  const metadata = object.metadata;
  return {
    ...object,
    metadata: {
      ...metadata,
      labels: { ...metadata.labels, [CLUSTER_LABEL]: cluster },
      annotations: { ...metadata.annotations, [RECORD_ANNOTATION]: `${SYSTEM_NAMESPACE}/${recordName(cluster)}`, [LAYER_ANNOTATION]: layer },
    },
  };
}

/** The cluster whose mark the live object carries, if any. */
export function markOf(live: KubeObject): string | undefined {
  const value = live.metadata.labels?.[CLUSTER_LABEL];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function managers(live: KubeObject): { manager?: string; operation?: string }[] {
  return Array.isArray(live.metadata.managedFields) ? live.metadata.managedFields : [];
}

/**
 * Applied by a release that had no marks: the legacy manager applied it and this cluster's never did.
 * Only trusted for objects the cluster's record lists.
 */
export function isLegacyApplied(live: KubeObject, cluster: string): boolean {
  const list = managers(live);
  return list.some((e) => e.manager === LEGACY_FIELD_MANAGER && e.operation === 'Apply') && !list.some((e) => e.manager === fieldManagerFor(cluster));
}

/** The manager whose fields are Strata's on this object: this cluster's, or the legacy one not yet migrated. */
export function ownerManager(live: KubeObject, cluster: string): string {
  return isLegacyApplied(live, cluster) ? LEGACY_FIELD_MANAGER : fieldManagerFor(cluster);
}

export type Ownership =
  | { owner: 'this' }
  | { owner: 'other-cluster'; cluster: string }
  | { owner: 'nobody' };

/**
 * Whose the live object is, for this cluster. `recorded`: the cluster's record lists it, so an
 * object of a release without marks counts as this cluster's.
 */
export function ownershipOf(live: KubeObject, cluster: string, recorded: boolean): Ownership {
  const mark = markOf(live);
  if (mark === cluster) return { owner: 'this' };
  if (mark !== undefined) return { owner: 'other-cluster', cluster: mark };
  if (recorded && isLegacyApplied(live, cluster)) return { owner: 'this' };
  return { owner: 'nobody' };
}

/** May Strata take over this existing object? The cluster's option, or the annotation on either side. */
export function adoptionAllowed(rendered: KubeObject, live: KubeObject, clusterOption: boolean): boolean {
  return clusterOption || isTrue(annotation(rendered, ADOPT_ANNOTATION)) || isTrue(annotation(live, ADOPT_ANNOTATION));
}

/** Why the object must never be deleted, from its own annotations; undefined when nothing says so. */
export function keepReason(live: KubeObject): string | undefined {
  if (annotation(live, HELM_RESOURCE_POLICY) === 'keep') return `annotation ${HELM_RESOURCE_POLICY}: keep`;
  if (isTrue(annotation(live, KEEP_ANNOTATION))) return `annotation ${KEEP_ANNOTATION}: "true"`;
  return undefined;
}

export function recreateAllowed(rendered: KubeObject, clusterOption: boolean): boolean {
  return clusterOption || isTrue(annotation(rendered, RECREATE_ANNOTATION));
}

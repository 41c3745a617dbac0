// What both resources say of an override that no longer applies to the profile a cluster runs.
import type { AttributePath } from '../protocol/diagnostics';
import type { OrphanedOverride } from '../reconcile/overrides-render';

/** The warning (summary, detail, attribute path) a cluster plan gives for an orphaned override. */
export function orphanWarning(cluster: string, orphan: OrphanedOverride): [string, string, AttributePath] {
  return [`Cluster override "${orphan.name}" is orphaned`,
    `Override "${orphan.name}" (layer "${orphan.layer}") of cluster "${cluster}" does not apply to this profile: ${orphan.reason}. ` +
    'Strata keeps it in the cluster\'s record and applies it again once the profile has what it changes; to drop it, destroy its strata_cluster_override.', ['profile']];
}

// strata_cluster state of older schema versions, in the current shape.
import type { Diagnostics } from '../protocol/diagnostics';

/**
 * 0 -> 1: `layers[].objects` (one label per object) becomes `layers[].object_count`, and the last
 * apply's `changes` are dropped (the next plan shows only what it does).
 */
export function upgradeClusterState(version: number, state: Record<string, unknown>, diagnostics: Diagnostics): Record<string, unknown> {
  if (version !== 0) {
    diagnostics.error('State cannot be upgraded', `The state of strata_cluster was written with schema version ${version}, which this provider does not know. Use the provider version that wrote it, or remove and import the resource.`);
    return state;
  }
  const layers = Array.isArray(state.layers) ? state.layers as { name: string; type: string; digest: string; objects?: unknown[] }[] : null;
  return {
    ...state,
    layers: layers?.map(({ objects, ...layer }) => ({ ...layer, object_count: Array.isArray(objects) ? objects.length : 0 })) ?? null,
    changes: [],
  };
}

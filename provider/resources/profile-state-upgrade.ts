// strata_profile and strata_profile_version state of older schema versions, in the current shape.
import type { Diagnostics } from '../protocol/diagnostics';
import { LAYER_TYPES } from '../profile';

/**
 * 0 -> 1: each layer's source blocks (`manifest`, `helm`, `zarf`, `pack`) were single blocks, stored
 * as an object or null; they are now lists of at most one item (layer-schema.ts says why).
 */
export function upgradeProfileState(typeName: string) {
  return (version: number, state: Record<string, unknown>, diagnostics: Diagnostics): Record<string, unknown> => {
    if (version !== 0) {
      diagnostics.error('State cannot be upgraded', `The state of ${typeName} was written with schema version ${version}, which this provider does not know. Use the provider version that wrote it, or remove and import the resource.`);
      return state;
    }
    const layers = Array.isArray(state.layer) ? state.layer as Record<string, unknown>[] : null;
    return { ...state, layer: layers?.map(upgradeLayer) ?? null };
  };
}

function upgradeLayer(layer: Record<string, unknown>): Record<string, unknown> {
  const upgraded = { ...layer };
  for (const type of LAYER_TYPES) {
    const source = layer[type];
    upgraded[type] = source === null || source === undefined ? [] : Array.isArray(source) ? source : [source];
  }
  return upgraded;
}

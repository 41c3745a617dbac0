// The one place where the overrides a cluster's record holds join the rendering that
// strata_rendered_layers shows.
import type { KubeClient } from '../kube';
import type { Layer } from '../profile';
import type { RenderedLayer } from '../render';
import { renderWithOverrides } from '../reconcile/overrides-render';
import type { ClusterRecord } from '../reconcile/record';
import { recordedOverrides } from '../reconcile/record-definitions';

/**
 * Renders the profile's layers with the overrides of `record` applied, as the cluster's own plan
 * does (reconcile/overrides-render.ts): Helm values merged into `layers` before `render`, patches
 * into the rendered objects after it. Without a cluster (`record` null) there is nothing to apply.
 * The view shows no override marks, so none are worked out.
 */
export async function renderWithClusterOverrides(client: KubeClient, layers: Layer[], record: ClusterRecord | null, render: (layers: Layer[]) => Promise<RenderedLayer[]>): Promise<RenderedLayer[]> {
  return (await renderWithOverrides(layers, await recordedOverrides(client, record ?? undefined, ['cluster']), render, undefined, false)).layers;
}

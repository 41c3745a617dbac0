// The one place where the overrides a cluster's record holds join the rendering that
// strata_rendered_layers shows.
import type { Layer } from '../profile';
import type { RenderedLayer } from '../render';
import type { ClusterRecord } from '../reconcile/record';

/**
 * Renders the profile's layers with the overrides of `record` applied. Today it applies none: the
 * record holds no overrides yet. When strata_cluster_override records them, Helm values are merged
 * into `layers` before `render`, and patches into the rendered objects after it, here and nowhere
 * else in the data source. Without a cluster (`record` null) there is nothing to apply.
 */
export async function renderWithClusterOverrides(layers: Layer[], _record: ClusterRecord | null, render: (layers: Layer[]) => Promise<RenderedLayer[]>): Promise<RenderedLayer[]> {
  return render(layers);
}

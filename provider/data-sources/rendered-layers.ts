// strata_rendered_layers: the adapter between Terraform values and rendering. It reads the
// cluster (discovery, Helm's lookup, the record when a cluster is named) and writes nothing.
import { isWhollyKnown } from '../protocol/cty';
import { DiagnosticError } from '../protocol/diagnostics';
import { KubeApiError, KubeConnectionError } from '../kube';
import { RenderError, renderLayers } from '../render';
import { renderTarget } from '../reconcile/plan';
import { readRecord, recordName, SYSTEM_NAMESPACE } from '../reconcile/record';
import type { DataSourceType, ReadContext } from '../framework/data-source';
import type { ModelOf } from '../framework/schema';
import { connect, parseProfile } from '../resources/cluster';
import { requireClusterContent } from '../resources/cluster-variables';
import { settings } from '../settings';
import { renderWithClusterOverrides } from './cluster-overrides';
import { renderedLayersSchema } from './rendered-layers-schema';
import { layerView } from './rendered-view';

type RenderedLayers = ModelOf<typeof renderedLayersSchema>;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** The errors users can act on, as diagnostics that say where to look. */
function asDiagnostic(error: unknown): unknown {
  if (error instanceof KubeConnectionError) return new DiagnosticError('Cannot reach the Kubernetes API server', error.message, ['kubernetes']);
  if (error instanceof RenderError) return new DiagnosticError('Cannot render the profile', error.message, ['profile']);
  if (error instanceof KubeApiError) {
    return new DiagnosticError('Kubernetes API request failed',
      `${error.message}\n\nstrata_rendered_layers reads the cluster's discovery, the objects Helm charts look up, and, for \`cluster\`, its record in namespace ${SYSTEM_NAMESPACE}; ` +
      'check the permissions of the credentials in `kubernetes`.', ['kubernetes']);
  }
  return error;
}

async function read({ config, signal }: ReadContext<RenderedLayers>): Promise<RenderedLayers> {
  const document = parseProfile(config.profile!);
  const { layers } = requireClusterContent(document, config.variables, config.cluster ?? 'strata_rendered_layers');
  if (config.kubernetes === null && settings.kubernetes !== undefined && !isWhollyKnown(settings.kubernetes)) {
    throw new DiagnosticError('Cluster connection not known yet',
      'The provider block\'s `kubernetes` connection depends on values known only after apply, and a data source is read during plan. ' +
      'Add `depends_on` naming the resource the connection comes from, so that the data source is read during apply, or set `kubernetes` on the data source.', ['kubernetes']);
  }
  const client = connect(config.kubernetes);
  try {
    const cluster = config.cluster;
    const stored = cluster ? await readRecord(client, cluster) : null;
    if (cluster && !stored) {
      throw new DiagnosticError('Cluster not found',
        `The cluster at ${client.host} has no Strata record ${SYSTEM_NAMESPACE}/${recordName(cluster)}, so "${cluster}" is not a cluster Strata manages there. ` +
        'Check the name (the `name` of its strata_cluster) and the connection, or leave `cluster` unset to render the profile as for a new cluster.', ['cluster']);
    }
    const record = stored?.record ?? null;
    const target = await renderTarget(client);
    // Charts see .Release.IsUpgrade for the layers the cluster runs, as its own plan renders them.
    const installedLayers = new Set((record?.inventory ?? []).map((layer) => layer.name));
    const rendered = await renderWithClusterOverrides(client, layers, record, (layers) =>
      renderLayers(layers, { ...target, installedLayers }, { helmPath: settings.helmPath, cacheDir: settings.cacheDir, signal }));
    return { ...config, layers: rendered.map(layerView) };
  } catch (error) {
    throw asDiagnostic(error);
  } finally {
    client.close();
  }
}

export const renderedLayersDataSource: DataSourceType<RenderedLayers> = {
  typeName: 'strata_rendered_layers',
  schema: renderedLayersSchema,

  validate(config, diagnostics) {
    if (typeof config.cluster === 'string' && !DNS_LABEL.test(config.cluster)) {
      diagnostics.error('Invalid cluster name', `"${config.cluster}" is not a cluster name: Strata's cluster names are DNS labels (at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit).`, ['cluster']);
    }
    if (typeof config.profile === 'string') {
      try {
        parseProfile(config.profile);
      } catch (error) {
        if (!(error instanceof DiagnosticError)) throw error;
        diagnostics.error(error.summary, error.detail, error.path);
      }
    }
  },

  read,
};

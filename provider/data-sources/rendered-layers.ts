// strata_rendered_layers: the adapter between Terraform values and rendering. It reads the
// cluster (discovery, Helm's lookup, the record when a cluster is named) and writes nothing.
import { isWhollyKnown } from '../protocol/cty';
import { DiagnosticError } from '../protocol/diagnostics';
import { renderLayers } from '../render';
import { renderTarget } from '../reconcile/plan';
import { readRecord, recordName, SYSTEM_NAMESPACE } from '../reconcile/record';
import type { DataSourceType, ReadContext } from '../framework/data-source';
import type { ModelOf } from '../framework/schema';
import { dnsLabel } from '../profile';
import { asDiagnostic, connect, parseProfile, warnOfLayers } from '../resources/cluster';
import { requireClusterContent } from '../resources/cluster-variables';
import { settings } from '../settings';
import { renderWithClusterOverrides } from './cluster-overrides';
import { renderedLayersSchema } from './rendered-layers-schema';
import { layerView } from './rendered-view';

type RenderedLayers = ModelOf<typeof renderedLayersSchema>;

const READER_NEEDS = `strata_rendered_layers reads the cluster's discovery, the objects Helm charts look up, and, for \`cluster\`, its record in namespace ${SYSTEM_NAMESPACE}`;

async function read({ config, diagnostics, signal }: ReadContext<RenderedLayers>): Promise<RenderedLayers> {
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
    warnOfLayers(rendered, diagnostics);
    return { ...config, layers: rendered.map(layerView) };
  } catch (error) {
    throw asDiagnostic(error, READER_NEEDS);
  } finally {
    client.close();
  }
}

export const renderedLayersDataSource: DataSourceType<RenderedLayers> = {
  typeName: 'strata_rendered_layers',
  schema: renderedLayersSchema,

  validate(config, diagnostics) {
    const clusterProblem = typeof config.cluster === 'string' ? dnsLabel(config.cluster) : undefined;
    if (clusterProblem) diagnostics.error('Invalid cluster name', `${clusterProblem} Strata's cluster names are DNS labels: give the \`name\` of a strata_cluster.`, ['cluster']);
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

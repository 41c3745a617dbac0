// The strata_rendered_layers schema: what a profile renders to on one cluster, for review.
import { nestedList, string } from '../framework/schema';
import type { DataSourceSchema } from '../framework/data-source';
import { kubernetesConnection } from '../resources/cluster-schema';

export const renderedLayersSchema = {
  description: 'The objects a profile renders to on a cluster, for review (in CI, say): the layers in profile order, each layer\'s objects in install order, ' +
    'every object as canonical YAML (sorted keys), so that `tofu output` of two versions diffs line by line. ' +
    'Secret `data` and `stringData` values are never shown: each is replaced by `(redacted: sha256 <12 hex>)`, a salted digest of the value, ' +
    'so a changed secret shows as a changed marker. Reading renders Helm layers against the cluster (its version, its API versions, `lookup`) and writes nothing to it. ' +
    'See docs/clusters.md, "Reviewing a rendering in CI".',
  attributes: {
    profile: string({ required: true, sensitive: true, description: 'The `snapshot` of a `strata_profile_version` or of a `strata_profile`.' }),
    kubernetes: {
      ...kubernetesConnection,
      description: 'How to reach the cluster the profile is rendered for, when not through the provider block\'s `kubernetes` (the default; the same attributes as on `strata_cluster`). ' +
        'Set here, the connection is kept in state (marked sensitive), as with every data source argument; prefer the provider block, or `config_path`.',
    },
    cluster: string({
      optional: true,
      description: 'The name of a cluster Strata manages on that connection (the `name` of its `strata_cluster`): its in-cluster record must exist, and charts render as an upgrade of the layers it runs (`.Release.IsUpgrade`). ' +
        'Unset: the profile is rendered as for a new cluster.',
    }),
    layers: nestedList({
      name: string({ computed: true, description: 'The layer\'s name.' }),
      type: string({ computed: true, description: 'The layer\'s source: `manifest`, `helm`, `zarf` or `pack`.' }),
      digest: string({ computed: true, description: 'Digest of the layer\'s rendered objects (`sha256:<hex>`), as `strata_cluster` reports it.' }),
      objects: nestedList({
        api_version: string({ computed: true, description: 'e.g. `apps/v1`.' }),
        kind: string({ computed: true, description: 'e.g. `Deployment`.' }),
        namespace: string({ computed: true, description: 'The object\'s namespace; null for cluster-scoped objects.' }),
        name: string({ computed: true, description: 'The object\'s name.' }),
        yaml: string({ computed: true, description: 'The whole object as YAML with sorted keys; Secret values redacted.' }),
      }, { computed: true, description: 'The layer\'s objects in install order (Namespaces and CRDs first, then by kind as Helm installs, then by namespace and name); Helm hooks are not listed.' }),
    }, { computed: true, description: 'The rendered layers, in profile order.' }),
  },
  blocks: {},
} satisfies DataSourceSchema;

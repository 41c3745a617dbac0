// The strata_cluster_override schema: a per-cluster change to one layer that outlives profile versions.
import { bool, listBlock, singleBlock, string, stringList, type ResourceSchema } from '../framework/schema';
import { dnsLabel } from '../profile';
import { kubernetesConnection } from './cluster-schema';


export const clusterOverrideSchema = {
  version: 0,
  description: 'A change to one layer of one cluster that persists when the cluster moves to another profile version: Helm `values` merged over the layer\'s values, ' +
    'and `patch` blocks on the layer\'s rendered objects. Applying it reconciles that layer on the cluster at once (lock, record, ownership, readiness, as `strata_cluster` does) ' +
    'and records it in the cluster\'s in-cluster record (who, when, digest); the `strata_cluster` reads it from there and renders with it, so the two never fight over an object. ' +
    'Destroying it restores the layer as the profile defines it. Several overrides of one layer apply in the order of their `name`. See docs/overrides.md.',
  import: '`tofu import strata_cluster_override.NAME <cluster>/<layer>/<name>`, through the provider block\'s connection.',
  attributes: {
    id: string({ computed: true, description: '`<cluster>/<layer>/<name>`.' }),
    cluster_id: string({ required: true, requiresReplace: true, description: 'The `id` of the `strata_cluster` (its name). The cluster must have been applied.' }),
    kubernetes: kubernetesConnection,
    name: string({ required: true, requiresReplace: true, validators: [dnsLabel], description: 'Name of the override, a DNS label (at most 63 lowercase letters, digits and "-"), unique within its layer; overrides of one layer apply in the order of their names.' }),
    layer: string({ required: true, requiresReplace: true, description: 'Name of the layer of the cluster\'s profile that the override changes.' }),
    description: string({ optional: true, description: 'Why the override exists; kept in the in-cluster record.' }),
    values: string({ optional: true, description: 'YAML mapping merged over the values of a Helm or pack layer before it is rendered, as Helm merges values files: maps merge, a null removes a key, lists and scalars replace (a pack layer\'s result is then checked against the pack\'s values schema).' }),
    digest: string({ computed: true, description: 'Digest of the override\'s content (layer, values, patches), as the in-cluster record keeps it.' }),
    orphaned: bool({ computed: true, description: 'True when the profile the cluster runs no longer has the layer or a patch\'s target: the override then changes nothing, and stays recorded until destroyed.' }),
    orphan_reason: string({ computed: true, description: 'Why the override is orphaned; empty when it is not.' }),
    objects: stringList({ computed: true, description: 'The objects whose content the override changes (`apiVersion Kind namespace/name`).' }),
    changes: stringList({ computed: true, description: 'In a plan: what applying (or changing) the override changes in the cluster, one line per object (`layer: ~ apiVersion Kind namespace/name`). After apply: what the last apply changed.' }),
  },
  blocks: {
    patch: listBlock({
      description: 'A patch of one rendered object of the layer, applied after the render, in block order. Set exactly one of `merge_patch` and `json_patch`.',
      attributes: {
        merge_patch: string({ optional: true, description: 'A strategic-merge-style patch as YAML: maps merge and a null removes a key; lists whose items all have a `name` (containers, env, ports, volumes) merge item by item by name, `$patch: delete` in an item removes it, new names are appended; other lists replace.' }),
        json_patch: string({ optional: true, description: 'An RFC 6902 JSON patch as JSON or YAML: a list of operations (`add`, `remove`, `replace`, `move`, `copy`, `test`). A failing operation (a path that is gone, a `test` that fails) fails the plan, naming the override and the operation.' }),
      },
      blocks: {
        target: singleBlock({
          description: 'The object to patch, as the layer renders it.',
          attributes: {
            api_version: string({ required: true, description: 'e.g. `apps/v1` (compared by API group).' }),
            kind: string({ required: true, description: 'e.g. `Deployment`.' }),
            name: string({ required: true, description: 'Name of the object.' }),
            namespace: string({ optional: true, description: 'Namespace of the object; unset for cluster-scoped objects.' }),
          },
        }),
      },
    }),
  },
} satisfies ResourceSchema;

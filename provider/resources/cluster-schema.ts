// The strata_cluster schema: a live cluster, how to reach it, and the profile it must run.
import { bool, nestedList, nestedObject, string, stringList, stringMap, typedAttribute, type ResourceSchema } from '../framework/schema';
import { DETAILED_OBJECT_LIMIT, OBJECT_LINE_LIMIT } from '../reconcile/changes';
import { FIELD_LIMIT } from '../reconcile/field-diff';
import { parseFieldPath } from '../reconcile/ignore-fields';

/** Each path parses, or the first error says what is wrong with it. */
function fieldPaths(paths: string[]): string | undefined {
  for (const path of paths) {
    try {
      parseFieldPath(path);
    } catch (error) {
      return (error as Error).message;
    }
  }
  return undefined;
}

/** A layer as state keeps it: a summary; the objects themselves are in the in-cluster record. */
export interface LayerStatus { name: string; type: string; digest: string; object_count: number }
export interface HistoryStatus { version: string; digest: string; time: string; outcome: string }

/** Attribute names of HashiCorp's kubernetes provider, so one local value can serve both. */
export const kubernetesConnection = nestedObject({
  host: string({ optional: true, description: 'API server URL, e.g. `https://10.0.0.1:6443`. Overrides the kubeconfig.' }),
  cluster_ca_certificate: string({ optional: true, sensitive: true, description: 'PEM CA certificate of the API server.' }),
  token: string({ optional: true, sensitive: true, description: 'Bearer token.' }),
  client_certificate: string({ optional: true, sensitive: true, description: 'PEM client certificate.' }),
  client_key: string({ optional: true, sensitive: true, description: 'PEM client key.' }),
  insecure: bool({ optional: true, description: 'Skip verification of the server certificate (test clusters only).' }),
  config_path: string({ optional: true, description: 'Path to a kubeconfig. Only the path is kept in state; the file is read again on every run. When none of `host`, `config_path` and `config_content` is set, the kubeconfigs that `KUBECONFIG` lists are read and merged as kubectl does.' }),
  config_context: string({ optional: true, description: 'Context of the kubeconfig to use; its current context when unset.' }),
  config_content: string({ optional: true, sensitive: true, description: 'A kubeconfig as text.' }),
}, {
  optional: true,
  description: 'How to reach the cluster, when not through the provider block\'s `kubernetes` (the default). Set here, the connection is kept in state (marked sensitive), because refresh and destroy run without the resource\'s configuration; the provider block\'s connection is never stored, so prefer it, or `config_path`.',
});

export const clusterSchema = {
  // 1: `layers` keeps object counts instead of object lists, and `changes` is emptied on refresh.
  version: 1,
  description: 'A live Kubernetes cluster reconciled to a profile. `plan` renders every layer and shows, per layer, which objects are added (`+`), changed (`~`) and removed (`-`); ' +
    '`apply` reconciles with server-side apply (field manager `strata-<name>`), waits for readiness, and prunes what left the profile. ' +
    'Re-pinning `profile` to an earlier version\'s `snapshot` is the rollback. The cluster keeps its own record (ConfigMap `strata-system/strata-record-<name>`) ' +
    'with the history and each applied version\'s inventory; Secret data is never stored there, only digests.',
  import: '`tofu import strata_cluster.NAME <name>` through the provider block\'s connection, or `<name>@<kubeconfig path>[#<context>]` through a kubeconfig of its own; the state is rebuilt from the in-cluster record. ' +
    'An `import` block may name the cluster by its resource identity instead (OpenTofu and Terraform 1.12 and later): `identity = { name = "edge-1" }`.',
  attributes: {
    id: string({ computed: true, description: 'The cluster name.' }),
    name: string({ required: true, requiresReplace: true, description: 'Name of the cluster; names its in-cluster record and lock.' }),
    kubernetes: kubernetesConnection,
    profile: string({ required: true, sensitive: true, description: 'The `snapshot` of a `strata_profile_version` (pinned) or of a `strata_profile` (follows it in place).' }),
    variables: stringMap({ optional: true, description: 'Values of the profile\'s variables, by name, written as strings (`{ replicas = "3" }`; HCL converts numbers and bools); each is read per its declared type and checked. Unset ones take their default. Part of `applied_digest` and of the in-cluster record\'s history; not for secrets. See docs/variables.md.' }),
    wait: bool({ optional: true, computed: true, default: true, description: 'Wait for each layer\'s objects to be ready before the next layer.' }),
    timeout: string({ optional: true, computed: true, default: '5m', description: 'How long to wait for one layer to be ready, e.g. `90s`, `5m`, `1h`.' }),
    prune: bool({ optional: true, computed: true, default: true, description: 'Remove objects that left the profile.' }),
    force_conflicts: bool({ optional: true, computed: true, default: false, description: 'Take over fields owned by other field managers instead of failing.' }),
    adopt_existing: bool({ optional: true, computed: true, default: false, description: 'Take over objects of the profile that already exist in the cluster and are not Strata\'s (created by another tool or team); the plan shows them as adopted, and from then on they are Strata\'s. Without it such an object fails the plan; the annotation `strata.dev/adopt: "true"` (on the live object or in the profile) allows it for one object.' }),
    recreate_on_immutable: bool({ optional: true, computed: true, default: false, description: 'Delete and re-create an object whose change the API server refuses as immutable (a Deployment selector, a Job template); the plan shows it as replaced (`-/+`). StatefulSets are re-created without their pods and volumes being deleted. The annotation `strata.dev/recreate-on-immutable: "true"` in the profile allows it for one object.' }),
    delete_crds_with_resources: bool({ optional: true, computed: true, default: false, description: 'Delete a CustomResourceDefinition that leaves the profile even while custom resources of its kind exist (which deletes them too, other teams\' included). Without it such a CRD is kept, with a plan warning.' }),
    ignore_fields: nestedList({
      api_version: string({ optional: true, description: 'API group (`apps`) or group/version (`apps/v1`) of the objects; compared by group. Unset: any group. `v1` is the core group.' }),
      kind: string({ required: true, description: 'Kind of the objects, e.g. `Deployment`.' }),
      name: string({ optional: true, description: 'Name of the object; unset: every object of the kind.' }),
      namespace: string({ optional: true, description: 'Namespace of the objects; unset: any.' }),
      paths: stringList({ required: true, validators: [fieldPaths], description: 'Field paths: `spec.replicas`, `webhooks[*].clientConfig.caBundle`, `spec.containers[0].resources`, `metadata.annotations["example.com/x"]`.' }),
    }, {
      optional: true,
      description: 'Fields Strata leaves to other controllers (the replicas an autoscaler sets, a CA bundle cert-manager injects): removed from what Strata applies, so the controller owns them and their changes are never drift. See docs/clusters.md, "Fields owned by other controllers".',
    }),
    applied_version: string({ computed: true, description: 'Version of the profile the cluster runs (`revision N` for a followed profile).' }),
    applied_digest: string({ computed: true, description: 'Digest of the profile content the cluster runs.' }),
    layers: typedAttribute<LayerStatus[]>(['list', ['object', { name: 'string', type: 'string', digest: 'string', object_count: 'number' }]], {
      computed: true, description: 'Per layer: `name`, `type`, `digest` of its rendered objects, and `object_count`. The objects themselves are listed by the in-cluster record (and the `strata_rendered_layers` data source), not in state, so that state stays small for large profiles.',
    }),
    history: typedAttribute<HistoryStatus[]>(['list', ['object', { version: 'string', digest: 'string', time: 'string', outcome: 'string' }]], {
      computed: true, description: 'Every move of the cluster, oldest first: `version`, `digest`, `time`, `outcome`.',
    }),
    changes: stringList({ computed: true, description: 'In a plan: what this apply changes, one line per object (`layer: + apiVersion Kind namespace/name`, `~` changed, `-` removed, `-/+` replaced, ' +
      'with `(override "name")` when a cluster override shapes the object). Each changed object is followed by its changed fields (`layer:     spec.replicas: 2 -> 3`; Secret data shows as `(sensitive value)`; ' +
      'for Helm layers the paths only, as a chart may render values differently on each run: the plan warning has them). ' +
      `At most ${OBJECT_LINE_LIMIT} object lines, and field lines for ${DETAILED_OBJECT_LIMIT} objects (${FIELD_LIMIT} fields each); a last line counts the rest. ` +
      'Refresh empties it, so a plan lists only what this apply does, never the last apply\'s lines as removed.' }),
    drift: stringList({ computed: true, description: 'Objects changed or deleted behind Strata\'s back, found on refresh; the next apply repairs them.' }),
  },
  blocks: {},
} satisfies ResourceSchema;

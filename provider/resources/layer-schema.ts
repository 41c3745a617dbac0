// The `layer` block shared by strata_profile and strata_profile_version: a name and exactly one
// source block. Field names match the profile model (provider/profile/model.ts). Source blocks are
// lists of at most one item rather than single blocks: the HCL is the same, and CDKTF's generator
// types a single block whose attributes are all required as required, which no layer could satisfy.
import { bool, listBlock, string, stringList, stringMap } from '../framework/schema';

export const layerBlock = listBlock({
  description: 'An ordered layer of the profile: a `name` and exactly one source block (`manifest`, `helm`, `zarf` or `pack`). Layers are applied in the order written and removed in reverse.',
  attributes: {
    name: string({ required: true, description: 'Name of the layer, unique within the profile; a DNS label (lower-case letters, digits and `-`, at most 63 characters).' }),
  },
  blocks: {
    manifest: listBlock({
      maxItems: 1,
      description: 'Raw Kubernetes objects.',
      attributes: {
        content: string({ required: true, sensitive: true, description: 'Multi-document YAML of Kubernetes objects; the plan of the profile checks what every object needs (docs/manifests.md). Sensitive, since manifests may hold Secrets: plans show the cluster\'s object-level changes instead.' }),
      },
    }),
    helm: listBlock({
      maxItems: 1,
      description: 'A Helm chart, rendered as `helm template` renders it (as Argo CD does), by the Helm renderer bundled with the provider (or the `helm` binary named by the provider\'s `helm_path`).',
      attributes: {
        chart: string({ required: true, description: 'Chart name in `repository`, an `oci://` reference, or a local path.' }),
        repository: string({ optional: true, description: 'URL of the chart repository that holds `chart`: `https://`, `http://` or `oci://` (helm reads no `file://` repository; for a chart on disk, leave this out and give its path as `chart`). Credentials and certificates for it go in the provider\'s `helm_repository` blocks, never here.' }),
        version: string({ optional: true, description: 'Chart version: exact, or a semver range as `helm --version` accepts.' }),
        values: string({ optional: true, sensitive: true, description: 'Values for the chart as a YAML mapping (for example `yamlencode({...})`). Sensitive, since values often hold passwords.' }),
        release_name: string({ optional: true, description: 'Release name; defaults to the layer name.' }),
        namespace: string({ optional: true, description: 'Namespace the chart is installed into.' }),
        create_namespace: bool({ optional: true, description: 'Add the `namespace` to the layer\'s objects, as `helm install --create-namespace` creates it (unless the chart renders it itself). Strata then owns it: it is removed with the layer, and an existing namespace is adopted only as any other object is (`adopt_existing`).' }),
      },
    }),
    zarf: listBlock({
      maxItems: 1,
      description: 'A Zarf package, verified and rendered as `zarf package deploy` would deploy its manifests and charts; images are not pushed and actions are not run (docs/zarf.md).',
      attributes: {
        source: string({ required: true, description: 'The package archive that `zarf package create` wrote (`.tar.zst` or `.tar`): a local path (relative to the directory tofu runs in) or an `https://` URL. `oci://` references are not supported yet.' }),
        components: stringList({ optional: true, description: 'Components to deploy, as `zarf package deploy --components` takes them: names or globs of optional components; `-name` deselects a default one. Required components always deploy; unset: the required and default ones.' }),
        variables: stringMap({ optional: true, sensitive: true, description: 'Values of the package variables (`###ZARF_VAR_NAME###`), by name. A variable the package marks `prompt` must be set here; the others default to the package\'s default. Sensitive, since they often hold passwords.' }),
        public_key: string({ optional: true, description: 'PEM public key (cosign.pub from `zarf tools gen-key`) that the package signature must verify with. Required for a signed package, as in `zarf package deploy --key`.' }),
        architecture: string({ optional: true, description: 'Cluster architecture for components limited by `only.cluster.architecture` (`amd64`, `arm64`); default: the package\'s architecture.' }),
      },
    }),
    pack: listBlock({
      maxItems: 1,
      description: 'A pack from a pack registry: a named, versioned chart or set of manifests with default values and a values schema (docs/packs.md).',
      attributes: {
        registry: string({ required: true, description: 'The pack registry: `oci://host/path` (each pack a repository, each version a tag), an `https://` base URL serving `index.json`, or a directory holding `index.json` (absolute, `file://`, or relative to where tofu runs). Credentials and CA certificates for it go in the provider\'s `pack_registry` blocks, never here.' }),
        name: string({ required: true, description: 'Name of the pack in the registry.' }),
        version: string({ required: true, description: 'The pack version: exact (`1.2.3`) or a semver range (`^1.2.0`, `~1.2`, `>=1.2.0 <2.0.0`). A range is resolved to the newest matching version when a cluster plans; the version it resolved to is part of the cluster\'s `applied_digest` and of its history.' }),
        values: string({ optional: true, sensitive: true, description: 'Values for the pack as a YAML mapping, merged over the pack\'s default values and checked against its values schema when a cluster plans. Sensitive, like Helm values.' }),
      },
    }),
  },
});

export const variableBlock = listBlock({
  description: 'A variable: a value each cluster sets (`strata_cluster.variables`) and layers use as `{{ .strata.var.NAME }}` in manifests and values (docs/variables.md). Declarations are part of the content and its digest.',
  attributes: {
    name: string({ required: true, description: 'Name of the variable: letters, digits and `_`, not starting with a digit; unique within the profile.' }),
    type: string({ optional: true, description: 'How the value is read: `string` (when unset), `number` or `bool`. A placeholder that is a whole YAML value takes this type.' }),
    description: string({ optional: true, description: 'What the variable is for; shown when a cluster misses or misspells it.' }),
    default: string({ optional: true, description: 'The value when a cluster sets none, written as a string (`"3"`, `"true"`). An optional `number` or `bool` variable needs one; an optional `string` one without it is empty.' }),
    required: bool({ optional: true, description: 'Every cluster must set it. A required variable has no `default`.' }),
    pattern: string({ optional: true, description: 'A JavaScript regular expression the whole value must match, e.g. `[a-z]{2}-[a-z]+-[0-9]`.' }),
    allowed: stringList({ optional: true, description: 'The only values accepted, written as strings. Set `pattern` or `allowed`, not both.' }),
  },
});

export const computedProfileAttributes = {
  digest: string({ computed: true, description: 'Digest of the layers (and variable declarations, when there are any): `sha256:` and the hex SHA-256 of their canonical JSON. Equal content gives an equal digest.' }),
  snapshot: string({ computed: true, sensitive: true, description: 'The profile as a canonical JSON document. Pass it to `strata_cluster.profile` to put a cluster on this content. Sensitive, because it carries the layers\' manifests and values.' }),
};

// The profile model. Field names are snake_case on purpose: they are the same names the
// Terraform schema uses, so a Terraform value maps onto this model field for field.
// An optional field is absent when it is undefined or null (Terraform's null); see canonical.ts.

export type LayerType = 'manifest' | 'helm' | 'zarf' | 'pack';

/** The source kinds in the order they are listed to users. */
export const LAYER_TYPES: readonly LayerType[] = ['manifest', 'helm', 'zarf', 'pack'];

/** Raw Kubernetes objects. */
export interface ManifestSource {
  /** Multi-document YAML. */
  content: string;
}

export interface HelmSource {
  /** A chart name in `repository`, an `oci://` reference, or a local path. */
  chart: string;
  repository?: string;
  /** An exact chart version or a semver range, as `helm --version` accepts. */
  version?: string;
  /** A YAML mapping. */
  values?: string;
  release_name?: string;
  namespace?: string;
  /** Add the release namespace to the layer's objects (`helm install --create-namespace`). */
  create_namespace?: boolean;
}

export interface ZarfSource {
  /** A package file path or an https:// URL (oci:// is refused for now). */
  source: string;
  /** Zarf's `--components`: names or globs of components to deploy; `-name` deselects a default one. */
  components?: string[];
  /** Package variables by name (`###ZARF_VAR_NAME###`). */
  variables?: Record<string, string>;
  /** The PEM public key that the package's signature (zarf.yaml.sig) must verify with. */
  public_key?: string;
  /** The cluster architecture for `only.cluster.architecture` (default: the package's). */
  architecture?: string;
}

export interface PackSource {
  /** `oci://host/path`, an `https://` base URL serving index.json, or a directory (docs/packs.md). */
  registry: string;
  name: string;
  /** An exact version or a semver range, resolved when a cluster plans (the resolved version is recorded). */
  version: string;
  /** A YAML mapping. */
  values?: string;
}

/** A named layer with exactly one source. */
export interface Layer {
  name: string;
  manifest?: ManifestSource;
  helm?: HelmSource;
  zarf?: ZarfSource;
  pack?: PackSource;
}

/** How a variable's value (always written as a string) is read. */
export type VariableType = 'string' | 'number' | 'bool';

export const VARIABLE_TYPES: readonly VariableType[] = ['string', 'number', 'bool'];

/**
 * A value a cluster sets for the profile's layers (variables.ts). `default` and `allowed` are
 * written as strings, as clusters set values, and read per `type` (string when unset).
 */
export interface Variable {
  name: string;
  type?: VariableType;
  description?: string;
  default?: string;
  /** The cluster must set it; such a variable has no default. */
  required?: boolean;
  /** A regular expression the whole value must match. */
  pattern?: string;
  /** The only values accepted. */
  allowed?: string[];
}

export interface ProfileContent {
  layers: Layer[];
  /** Absent or empty when the profile declares none. */
  variables?: Variable[];
}

export interface ProfileMetadata {
  name: string;
  version?: string;
  revision?: number;
  description?: string;
  labels?: Record<string, string>;
}

export const API_VERSION = 'strata.dev/v1alpha1';
export const KIND = 'ClusterProfile';

/** What `snapshot` and `export_json` hold. */
export interface ProfileDocument {
  apiVersion: typeof API_VERSION;
  kind: typeof KIND;
  metadata: ProfileMetadata;
  variables?: Variable[];
  layers: Layer[];
}

/**
 * A problem found in a profile. `path` locates it inside the document (e.g.
 * `['layers', 1, 'helm', 'version']`; `[]` for the document as a whole); `summary` is a short
 * title; `detail` says what is wrong with which value and ends with what to do.
 */
export interface ProfileIssue {
  path: (string | number)[];
  summary: string;
  detail: string;
}

/** The sources present on a layer (more or fewer than one only in an invalid layer). */
export function layerSources(layer: Layer): LayerType[] {
  return LAYER_TYPES.filter((type) => layer[type] != null);
}

/** The type of a valid layer: its one source. Throws on a layer without exactly one source. */
export function layerType(layer: Layer): LayerType {
  const sources = layerSources(layer);
  if (sources.length !== 1) {
    throw new Error(`layer "${layer.name}" must have exactly one source, found ${sources.length === 0 ? 'none' : sources.join(', ')}`);
  }
  return sources[0]!;
}

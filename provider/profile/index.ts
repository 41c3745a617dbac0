// The profile domain: model, canonical JSON and digests, documents, validation.
// It knows nothing of gRPC, the Terraform protocol or Kubernetes clients.
export type {
  HelmSource,
  Layer,
  LayerType,
  ManifestSource,
  PackSource,
  ProfileContent,
  ProfileDocument,
  ProfileIssue,
  ProfileMetadata,
  Variable,
  VariableType,
  ZarfSource,
} from './model';
export { API_VERSION, KIND, LAYER_TYPES, VARIABLE_TYPES, layerSources, layerType } from './model';
export { canonicalJson, normalize } from './canonical';
export type { Json } from './canonical';
export { contentDigest } from './digest';
export { buildDocument, exportJson, parseDocument, snapshotJson } from './document';
export { validateContent } from './validate';
export { formatPath } from './issues';
export { dnsLabel } from './dns-label';
export { PROFILE_SCHEMA_ID } from './schema';
export { appliedDigest, resolveVariables, valuesAsText, variableUses } from './variables';
export type { ResolvedVariables, VariableProblem } from './variables';
export { placeholdersAsWritten, substituteLayers } from './substitute';
export type { VariableValue, VariableValues } from './substitute';

// What a cluster runs of its profile: the layers with the cluster's variable values in place of
// their placeholders, and the digest of both (provider/profile/variables.ts).
import type { CtyValue } from '../protocol/cty';
import { DiagnosticError, Diagnostics } from '../protocol/diagnostics';
import { appliedDigest, resolveVariables, substituteLayers, valuesAsText, type Layer, type ProfileDocument } from '../profile';

export interface ClusterContent {
  layers: Layer[];
  /** The applied digest: the profile's, with the variable values when it declares variables. */
  digest: string;
  /** Every declared variable's value, as the in-cluster record's history keeps it; undefined without variables. */
  variables?: Record<string, string>;
}

/**
 * The content of `document` for cluster `cluster` with the values `set` (the `variables`
 * attribute); undefined after error diagnostics on `variables` that name the variable, the cluster
 * and the layers that use it.
 */
export function clusterContent(document: ProfileDocument, set: CtyValue | undefined, cluster: string, diagnostics: Diagnostics): ClusterContent | undefined {
  const content = { layers: document.layers, variables: document.variables };
  const { values, problems } = resolveVariables(content, (set ?? {}) as Record<string, string>, cluster);
  for (const problem of problems) diagnostics.error(problem.summary, problem.detail, problem.name === undefined ? ['variables'] : ['variables', { key: problem.name }]);
  if (problems.length > 0) return undefined;
  const declared = (document.variables ?? []).length > 0;
  return { layers: substituteLayers(document.layers, values), digest: appliedDigest(content, values), ...(declared ? { variables: valuesAsText(values) } : {}) };
}

/** As clusterContent, for apply (after a plan that checked the values): the first problem is thrown. */
export function requireClusterContent(document: ProfileDocument, set: CtyValue | undefined, cluster: string): ClusterContent {
  const problems = new Diagnostics();
  const content = clusterContent(document, set, cluster, problems);
  if (content) return content;
  const [first] = problems.items;
  throw new DiagnosticError(first!.summary, first!.detail, first!.path);
}

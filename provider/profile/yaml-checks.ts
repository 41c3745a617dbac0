// YAML checks for the string fields that hold YAML: manifest content and chart/pack values.
import { isMap, isScalar, isSeq, type LineCounter } from 'yaml';
import { parseKubernetesYaml } from './kube-yaml';
import { DEFAULT_NAMESPACE, describeWhere, duplicateProblems, readManifest } from './manifest-objects';
import type { ProfileIssue } from './model';

type Path = ProfileIssue['path'];

/**
 * Every problem that would stop the layer's objects from ever being applied (manifest-objects.ts),
 * each detail starting with `layer` (how to name the layer) and where in the text the problem is.
 * Empty documents are skipped, as kubectl does.
 */
export function manifestIssues(content: string, path: Path, layer: string): ProfileIssue[] {
  const { objects, problems } = readManifest(content);
  // Without a cluster, scopes are unknown; an object without a namespace gets the default one if
  // namespaced, and none if not, so it is one object with another in "default" either way.
  const duplicates = duplicateProblems(objects, DEFAULT_NAMESPACE);
  return [...problems, ...duplicates].map(({ summary, what, location }) => ({
    path,
    summary,
    detail: `${describeWhere(layer, location)}: ${what}`,
  }));
}

/** Values must be one YAML mapping; empty values are fine. */
export function valuesIssues(values: string, path: Path): ProfileIssue[] {
  const { documents, lines } = parseKubernetesYaml(values);
  const error = documents.flatMap((document) => document.errors)[0];
  if (error) {
    return [{ path, summary: 'Invalid YAML in values', detail: `${capitalize(position(lines, error.pos[0]))}: ${sentence(error.message)} Fix the YAML there.` }];
  }
  if (documents.length > 1) {
    return [
      {
        path,
        summary: 'Values are more than one YAML document',
        detail: `Found ${documents.length} documents separated by "---". Merge them into one mapping.`,
      },
    ];
  }
  const node = documents[0]?.contents;
  if (isEmpty(node) || isMap(node)) return [];
  return [
    {
      path,
      summary: 'Values are not a mapping',
      detail: `Values must be a YAML mapping, found ${describeNode(node)}. Write them as key: value pairs, e.g. "replicaCount: 2".`,
    },
  ];
}

function isEmpty(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

function describeNode(node: unknown): string {
  return isSeq(node) ? 'a list' : 'a single value';
}

function position(lines: LineCounter, offset: number): string {
  const { line, col } = lines.linePos(offset);
  return `line ${line}, column ${col}`;
}

/** yaml's messages, as one sentence ending in a period. */
function sentence(message: string): string {
  const trimmed = message.trim().replace(/\.$/, '');
  return `${capitalize(trimmed)}.`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

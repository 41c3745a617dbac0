// YAML checks for the string fields that hold YAML: manifest content and chart/pack values.
import { isMap, isScalar, isSeq, type LineCounter } from 'yaml';
import { parseKubernetesYaml } from './kube-yaml';
import type { ProfileIssue } from './model';

type Path = ProfileIssue['path'];

/** Every document must parse and be a Kubernetes object; empty documents are skipped, as kubectl does. */
export function manifestIssues(content: string, path: Path): ProfileIssue[] {
  const { documents, lines } = parseKubernetesYaml(content);
  return documents.flatMap((document, index): ProfileIssue[] => {
    const where = `Document ${index + 1}`;
    const [error] = document.errors;
    if (error) {
      return [
        {
          path,
          summary: 'Invalid YAML in manifest',
          detail: `${where}, ${position(lines, error.pos[0])}: ${sentence(error.message)} Fix the YAML there; separate documents with lines of "---".`,
        },
      ];
    }
    const node = document.contents;
    if (node === null || isEmpty(node)) return [];
    const at = `${where} (line ${lines.linePos(node.range[0]).line})`;
    if (!isMap(node)) {
      return [
        {
          path,
          summary: 'Manifest document is not an object',
          detail: `${at} is ${describeNode(node)}, not a Kubernetes object. Write each document as a mapping with apiVersion, kind and metadata.`,
        },
      ];
    }
    const missing = ['apiVersion', 'kind'].filter((field) => {
      const value = node.get(field);
      return typeof value !== 'string' || value === '';
    });
    if (missing.length === 0) return [];
    return [
      {
        path,
        summary: 'Manifest document is not a Kubernetes object',
        detail: `${at} has no ${missing.join(' and ')}. Add ${missing.length > 1 ? 'them' : 'it'}, e.g. "apiVersion: v1" and "kind: ConfigMap".`,
      },
    ];
  });
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

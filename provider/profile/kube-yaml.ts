// YAML as Kubernetes tools read it, parsed once per text: a plan validates a profile, checks the
// snapshot a cluster consumes and renders its manifests, all from the same texts, and parsing a
// thousand-object manifest is the expensive part of each of those.
import { LineCounter, parseAllDocuments, type Document } from 'yaml';

// The YAML dialect of kubectl, helm and Argo CD (sigs.k8s.io/yaml over go-yaml v2), which is YAML
// 1.1 as far as plain scalars go: yes/no/on/off are booleans, 0755 is octal, `<<` merges. Unlike
// full YAML 1.1 it keeps timestamps ("2024-01-01") and sexagesimal-looking values ("1:20") as
// strings, and has no binary/omap/pairs/set types: those tags are dropped so that their nodes stay
// plain strings, sequences and mappings.
export const KUBERNETES_YAML = {
  version: '1.1',
  merge: true,
  customTags: (tags: unknown[]) =>
    tags.filter((tag) => {
      const { tag: name, format } = tag as { tag?: string; format?: string };
      if (format === 'TIME') return false;
      return !['timestamp', 'binary', 'omap', 'pairs', 'set'].some((dropped) => name === `tag:yaml.org,2002:${dropped}`);
    }),
} as const;

export interface ParsedYaml {
  /** Treat as read-only: the same documents are handed to every caller of the same text. */
  documents: readonly Document.Parsed[];
  lines: LineCounter;
}

const MEMO_ENTRIES = 64;
const memo = new Map<string, ParsedYaml>();

export function parseKubernetesYaml(text: string): ParsedYaml {
  const hit = memo.get(text);
  if (hit) {
    memo.delete(text);
    memo.set(text, hit);
    return hit;
  }
  const lines = new LineCounter();
  // The cast: `customTags` as a function is typed with the library's internal tag types.
  // prettyErrors off: its messages quote the text around the error, which may be Secret data.
  const parsed: ParsedYaml = { documents: Array.from(parseAllDocuments(text, { ...KUBERNETES_YAML, lineCounter: lines, prettyErrors: false } as never)), lines };
  memo.set(text, parsed);
  if (memo.size > MEMO_ENTRIES) memo.delete(memo.keys().next().value!);
  return parsed;
}

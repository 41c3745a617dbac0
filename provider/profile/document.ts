// Profile documents: building, the two serialisations, and import from JSON text.
import { canonicalJson, isJsonObject, normalize } from './canonical';
import { mergeIssues } from './issues';
import { parseJson } from './json';
import { API_VERSION, KIND } from './model';
import type { Layer, ProfileContent, ProfileDocument, ProfileIssue, ProfileMetadata, Variable } from './model';
import { schemaIssues } from './schema';
import { semanticIssues } from './validate';

/** A document for `meta` and `content`: a deep copy with unset optional fields left out. */
export function buildDocument(meta: ProfileMetadata, content: ProfileContent): ProfileDocument {
  // A profile without variables has no `variables` member, so its snapshot stays what it always was.
  const variables = content.variables && content.variables.length > 0 ? content.variables : undefined;
  return normalize({ apiVersion: API_VERSION, kind: KIND, metadata: meta, variables, layers: content.layers }) as unknown as ProfileDocument;
}

/** Compact canonical JSON: what `snapshot` holds and what a cluster consumes. */
export function snapshotJson(doc: ProfileDocument): string {
  return canonicalJson(doc);
}

/** Canonical key order, indented by two spaces, ending in a newline: what `export_json` holds. */
export function exportJson(doc: ProfileDocument): string {
  return `${canonicalJson(doc, 2)}\n`;
}

/**
 * A document from JSON text (an export, or a file written by hand). On any issue there is no
 * document. A top-level "$schema" (an editor hint) is accepted and left out of the document.
 */
export function parseDocument(text: string): { document?: ProfileDocument; issues: ProfileIssue[] } {
  // RFC 8259 lets a parser ignore a byte order mark; editors on Windows write one.
  const parsed = parseJson(text.replace(/^\uFEFF/, ''));
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    return {
      issues: [
        {
          path: [],
          summary: 'Invalid JSON',
          detail: `Line ${line}, column ${column}: ${message}. Correct the JSON there; JSON allows neither comments nor trailing commas.`,
        },
      ],
    };
  }
  const value = parsed.value;
  const fields = isJsonObject(value) ? value : {};
  const issues = mergeIssues(schemaIssues('document', value), semanticIssues(fields.layers, fields.metadata, fields.variables));
  if (issues.length > 0) return { issues };
  const content = { layers: fields.layers as Layer[], variables: fields.variables as Variable[] | undefined };
  return { document: buildDocument(fields.metadata as ProfileMetadata, content), issues };
}

// From Terraform values (layer blocks or an imported document) to the profile domain, and from the
// domain's issues back to Terraform attribute paths.
import { isWhollyKnown, type CtyValue } from '../protocol/cty';
import type { AttributePath, Diagnostics } from '../protocol/diagnostics';
import { readFileSync } from 'node:fs';
import { formatPath, parseDocument, type Layer, type ProfileContent, type ProfileDocument, type ProfileIssue, type Variable } from '../profile';

type Obj = Record<string, CtyValue>;

/** Drops Terraform's nulls so that unset optional fields are absent, as the domain expects. */
function withoutNulls(value: CtyValue): any {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
  }
  return value;
}

/** A domain layer as the Terraform block value: every attribute present, unset ones null. */
export function layerToBlock(layer: Layer): Obj {
  const block = (source: object | undefined, names: string[]): Obj | null =>
    source ? Object.fromEntries(names.map((n) => [n, (source as Obj)[n] ?? null])) : null;
  return {
    name: layer.name,
    manifest: block(layer.manifest, ['content']),
    helm: block(layer.helm, ['chart', 'repository', 'version', 'values', 'release_name', 'namespace', 'create_namespace']),
    zarf: block(layer.zarf, ['source', 'components', 'variables', 'public_key', 'architecture']),
    pack: block(layer.pack, ['registry', 'name', 'version', 'values']),
  };
}

export function layersFromBlocks(blocks: CtyValue): Layer[] {
  return Array.isArray(blocks) ? blocks.map((block) => withoutNulls(block) as Layer) : [];
}

/** A domain variable as the Terraform block value: every attribute present, unset ones null. */
export function variableToBlock(variable: Variable): Obj {
  const names = ['name', 'type', 'description', 'default', 'required', 'pattern', 'allowed'] as const;
  return Object.fromEntries(names.map((name) => [name, (variable[name] ?? null) as CtyValue]));
}

export function variablesFromBlocks(blocks: CtyValue | undefined): Variable[] {
  return Array.isArray(blocks) ? blocks.map((block) => withoutNulls(block) as Variable) : [];
}

/** The content of a configuration's `layer` and `variable` blocks. */
export function contentFromBlocks(values: Obj): ProfileContent {
  return { layers: layersFromBlocks(values.layer ?? null), variables: variablesFromBlocks(values.variable) };
}

/** Where the domain's metadata fields live in the Terraform schema of each resource. */
export interface MetadataPaths { name: string; version?: string }

/** Maps a document path to the Terraform attribute path of the same value. */
export function attributePath(issue: ProfileIssue, metadata: MetadataPaths): AttributePath {
  const [head, ...rest] = issue.path;
  if (head === 'layers') return ['layer', ...rest];
  if (head === 'variables') return ['variable', ...rest];
  if (head === 'metadata') {
    const [field, key] = rest;
    if (field === 'name') return [metadata.name];
    if (field === 'version' && metadata.version) return [metadata.version];
    if (field === 'labels') return typeof key === 'string' ? ['labels', { key }] : ['labels'];
    if (field === 'description') return ['description'];
  }
  return [];
}

export function reportIssues(issues: ProfileIssue[], diagnostics: Diagnostics, metadata: MetadataPaths): void {
  for (const issue of issues) diagnostics.error(issue.summary, issue.detail, attributePath(issue, metadata));
}

/** Issues in an imported document all point at `document`; the detail says where inside it. */
export function reportDocumentIssues(issues: ProfileIssue[], diagnostics: Diagnostics): void {
  for (const issue of issues) {
    const where = issue.path.length > 0 ? `In the document at ${formatPath(issue.path)}: ` : '';
    diagnostics.error(issue.summary, `${where}${issue.detail}`, ['document']);
  }
}

export type ContentSource =
  | { kind: 'unknown' }
  | { kind: 'invalid' }
  | { kind: 'known'; content: ProfileContent; document?: ProfileDocument };

/**
 * The content a configuration describes: from `document` when set, else from the layer and variable blocks.
 * Unknown until every value it depends on is known.
 */
export function contentOf(config: Obj, diagnostics?: Diagnostics): ContentSource {
  const document = config.document;
  if (document !== undefined && document !== null) {
    if (!isWhollyKnown(document)) return { kind: 'unknown' };
    const parsed = parseDocument(document as string);
    if (!parsed.document) {
      if (diagnostics) reportDocumentIssues(parsed.issues, diagnostics);
      return { kind: 'invalid' };
    }
    return { kind: 'known', content: { layers: parsed.document.layers, variables: parsed.document.variables }, document: parsed.document };
  }
  if (!isWhollyKnown(config.layer ?? null) || !isWhollyKnown(config.variable ?? null)) return { kind: 'unknown' };
  return { kind: 'known', content: contentFromBlocks(config) };
}

/**
 * A profile document saved from `export_json` (or `snapshot`), for `tofu import` by file path;
 * null, with diagnostics saying why, when it cannot be read or is not valid.
 */
export function readExportedDocument(path: string, otherIdForms: string, diagnostics: Diagnostics): ProfileDocument | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    diagnostics.error('Cannot read the document to import', `Reading "${path}" failed: ${(error as Error).message}. Give a path to a file saved from export_json, or ${otherIdForms}.`);
    return null;
  }
  const parsed = parseDocument(text);
  if (!parsed.document) {
    for (const issue of parsed.issues) diagnostics.error(issue.summary, `In "${path}": ${issue.detail}`);
    return null;
  }
  return parsed.document;
}

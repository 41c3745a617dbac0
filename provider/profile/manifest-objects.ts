// The Kubernetes objects of a multi-document YAML text, and every reason a document can never be
// applied, whatever the cluster. Profile validation reports them all at the profile's own plan;
// rendering (manifests, and helm's output) stops at the first. Rules that depend on the kind (name
// formats, field types, sizes) are the API server's.
import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Alias, type Document, type LineCounter, type Node } from 'yaml';
import { isJsonObject } from './canonical';
import { dnsLabelProblem } from './dns-label';
import { listWords } from './issues';
import { objectIdentity, objectRef, type KubeObject } from './kube-object';
import { parseKubernetesYaml } from './kube-yaml';

/**
 * How far a document's aliases may expand: the yaml package's `maxAliasCount`, which counts each
 * use of an anchor times the aliases inside it. Real manifests stay far below it; "billion laughs"
 * YAML, a few lines that expand to gigabytes, goes far above. Documented in docs/manifests.md.
 */
export const MAX_ALIAS_COUNT = 1000;

/** The namespace that namespaced objects of a manifest layer get when they name none. */
export const DEFAULT_NAMESPACE = 'default';

/** Where in a layer's YAML something is; each field only when known. */
export interface LayerPosition {
  /** 1-based index of the YAML document, counting empty ones, as a reader counts `---` separators. */
  documentIndex?: number;
  /** For an item of a List document: its 1-based index in `items`. */
  item?: number;
  /** 1-based line in the text (not given for helm output, whose lines the user never sees). */
  line?: number;
  /** e.g. "apps/v1 Deployment web/api" (namespace/name; only name when cluster-scoped or unset). */
  objectRef?: string;
  /** For helm output: the template the document came from ("web-app/templates/service.yaml"). */
  source?: string;
}

export interface ManifestObject {
  object: KubeObject;
  location: LayerPosition;
}

export interface ManifestProblem<L extends LayerPosition = LayerPosition> {
  summary: string;
  /** What is wrong and what to do, to follow a description of `location`. */
  what: string;
  location: L;
}

export interface ManifestReading {
  /** In document order, `List` documents flattened; namespaces that are null or "" are removed. */
  objects: ManifestObject[];
  problems: ManifestProblem[];
}

export interface ReadOptions {
  /** Helm output: documents are located by their `# Source:` template instead of by line. */
  helmOutput?: boolean;
}

type Path = (string | number)[];

export function readManifest(text: string, options: ReadOptions = {}): ManifestReading {
  const parsed = parseKubernetesYaml(text);
  const lines = options.helmOutput ? undefined : parsed.lines;
  const reading: ManifestReading = { objects: [], problems: [] };
  parsed.documents.forEach((document, i) => {
    const start = document.contents?.range[0] ?? document.range[0];
    const location: LayerPosition = { documentIndex: i + 1 };
    if (options.helmOutput) {
      const source = /^#\s*Source:\s*(\S.*?)\s*$/m.exec(text.slice(document.range[0], start));
      if (source) location.source = source[1]!;
    }
    const value = documentValue(document, location, lines, reading.problems);
    if (value === null || value === undefined) return; // empty (or only comments), or a problem
    const at = (path: Path) => lineOf(lines, offsetAt(document, path) ?? start);
    readObjects(value, { ...location, ...at([]) }, at, [], reading);
  });
  return reading;
}

/**
 * Two documents of one layer that are the same object, whatever their API versions. Objects without
 * a namespace count as in `namespace`: rendering, which resolves namespaces first, passes none.
 */
export function duplicateProblems<L extends LayerPosition>(objects: { object: KubeObject; location: L }[], namespace?: string): ManifestProblem<L>[] {
  const seen = new Map<string, { location: L }>();
  const problems: ManifestProblem<L>[] = [];
  for (const current of objects) {
    const { apiVersion, kind, metadata } = current.object;
    const identity = objectIdentity({ apiVersion, kind, metadata: { name: metadata.name, namespace: metadata.namespace ?? namespace } });
    const first = seen.get(identity);
    if (!first) {
      seen.set(identity, current);
      continue;
    }
    problems.push({
      summary: 'Object defined twice in a layer',
      location: current.location,
      what:
        `the object is defined twice in this layer: ${describePosition(first.location) || 'an earlier document'} defines ${first.location.objectRef} already. ` +
        'Remove one of the two documents (or give them different names or namespaces).',
    });
  }
  return problems;
}

/** `<layer>, document 3 (from web-app/templates/a.yaml), item 2, line 12, object apps/v1 Deployment web/api`, naming the layer as given. */
export function describeWhere(layer: string, location: LayerPosition): string {
  const object = location.objectRef !== undefined ? `object ${location.objectRef}` : '';
  return [layer, describePosition(location), object].filter(Boolean).join(', ');
}

/** The position inside the layer: `document 3 (from web-app/templates/a.yaml), item 2, line 12` ("" if none). */
function describePosition(location: LayerPosition): string {
  const parts: string[] = [];
  if (location.documentIndex !== undefined) {
    parts.push(`document ${location.documentIndex}${location.source ? ` (from ${location.source})` : ''}`);
  }
  if (location.item !== undefined) parts.push(`item ${location.item}`);
  if (location.line !== undefined) parts.push(`line ${location.line}`);
  return parts.join(', ');
}

/** `{ line }` of the offset, or nothing without lines (helm output). */
function lineOf(lines: LineCounter | undefined, offset: number): { line?: number } {
  return lines ? { line: lines.linePos(offset).line } : {};
}

/** The document as plain data; undefined, with a problem, when it cannot be read. */
function documentValue(document: Document.Parsed, location: LayerPosition, lines: LineCounter | undefined, problems: ManifestProblem[]): unknown {
  const error = document.errors[0];
  if (error) {
    // Without pretty errors the message is only the what; the position comes from the offset.
    const column = lines ? ` at column ${lines.linePos(error.pos[0]).col}` : '';
    problems.push({
      summary: 'Invalid YAML in manifest',
      location: { ...location, ...lineOf(lines, error.pos[0]) },
      what: `invalid YAML${column}: ${error.message.trim().replace(/\.$/, '')}. ${
        lines ? 'Fix the YAML there; separate documents with lines of "---".' : 'The chart produced YAML that does not parse: fix the template or its values.'
      }`,
    });
    return undefined;
  }
  const alias = unresolvedAlias(document);
  if (alias) {
    problems.push({
      summary: 'YAML alias without an anchor',
      location: { ...location, ...lineOf(lines, alias.range?.[0] ?? document.range[0]) },
      what: `the alias *${alias.source} refers to no anchor &${alias.source} earlier in this document. Define the anchor before the alias, or write the value out.`,
    });
    return undefined;
  }
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    // Every alias has its anchor (checked above), so a ReferenceError is the expansion limit.
    const at = { ...location, ...lineOf(lines, document.contents?.range[0] ?? document.range[0]) };
    problems.push(err instanceof ReferenceError
      ? {
        summary: 'Too many YAML alias expansions',
        location: at,
        what: `the document's aliases expand past Strata's limit of ${MAX_ALIAS_COUNT} alias expansions, a guard against "billion laughs" YAML. Write the repeated values out, or nest fewer aliases.`,
      }
      : { summary: 'Invalid YAML in manifest', location: at, what: `invalid YAML: ${(err as Error).message.replace(/\.$/, '')}. Fix the YAML there.` });
    return undefined;
  }
}

/** The first alias whose anchor is not set before it (in document order, as aliases resolve). */
function unresolvedAlias(document: Document.Parsed): Alias | undefined {
  const anchors = new Set<string>();
  let found: Alias | undefined;
  visit(document, {
    Node(_key, node) {
      if (isAlias(node)) {
        if (anchors.has(node.source)) return undefined;
        found = node;
        return visit.BREAK;
      }
      if (node.anchor) anchors.add(node.anchor);
      return undefined;
    },
  });
  return found;
}

/**
 * The objects of one document value: itself, or the items of a List (recursively), each checked for
 * what every object needs; a problem for each that lacks it. `path` is where `value` is inside the
 * document, for line numbers.
 */
function readObjects(value: unknown, location: LayerPosition, at: (path: Path) => { line?: number }, path: Path, reading: ManifestReading): void {
  const item = location.item !== undefined;
  const [subject, Subject] = item ? ['the item', 'List item'] : ['the document', 'Manifest document'];
  const problem = (summary: string, what: string, where: Path = []): void => {
    const named = isJsonObject(value) ? { objectRef: objectRef(value) } : {};
    reading.problems.push({ summary, what, location: { ...location, ...at([...path, ...where]), ...named } });
  };
  if (!isJsonObject(value)) {
    problem(`${Subject} is not an object`, `${subject} is ${describeType(value)}, not a mapping: write each ${item ? 'item' : 'document'} as one Kubernetes object with apiVersion, kind and metadata.name.`);
    return;
  }
  const missing = (['apiVersion', 'kind'] as const).filter((field) => value[field] === undefined || value[field] === null || value[field] === '');
  if (missing.length > 0) {
    const examples = missing.map((field) => (field === 'apiVersion' ? '"apiVersion: apps/v1"' : '"kind: Deployment"'));
    problem(`${Subject} is not a Kubernetes object`, `${subject} has no ${listWords(missing)}: every Kubernetes object needs ${missing.length > 1 ? 'them; add them' : 'it; add it'}, e.g. ${listWords(examples)}.`);
    return;
  }
  for (const field of ['apiVersion', 'kind'] as const) {
    if (typeof value[field] !== 'string') {
      problem(`${Subject} is not a Kubernetes object`, `${field} must be a string, not ${describeType(value[field])}; quote it.`, [field]);
      return;
    }
  }
  const kind = value.kind as string;
  if (kind.endsWith('List') && 'items' in value) {
    // kubectl's rule: a kind ending in "List" with `items` is a list of objects, applied one by one.
    const items = value.items;
    if (items === null || items === undefined) return;
    if (!Array.isArray(items)) {
      problem('List items are not a sequence', `items of a ${kind} must be a sequence of objects, not ${describeType(items)}.`, ['items']);
      return;
    }
    items.forEach((entry, index) => readObjects(entry, { ...location, item: location.item ?? index + 1 }, at, [...path, 'items', index], reading));
    return;
  }
  const metadata = value.metadata;
  if (metadata === undefined || metadata === null) {
    problem('Manifest object has no name', `${subject} has no metadata: add metadata.name (and metadata.namespace for a namespaced object, if not the layer's).`);
    return;
  }
  if (!isJsonObject(metadata)) {
    problem('Invalid object metadata', `metadata must be a mapping, not ${describeType(metadata)}.`, ['metadata']);
    return;
  }
  const nameProblem = nameIssue(metadata, subject);
  if (nameProblem) {
    problem(nameProblem.summary, nameProblem.what, nameProblem.where);
    return;
  }
  const namespace = metadata.namespace;
  if (namespace === null || namespace === '') {
    delete metadata.namespace; // unset, so it gets the layer's namespace (or none, when cluster-scoped)
  } else if (namespace !== undefined) {
    const what = typeof namespace === 'string'
      ? dnsLabelProblem(namespace, `metadata.namespace ${JSON.stringify(namespace)}`)
      : `metadata.namespace must be a string, not ${describeType(namespace)}; quote it.`;
    if (what) {
      problem('Invalid object namespace', what, ['metadata', 'namespace']);
      return;
    }
  }
  reading.objects.push({ object: value as KubeObject, location: { ...location, ...at(path), objectRef: objectRef(value) } });
}

/** What is wrong with metadata.name, if anything: it must be there, and it must fit in an API path. */
function nameIssue(metadata: Record<string, unknown>, subject: string): { summary: string; what: string; where: Path } | undefined {
  const name = metadata.name;
  if (name === undefined || name === null || name === '') {
    return {
      summary: 'Manifest object has no name',
      where: ['metadata'],
      what: typeof metadata.generateName === 'string'
        ? 'metadata.name is missing: Strata applies objects by name (server-side apply), so metadata.generateName is not supported; give the object a fixed metadata.name.'
        : `${subject} has no metadata.name: every object Strata applies needs a name; add one.`,
    };
  }
  if (typeof name !== 'string') {
    return { summary: 'Invalid object name', where: ['metadata', 'name'], what: `metadata.name must be a string, not ${describeType(name)}; quote it.` };
  }
  // The API server's rule for every name (path segment names): it becomes part of the object's URL.
  if (name === '.' || name === '..' || /[/%]/.test(name)) {
    return {
      summary: 'Invalid object name',
      where: ['metadata', 'name'],
      what: `metadata.name ${JSON.stringify(name)} cannot be part of an API path: a name may not be "." or "..", nor contain "/" or "%". Rename the object.`,
    };
  }
  return undefined;
}

function describeType(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a sequence';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value} (${JSON.stringify(value)})`;
}

/**
 * The offset of the node at `path` (for a mapping member: of its key, where a reader looks), or of
 * the deepest node on the way there when the path does not exist.
 */
function offsetAt(document: Document.Parsed, path: Path): number | undefined {
  let node: Node | null | undefined = document.contents;
  let offset = node?.range?.[0];
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === step);
      if (!pair) return offset;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step] as Node | undefined;
      if (!item) return offset;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      return offset;
    }
  }
  return offset;
}

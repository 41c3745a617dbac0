// Multi-document YAML to Kubernetes objects, with enough provenance (document index, line, helm
// template) for errors that point at the right place.
import { isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import { parseKubernetesYaml } from '../profile/kube-yaml';
import { diskMemo } from '../util/disk-memo';
import { isJsonObject } from '../profile/canonical';
import { objectRef } from './objects';
import { renderError, type KubeObject, type RenderLocation } from './types';

/** An object and where it came from. */
export interface SourcedObject {
  object: KubeObject;
  location: RenderLocation;
}

export interface ParseOptions {
  layer: string;
  /**
   * Helm output: documents are located by their `# Source:` template instead of by line, since the
   * user never sees helm's output.
   */
  helmOutput?: boolean;
}

/**
 * The objects of a multi-document YAML text, in document order: empty documents skipped, `List`
 * documents flattened, `status` and `creationTimestamp: null` noise removed. Each document must be
 * a mapping with apiVersion, kind and metadata.name; anything else is a RenderError naming the
 * layer, the document (1-based, counting empty ones, as a reader counts `---` separators) and line.
 */
export function parseObjects(text: string, options: ParseOptions): SourcedObject[] {
  // Each Terraform phase runs in a new provider process that would parse the same text again.
  // Objects holding Secret data are never written to disk.
  return diskMemo('objects', `${options.layer}\0${options.helmOutput ? 'helm' : 'manifest'}\0${text}`, () => parseObjectsNow(text, options),
    (objects) => !objects.some(({ object }) => object.kind === 'Secret'));
}

function parseObjectsNow(text: string, options: ParseOptions): SourcedObject[] {
  const { documents, lines: lineCounter } = parseKubernetesYaml(text);
  const result: SourcedObject[] = [];
  documents.forEach((document, i) => {
    const location: RenderLocation = { layer: options.layer, documentIndex: i + 1 };
    const lineOf = (offset: number | undefined): number | undefined =>
      offset === undefined || options.helmOutput ? undefined : lineCounter.linePos(offset).line;
    const start = document.contents?.range[0] ?? document.range[0];
    if (options.helmOutput) {
      const source = /^#\s*Source:\s*(\S.*?)\s*$/m.exec(text.slice(document.range[0], start));
      if (source) location.source = source[1]!;
    }
    const error = document.errors[0];
    if (error) {
      // Without pretty errors the message is only the what; the position comes from the offset.
      const what = error.message.trim();
      const position = lineCounter.linePos(error.pos[0]);
      const line = options.helmOutput ? undefined : position?.line;
      throw renderError(
        { ...location, ...(line !== undefined ? { line } : {}) },
        `invalid YAML: ${what}${position && line !== undefined ? ` (column ${position.col})` : ''}. ${
          options.helmOutput ? 'The chart produced YAML that does not parse: fix the template or its values.' : 'Fix the YAML syntax.'
        }`,
      );
    }
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: 1000 });
    } catch (err) {
      throw renderError({ ...location, ...line(lineOf(start)) }, `invalid YAML: ${(err as Error).message}. Fix the YAML.`, err);
    }
    if (value === null || value === undefined) return; // an empty document (or only comments)
    const at = (path: (string | number)[]): number | undefined => lineOf(offsetAt(document, path) ?? start);
    for (const object of toObjects(value, { ...location, ...line(at([])) }, at, [])) result.push(object);
  });
  return result;
}

function line(value: number | undefined): { line?: number } {
  return value === undefined ? {} : { line: value };
}

/**
 * The objects of one document value: itself, or the items of a List (recursively). `path` is where
 * `value` is inside the document, for line numbers.
 */
function toObjects(
  value: unknown,
  location: RenderLocation,
  at: (path: (string | number)[]) => number | undefined,
  path: (string | number)[],
): SourcedObject[] {
  const where = (subpath: (string | number)[]): RenderLocation => ({ ...location, ...line(at([...path, ...subpath])) });
  const what = location.item !== undefined ? 'the item' : 'the document';
  if (!isJsonObject(value)) {
    throw renderError(
      where([]),
      `${what} is ${describeType(value)}, not a mapping: each document must be one Kubernetes object with apiVersion, kind and metadata.name.`,
    );
  }
  for (const field of ['apiVersion', 'kind'] as const) {
    const fieldValue = value[field];
    if (fieldValue === undefined || fieldValue === null || fieldValue === '') {
      throw renderError(
        { ...where([]), objectRef: objectRef(value) },
        `${what} has no ${field}: every Kubernetes object needs ${field === 'apiVersion' ? 'an apiVersion (e.g. "apps/v1")' : 'a kind (e.g. "Deployment")'}; add it.`,
      );
    }
    if (typeof fieldValue !== 'string') {
      throw renderError({ ...where([field]), objectRef: objectRef(value) }, `${field} must be a string, not ${describeType(fieldValue)}; quote it.`);
    }
  }
  const kind = value.kind as string;
  if (kind.endsWith('List') && 'items' in value) {
    // kubectl's rule: a kind ending in "List" with `items` is a list of objects, applied one by one.
    const items = value.items;
    if (items === null || items === undefined) return [];
    if (!Array.isArray(items)) {
      throw renderError({ ...where(['items']), objectRef: `${value.apiVersion as string} ${kind}` }, `items of a ${kind} must be a sequence of objects, not ${describeType(items)}.`);
    }
    return items.flatMap((item, index) =>
      toObjects(item, { ...location, item: location.item ?? index + 1 }, at, [...path, 'items', index]),
    );
  }
  const metadata = value.metadata;
  if (!isJsonObject(metadata)) {
    throw renderError(
      { ...where(metadata === undefined ? [] : ['metadata']), objectRef: objectRef(value) },
      metadata === undefined || metadata === null
        ? `${what} has no metadata: add metadata.name (and metadata.namespace for a namespaced object, if not the layer's).`
        : `metadata must be a mapping, not ${describeType(metadata)}.`,
    );
  }
  const name = metadata.name;
  if (name === undefined || name === null || name === '') {
    const generated = typeof metadata.generateName === 'string';
    throw renderError(
      { ...where(['metadata']), objectRef: objectRef(value) },
      generated
        ? 'metadata.name is missing: Strata applies objects by name (server-side apply), so metadata.generateName is not supported; give the object a fixed metadata.name.'
        : `${what} has no metadata.name: every object Strata applies needs a name; add one.`,
    );
  }
  if (typeof name !== 'string') {
    throw renderError({ ...where(['metadata', 'name']), objectRef: objectRef(value) }, `metadata.name must be a string, not ${describeType(name)}; quote it.`);
  }
  const namespace = metadata.namespace;
  if (namespace === null || namespace === '') {
    delete metadata.namespace; // unset, so it gets the layer's namespace (or none, when cluster-scoped)
  } else if (namespace !== undefined && typeof namespace !== 'string') {
    throw renderError({ ...where(['metadata', 'namespace']), objectRef: objectRef(value) }, `metadata.namespace must be a string, not ${describeType(namespace)}; quote it.`);
  }
  stripNoise(value);
  return [{ object: value as KubeObject, location: { ...where([]), objectRef: objectRef(value) } }];
}

/**
 * Removes what is not desired state: `status` (the cluster writes it; helm and `kubectl get -o yaml`
 * output carry it, e.g. a CRD's empty status) and `creationTimestamp: null` in any metadata
 * (which `kubectl create --dry-run -o yaml` and some charts emit for objects and pod templates).
 */
function stripNoise(object: Record<string, unknown>): void {
  delete object.status;
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (isJsonObject(value)) {
      for (const [key, member] of Object.entries(value)) {
        if (key === 'metadata' && isJsonObject(member) && member.creationTimestamp === null) delete member.creationTimestamp;
        walk(member);
      }
    }
  };
  walk({ metadata: object.metadata, spec: object.spec, template: object.template });
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
function offsetAt(document: Document.Parsed, path: (string | number)[]): number | undefined {
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

// Placeholders `{{ .strata.var.NAME }}` in a layer's manifests and values, and their substitution.
//
// Substitution works on parsed YAML, never on the text: a value lands in one scalar node and the
// YAML writer quotes it as needed, so a value holding `: `, `#`, quotes or newlines stays one
// string. A scalar that is exactly one placeholder takes the variable's type (a number variable
// gives `replicas: 3`); a placeholder inside longer text is replaced by the value's text. Unquoted,
// `key: {{ .strata.var.x }}` parses as a flow mapping inside a flow mapping; that shape is
// recognised as the placeholder it was meant to be. `\{{ .strata.var.x }}` is the placeholder
// written literally: the backslash is dropped and nothing is substituted.
import { isMap, isScalar, parseAllDocuments, visit, type Document, type Scalar, type YAMLMap } from 'yaml';
import { KUBERNETES_YAML } from './kube-yaml';
import type { Layer } from './model';

export type VariableValue = string | number | boolean;
export type VariableValues = Readonly<Record<string, VariableValue>>;

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
const PLACEHOLDER = new RegExp(`(\\\\?)\\{\\{\\s*\\.strata\\.var\\.(${NAME})\\s*\\}\\}`, 'g');
const WHOLE = new RegExp(`^\\{\\{\\s*\\.strata\\.var\\.(${NAME})\\s*\\}\\}$`);
const FLOW_KEY = new RegExp(`^\\.strata\\.var\\.(${NAME})$`);
// Anything that starts like a Strata placeholder, to tell a misspelt one from other `{{ }}` text.
const STRATA_START = /(\\?)\{\{\s*\.strata\b[^}\n]{0,60}(\}\})?/g;

/** A text that may hold placeholders, where it sits in the layer, and whether it is YAML. */
export interface PlaceholderField {
  /** Where the field is in the layer, e.g. `['helm', 'values']`. */
  path: string[];
  /** For a member of a map of strings (zarf variables): its key. */
  key?: string;
  text: string;
  yaml: boolean;
}

/** The fields of a layer where placeholders are substituted. */
export function placeholderFields(layer: Partial<Layer>): PlaceholderField[] {
  const fields: PlaceholderField[] = [];
  const { manifest, helm, pack, zarf } = layer;
  if (typeof manifest?.content === 'string') fields.push({ path: ['manifest', 'content'], text: manifest.content, yaml: true });
  if (typeof helm?.values === 'string') fields.push({ path: ['helm', 'values'], text: helm.values, yaml: true });
  if (typeof pack?.values === 'string') fields.push({ path: ['pack', 'values'], text: pack.values, yaml: true });
  if (zarf?.variables && typeof zarf.variables === 'object') {
    for (const [key, text] of Object.entries(zarf.variables)) {
      if (typeof text === 'string') fields.push({ path: ['zarf', 'variables'], key, text, yaml: false });
    }
  }
  return fields;
}

export interface PlaceholderScan {
  /** Variables named by placeholders, each once, in order of first use. */
  names: string[];
  /** Text that starts like a placeholder but is not one (`{{ .strata.var.my-var }}`, `{{ .strata.vars.x }}`). */
  malformed: string[];
}

export function scanPlaceholders(text: string): PlaceholderScan {
  const names = new Set<string>();
  const valid = new Set<number>();
  for (const match of text.matchAll(PLACEHOLDER)) {
    valid.add(match.index + match[1]!.length);
    if (!match[1]) names.add(match[2]!);
  }
  const malformed: string[] = [];
  for (const match of text.matchAll(STRATA_START)) {
    if (!match[1] && !valid.has(match.index)) malformed.push(match[0]);
  }
  return { names: [...names], malformed };
}

/** Replaces placeholders in plain text (not YAML); escaped ones lose their backslash. */
export function substituteText(text: string, values: VariableValues): string {
  return text.replace(PLACEHOLDER, (whole, escape: string, name: string) => (escape ? whole.slice(1) : String(valueOf(values, name))));
}

/**
 * The YAML `text` (one or more documents) with every placeholder replaced. Text without any
 * placeholder comes back unchanged, byte for byte; other text is written again by the YAML writer
 * (comments kept). Throws on YAML that does not parse: validation reports that before.
 */
export function substituteYaml(text: string, values: VariableValues): string {
  if (!text.includes('.strata.var.')) return text;
  const documents = parseAllDocuments(text, { ...KUBERNETES_YAML, prettyErrors: false } as never) as Document.Parsed[] | { empty: true };
  if (!Array.isArray(documents)) return text;
  const broken = documents.flatMap((document) => document.errors)[0];
  if (broken) throw new Error(`YAML with placeholders does not parse: ${broken.message}`);
  for (const document of documents) {
    // visit() goes on into the node a visitor returns: substituted nodes are not visited again, so
    // a value that itself reads like a placeholder stays as it is.
    const substituted = new WeakSet<object>();
    const replacement = (value: VariableValue, like: Scalar | YAMLMap) => {
      const node = document.createNode(value);
      node.comment = like.comment;
      node.commentBefore = like.commentBefore;
      substituted.add(node);
      return node;
    };
    visit(document, {
      Map: (_key, node) => {
        const name = flowPlaceholder(node);
        return name === undefined ? undefined : replacement(valueOf(values, name), node);
      },
      Scalar: (key, node) => {
        if (substituted.has(node) || typeof node.value !== 'string' || !node.value.includes('.strata.var.')) return undefined;
        const whole = WHOLE.exec(node.value);
        // Keys stay strings; a value that is one placeholder takes the variable's type.
        if (whole && key !== 'key') return replacement(valueOf(values, whole[1]!), node);
        return replacement(substituteText(node.value, values), node);
      },
    });
  }
  // No line width: long strings are not folded, so lines stay where they were as far as possible.
  return documents.map((document) => document.toString({ lineWidth: 0 })).join('');
}

/** The layers with every placeholder of their manifests and values replaced. */
export function substituteLayers(layers: Layer[], values: VariableValues): Layer[] {
  return layers.map((layer) => {
    const fields = placeholderFields(layer);
    if (fields.every((field) => !field.text.includes('.strata.var.'))) return layer;
    const copy = structuredClone(layer);
    for (const field of fields) {
      const replaced = field.yaml ? substituteYaml(field.text, values) : substituteText(field.text, values);
      setAt(copy as unknown as Record<string, unknown>, field.key === undefined ? field.path : [...field.path, field.key], replaced);
    }
    return copy;
  });
}

/**
 * The layers with each placeholder kept as its own text, in one string scalar: what a cluster-less
 * reader (the diff function) shows, e.g. `v1 Namespace team-{{ .strata.var.team }}`, where an
 * unquoted placeholder would otherwise read as a mapping.
 */
export function placeholdersAsWritten(layers: Layer[]): Layer[] {
  const names = new Set(layers.flatMap((layer) => placeholderFields(layer).flatMap((field) => scanPlaceholders(field.text).names)));
  return substituteLayers(layers, Object.fromEntries([...names].map((name) => [name, `{{ .strata.var.${name} }}`])));
}

/** `{{ .strata.var.x }}` unquoted: a flow mapping whose one key is a flow mapping whose one key is `.strata.var.x`. */
function flowPlaceholder(node: YAMLMap): string | undefined {
  if (!node.flow || node.items.length !== 1) return undefined;
  const [outer] = node.items;
  if (!isMap(outer!.key) || !isNullish(outer!.value) || !outer!.key.flow || outer!.key.items.length !== 1) return undefined;
  const [inner] = outer!.key.items;
  if (!isScalar(inner!.key) || !isNullish(inner!.value) || typeof inner!.key.value !== 'string') return undefined;
  return FLOW_KEY.exec(inner!.key.value)?.[1];
}

function isNullish(value: unknown): boolean {
  return value === null || value === undefined || (isScalar(value) && value.value === null && value.source === '');
}

function valueOf(values: VariableValues, name: string): VariableValue {
  const value = values[name];
  // Validation makes every placeholder name a declared variable, and resolution gives each one a value.
  if (value === undefined) throw new Error(`no value for variable "${name}"`);
  return value;
}

function setAt(target: Record<string, unknown>, path: string[], value: string): void {
  let node = target;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string, unknown>;
  node[path[path.length - 1]!] = value;
}

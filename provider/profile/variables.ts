// Profile variables: the checks on their declarations and on the placeholders that use them, and
// the values a cluster sets for them (read per type, checked, defaults filled in).
import { canonicalJson, isJsonObject } from './canonical';
import { contentDigest, sha256 } from './digest';
import { listWords } from './issues';
import { VARIABLE_TYPES } from './model';
import type { Layer, ProfileContent, ProfileIssue, Variable, VariableType } from './model';
import { placeholderFields, scanPlaceholders, substituteYaml, type VariableValue } from './substitute';

/** What a placeholder can name: letters, digits and `_`, not starting with a digit (as Go templates and HCL allow). */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** JSON's number syntax, which is what HCL writes when a number is converted to a string. */
const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

const typeOf = (variable: Partial<Variable>): VariableType => (VARIABLE_TYPES.includes(variable.type as VariableType) ? variable.type! : 'string');

/** The value `text` stands for as a `type`, or why it is not one. */
export function readValue(type: VariableType, text: string): { value: VariableValue } | { problem: string } {
  switch (type) {
    case 'number':
      return NUMBER.test(text) ? { value: Number(text) } : { problem: `${JSON.stringify(text)} is not a number (write it like 3, -1.5 or 2e3)` };
    case 'bool':
      return text === 'true' || text === 'false' ? { value: text === 'true' } : { problem: `${JSON.stringify(text)} is not a bool (write true or false)` };
    default:
      return { value: text };
  }
}

/** The whole value must match (the pattern is anchored at both ends). */
function compilePattern(pattern: string): RegExp | { problem: string } {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

/** Why `text` is no acceptable value of `variable` (type, then pattern, then allowed), or undefined. */
export function valueProblem(variable: Partial<Variable>, text: string): string | undefined {
  const type = typeOf(variable);
  const read = readValue(type, text);
  if ('problem' in read) return read.problem;
  if (typeof variable.pattern === 'string') {
    const pattern = compilePattern(variable.pattern);
    if (pattern instanceof RegExp && !pattern.test(text)) return `${JSON.stringify(text)} does not match the pattern ${variable.pattern}`;
  }
  if (Array.isArray(variable.allowed)) {
    const same = (allowed: string) => {
      const other = readValue(type, allowed);
      return 'value' in other && other.value === read.value;
    };
    if (!variable.allowed.some(same)) return `${JSON.stringify(text)} is not one of the allowed values ${variable.allowed.map((a) => JSON.stringify(a)).join(', ')}`;
  }
  return undefined;
}

/**
 * The rules for `variables` a JSON Schema cannot state: names placeholders can use, unique names,
 * patterns that compile, defaults and allowed values of the declared type, and a value for every
 * variable a cluster may leave unset. Anything of the wrong shape is the schema's to report.
 */
export function declarationIssues(variables: unknown): ProfileIssue[] {
  if (!Array.isArray(variables)) return [];
  const issues: ProfileIssue[] = [];
  const firstUse = new Map<string, number>();
  variables.forEach((variable, index) => {
    if (!isJsonObject(variable)) return;
    const at = ['variables', index];
    const { name, pattern, allowed, required } = variable as Partial<Variable>;
    const label = typeof name === 'string' ? `Variable ${JSON.stringify(name)}` : `The variable at variables[${index}]`;
    const type = typeOf(variable);
    if (typeof name === 'string') {
      if (!VARIABLE_NAME.test(name)) {
        const suggestion = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^(?=[0-9])/, '_') || 'region';
        issues.push({
          path: [...at, 'name'], summary: 'Invalid variable name',
          detail: `${label}: a name in {{ .strata.var.NAME }} has only letters, digits and "_", and does not start with a digit. Rename it, e.g. ${JSON.stringify(suggestion)}.`,
        });
      }
      const earlier = firstUse.get(name);
      if (earlier === undefined) firstUse.set(name, index);
      else issues.push({ path: [...at, 'name'], summary: 'Duplicate variable name', detail: `${label} is already declared at variables[${earlier}]. Give every variable a unique name.` });
    }
    if (typeof pattern === 'string') {
      const compiled = compilePattern(pattern);
      if (!(compiled instanceof RegExp)) {
        issues.push({ path: [...at, 'pattern'], summary: 'Invalid pattern', detail: `${label}: ${compiled.problem}. Write a JavaScript regular expression that the whole value must match, e.g. "[a-z]+-[0-9]+".` });
      }
      if (Array.isArray(allowed)) {
        issues.push({ path: at, summary: 'Both pattern and allowed', detail: `${label} has both pattern and allowed. Keep one: allowed lists every accepted value, pattern describes them.` });
      }
    }
    if (Array.isArray(allowed)) {
      allowed.forEach((value, item) => {
        if (typeof value !== 'string') return;
        const read = readValue(type, value);
        if ('problem' in read) issues.push({ path: [...at, 'allowed', item], summary: 'Invalid allowed value', detail: `${label} is a ${type}, but allowed value ${read.problem}. Correct it.` });
      });
    }
    if (typeof variable.default === 'string') {
      if (required === true) {
        issues.push({
          path: [...at, 'default'], summary: 'Default of a required variable',
          detail: `${label} is required, so every cluster sets it and its default would never be used. Remove default, or required.`,
        });
      } else {
        const problem = valueProblem(variable, variable.default);
        if (problem) issues.push({ path: [...at, 'default'], summary: 'Invalid default', detail: `${label}: the default ${problem}. Correct the default.` });
      }
    } else if (required !== true && type !== 'string') {
      issues.push({
        path: at, summary: 'Variable without a value',
        detail: `${label} is a ${type} that is neither required nor has a default, so a cluster that leaves it unset would have no value for it. Add default, or set required = true.`,
      });
    }
  });
  return issues;
}

/**
 * Placeholders that name no declared variable, and text that looks like a placeholder but is not
 * one, in every layer's manifests and values; each issue names the layer and the variable.
 */
export function placeholderIssues(layers: unknown, variables: unknown): ProfileIssue[] {
  if (!Array.isArray(layers)) return [];
  const declared = declaredNames(variables);
  const issues: ProfileIssue[] = [];
  layers.forEach((layer, index) => {
    if (!isJsonObject(layer)) return;
    const label = typeof layer.name === 'string' ? `Layer ${JSON.stringify(layer.name)}` : `The layer at layers[${index}]`;
    for (const field of placeholderFields(layer)) {
      const path = ['layers', index, ...field.path];
      const { names, malformed } = scanPlaceholders(field.text);
      for (const name of names.filter((n) => !declared.includes(n))) {
        issues.push({
          path, summary: 'Undeclared variable',
          detail: `${label} uses {{ .strata.var.${name} }} in ${field.path.join('.')}, but the profile declares no variable ${JSON.stringify(name)}` +
            `${declared.length > 0 ? ` (it declares ${listWords(declared.map((d) => JSON.stringify(d)))})` : ''}. Add a variable block named ${JSON.stringify(name)}, or correct the name.`,
        });
      }
      for (const text of malformed) {
        issues.push({
          path, summary: 'Invalid placeholder',
          detail: `${label} has ${JSON.stringify(text)} in ${field.path.join('.')}, which is not a placeholder. Write {{ .strata.var.NAME }} with the name of a declared variable, or \\{{ .strata.var.NAME }} for the text itself.`,
        });
      }
    }
  });
  return issues;
}

/**
 * `text` with its placeholders replaced by stand-ins of each variable's type, for the checks that
 * read manifests and values: a placeholder is checked as a value of its type would be. Text that
 * does not parse comes back as it is, for those checks to report.
 */
export function withStandIns(text: string, variables: unknown): string {
  const { names } = scanPlaceholders(text);
  if (names.length === 0) return text;
  const types = new Map(Array.isArray(variables) ? variables.filter(isJsonObject).map((v) => [v.name, typeOf(v)] as const) : []);
  const standIns = Object.fromEntries(names.map((name) => [name, standIn(name, types.get(name) ?? 'string')]));
  try {
    return substituteYaml(text, standIns);
  } catch {
    return text;
  }
}

/** A value of the type that fits where names go (a DNS label), so that names built from variables pass. */
function standIn(name: string, type: VariableType): VariableValue {
  if (type === 'number') return 1;
  if (type === 'bool') return true;
  return `var-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/-+$/, '')}`.slice(0, 40).replace(/-+$/, '');
}

/** The layers that use each variable, by variable name, in layer order. */
export function variableUses(layers: Layer[]): Map<string, string[]> {
  const uses = new Map<string, string[]>();
  for (const layer of layers) {
    for (const name of new Set(placeholderFields(layer).flatMap((field) => scanPlaceholders(field.text).names))) {
      uses.set(name, [...(uses.get(name) ?? []), layer.name]);
    }
  }
  return uses;
}

/** A problem with the values a cluster sets; `name` when it is about one value the cluster set. */
export interface VariableProblem {
  summary: string;
  detail: string;
  name?: string;
}

export interface ResolvedVariables {
  /** Every declared variable's value, as placeholders take it. */
  values: Record<string, VariableValue>;
  problems: VariableProblem[];
}

/**
 * The values of `content`'s variables for cluster `cluster`, from what it sets (`set`, strings as
 * Terraform's map of strings holds them) and the defaults. Every problem is reported, each naming
 * the variable, the cluster and the layers that use the variable.
 */
export function resolveVariables(content: ProfileContent, set: Readonly<Record<string, string>>, cluster: string): ResolvedVariables {
  const declared = content.variables ?? [];
  const uses = variableUses(content.layers);
  const usedBy = (name: string) => {
    const layers = uses.get(name) ?? [];
    return layers.length === 0 ? 'no layer uses it' : `used by layer${layers.length > 1 ? 's' : ''} ${listWords(layers.map((l) => JSON.stringify(l)))}`;
  };
  const problems: VariableProblem[] = [];
  const names = declared.map((v) => v.name);
  for (const name of Object.keys(set).filter((n) => !names.includes(n))) {
    problems.push({
      name, summary: 'Unknown variable',
      detail: `Cluster ${JSON.stringify(cluster)} sets variable ${JSON.stringify(name)}, which its profile does not declare ` +
        `(${names.length > 0 ? `it declares ${listWords(names.map((n) => JSON.stringify(n)))}` : 'it declares none'}). Remove it from variables, or correct the name.`,
    });
  }
  const values: Record<string, VariableValue> = {};
  for (const variable of declared) {
    const text = set[variable.name];
    if (text === undefined) {
      if (variable.required) {
        problems.push({
          summary: 'Missing required variable',
          detail: `Cluster ${JSON.stringify(cluster)} does not set variable ${JSON.stringify(variable.name)}, which its profile requires (${usedBy(variable.name)})` +
            `${variable.description ? `: ${variable.description}` : ''}. Add it to the cluster's variables, e.g. variables = { ${variable.name} = ${example(variable)} }.`,
        });
        continue;
      }
      const read = readValue(typeOf(variable), variable.default ?? '');
      if ('value' in read) values[variable.name] = read.value;
      continue;
    }
    const problem = valueProblem(variable, text);
    if (problem) {
      problems.push({
        name: variable.name, summary: 'Invalid variable value',
        detail: `Variable ${JSON.stringify(variable.name)} of cluster ${JSON.stringify(cluster)} (${usedBy(variable.name)}): ${problem}.` +
          `${variable.description ? ` It is: ${variable.description}.` : ''} Set a valid value.`,
      });
      continue;
    }
    values[variable.name] = (readValue(typeOf(variable), text) as { value: VariableValue }).value;
  }
  return { values, problems };
}

/**
 * The digest of what a cluster runs: the content's digest, and, when the profile declares
 * variables, the values they resolved to (content without variables keeps its own digest).
 */
export function appliedDigest(content: ProfileContent, values: Readonly<Record<string, VariableValue>>): string {
  if (!content.variables || content.variables.length === 0) return contentDigest(content);
  return sha256(canonicalJson({ content: contentDigest(content), variables: values }));
}

/** Values as the in-cluster record keeps them: text, as a cluster sets them. */
export function valuesAsText(values: Readonly<Record<string, VariableValue>>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, String(value)]));
}

function declaredNames(variables: unknown): string[] {
  return Array.isArray(variables) ? variables.filter(isJsonObject).map((v) => v.name).filter((n): n is string => typeof n === 'string') : [];
}

function example(variable: Variable): string {
  const type = typeOf(variable);
  if (variable.allowed?.[0] !== undefined) return type === 'string' ? JSON.stringify(variable.allowed[0]) : variable.allowed[0];
  return type === 'number' ? '3' : type === 'bool' ? 'true' : '"..."';
}

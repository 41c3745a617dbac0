// Zarf's deploy-time templates: `###ZARF_VAR_NAME###` from the package's variables (the layer's
// value, else the package default; a `prompt` variable has no one to ask, so the layer must set it)
// and `###ZARF_CONST_NAME###` from its constants. Replaced line by line as Zarf replaces them: an
// `autoIndent` value's later lines are indented as far as the placeholder, and a placeholder with no
// value (e.g. `###ZARF_REGISTRY###`, which needs Zarf's own state) is left as written.
import type { ZarfPackage } from './package';

/** A variable problem; the message names the variable and what to do. */
export class VariableError extends Error {
  override name = 'VariableError';
}

export interface Template {
  value: string;
  autoIndent: boolean;
  sensitive: boolean;
}

/** The templates by placeholder (`###ZARF_VAR_NAME###`), from the package and the layer's values. */
export function packageTemplates(pkg: ZarfPackage, given: Record<string, string> = {}): Map<string, Template> {
  const values = new Map(Object.entries(given).map(([name, value]) => [name.toUpperCase(), value]));
  const templates = new Map<string, Template>();
  // As in Zarf, a value the package does not declare still fills its placeholder.
  for (const [name, value] of values) templates.set(`###ZARF_VAR_${name}###`, { value, autoIndent: false, sensitive: false });
  for (const variable of pkg.variables ?? []) {
    const name = variable.name.toUpperCase();
    const value = values.get(name) ?? (variable.prompt ? undefined : variable.default ?? '');
    if (value === undefined) {
      throw new VariableError(
        `the package variable ${name} is required (it prompts in \`zarf package deploy\`)${variable.description ? `: ${variable.description}` : ''}. ` +
          `Set it in zarf.variables, e.g. variables = { ${name} = "..." }.`,
      );
    }
    if (variable.pattern && !patternOf(name, variable.pattern).test(value)) {
      throw new VariableError(`the value of package variable ${name} does not match its pattern ${variable.pattern}. Set a matching value in zarf.variables.`);
    }
    templates.set(`###ZARF_VAR_${name}###`, { value, autoIndent: variable.autoIndent ?? false, sensitive: variable.sensitive ?? false });
  }
  for (const constant of pkg.constants ?? []) {
    templates.set(`###ZARF_CONST_${constant.name.toUpperCase()}###`, { value: constant.value, autoIndent: constant.autoIndent ?? false, sensitive: false });
  }
  return templates;
}

function patternOf(name: string, pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch (err) {
    throw new VariableError(`the package variable ${name} has the pattern ${pattern}, which is not a regular expression (${(err as Error).message}). Fix the pattern in the package.`);
  }
}

const PLACEHOLDER = /###ZARF_[A-Z0-9_]+###/g;

/** The text with each known placeholder replaced; every line ends with a newline afterwards, as in Zarf. */
export function substitute(text: string, templates: Map<string, Template>): string {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines
    .map((line) => {
      let end = 0;
      return line.replace(PLACEHOLDER, (placeholder, offset: number) => {
        // Zarf indents by the text between the previous placeholder (or the line's start) and this one.
        const indent = offset - end;
        end = offset + placeholder.length;
        const template = templates.get(placeholder);
        if (!template) return placeholder;
        return template.autoIndent ? template.value.replace(/\n/g, `\n${' '.repeat(indent)}`) : template.value;
      }) + '\n';
    })
    .join('');
}

/** The placeholders left in a text after substitution, sorted and without repeats. */
export function leftPlaceholders(text: string): string[] {
  return [...new Set(text.match(PLACEHOLDER) ?? [])].sort();
}

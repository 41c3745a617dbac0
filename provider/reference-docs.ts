// The provider's reference documentation in the layout the Terraform and OpenTofu registries use
// (docs/index.md, docs/resources/, docs/data-sources/, docs/functions/), rendered from the schemas
// and function declarations, with each example taken from a configuration under examples/ that the
// tests validate.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { functionPage, providerPage, schemaPage, type PageExample } from './framework/docs';
import { strataProvider } from './provider';

/** The example .tf files, in a stable order. */
function exampleFiles(root: string): string[] {
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name)).flatMap((entry) =>
    entry.isDirectory() ? (entry.name.startsWith('.') || entry.name === 'charts' ? [] : walk(join(dir, entry.name))) : entry.name.endsWith('.tf') ? [join(dir, entry.name)] : []);
  return walk(join(root, 'examples'));
}

/** The first top-level block that opens with `header` in an example, through its closing brace (heredocs included). */
function findBlock(root: string, header: string): PageExample {
  for (const file of exampleFiles(root)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    const start = lines.findIndex((line) => line.startsWith(header));
    if (start < 0) continue;
    const end = lines.findIndex((line, i) => i > start && line === '}');
    if (end < 0) throw new Error(`${relative(root, file)}: the block starting with ${header} has no closing brace at the start of a line`);
    return { hcl: lines.slice(start, end + 1).join('\n'), source: relative(root, file) };
  }
  throw new Error(`no example under examples/ has a block starting with ${header}; add one there (the docs take their examples from it)`);
}

const shortName = (typeName: string) => typeName.replace(`${strataProvider.name}_`, '');

/** Every page, by its path under docs/. */
export function renderReference(root: string): Map<string, string> {
  const pages = new Map<string, string>();
  const index: string[] = [];
  for (const r of strataProvider.resources) {
    const path = `resources/${shortName(r.typeName)}.md`;
    pages.set(path, schemaPage('Resource', strataProvider.name, r.typeName, r.schema, findBlock(root, `resource "${r.typeName}"`)));
    index.push(`- Resource [${r.typeName}](${path})`);
  }
  for (const d of strataProvider.dataSources) {
    const path = `data-sources/${shortName(d.typeName)}.md`;
    pages.set(path, schemaPage('Data Source', strataProvider.name, d.typeName, d.schema, findBlock(root, `data "${d.typeName}"`)));
    index.push(`- Data source [${d.typeName}](${path})`);
  }
  for (const f of strataProvider.functions) {
    const path = `functions/${f.name}.md`;
    pages.set(path, functionPage(strataProvider.name, f));
    index.push(`- Function [provider::${strataProvider.name}::${f.name}](${path})`);
  }
  pages.set('index.md', providerPage(strataProvider.name, strataProvider.schema, findBlock(root, `provider "${strataProvider.name}"`), index));
  return pages;
}

/** The folders of docs/ that hold generated pages only. */
export const GENERATED_FOLDERS = ['resources', 'data-sources', 'functions'];

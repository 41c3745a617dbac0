// The committed CDKTF bindings (cdktf/provider-strata): generated from the current schema, every
// resource, block and nested attribute present, and every source block of a layer optional.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { Attributes, Blocks } from '../../provider/framework/schema';
import { strataProvider } from '../../provider/provider';
import { BINDINGS_DIR, generateBindings } from '../../scripts/cdktf-bindings';

jest.setTimeout(120_000);

const root = join(__dirname, '..', '..', '..');

function files(dir: string): Map<string, string> {
  const walk = (at: string): string[] => readdirSync(at, { withFileTypes: true })
    .flatMap((entry) => entry.isDirectory() ? walk(join(at, entry.name)) : [join(at, entry.name)]);
  return new Map(walk(dir).map((path) => [relative(dir, path), readFileSync(path, 'utf8')]));
}

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

describe('the CDKTF bindings', () => {
  let scratch: string;
  beforeAll(() => { scratch = mkdtempSync(join(tmpdir(), 'strata-bindings-test-')); });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test('are what the generator makes of the current schema (run `npm run bindings` after a schema change)', async () => {
    await generateBindings(join(scratch, 'generated'));
    const generated = files(join(scratch, 'generated', 'providers'));
    const committed = files(join(BINDINGS_DIR, 'providers'));
    expect([...committed.keys()].sort()).toEqual([...generated.keys()].sort());
    for (const [path, content] of generated) expect({ path, content: committed.get(path) }).toEqual({ path, content });
  });

  test('offer every configurable attribute, block and nested attribute of every resource, data source and the provider', () => {
    const configurable = (attributes: Attributes, blocks: Blocks): string[] => [
      ...Object.entries(attributes).filter(([, a]) => a.required || a.optional)
        .flatMap(([name, a]) => [name, ...(a.nested ? configurable(a.nested.attributes, {}) : [])]),
      ...Object.entries(blocks).flatMap(([name, b]) => [name, ...configurable(b.attributes, b.blocks)]),
    ];
    const folders: [string, { attributes: Attributes; blocks: Blocks }][] = [
      ['provider', strataProvider.schema],
      ...strataProvider.resources.map((r): [string, typeof r.schema] => [r.typeName.replace(/^strata_/, '').replace(/_/g, '-'), r.schema]),
      ...strataProvider.dataSources.map((d): [string, typeof d.schema] => [`data-${d.typeName.replace(/_/g, '-')}`, d.schema]),
    ];
    const missing = folders.flatMap(([folder, schema]) => {
      const code = readFileSync(join(BINDINGS_DIR, 'providers', 'strata', folder, 'index.ts'), 'utf8');
      return configurable(schema.attributes, schema.blocks).filter((name) => !new RegExp(`readonly ${camel(name)}\\??: `).test(code)).map((name) => `${folder}: ${name}`);
    });
    expect(missing).toEqual([]);
  });

  test('say of each sensitive input how to keep it out of the synthesized JSON', () => {
    const code = readFileSync(join(BINDINGS_DIR, 'providers', 'strata', 'provider', 'index.ts'), 'utf8');
    expect(code).toMatch(/Bearer token\. Sensitive: CDKTF does not carry this flag, so pass the value from a `TerraformVariable` with `sensitive: true`/);
  });

  test('build as a package of their own: JavaScript and declarations that load with cdktf', async () => {
    const out = mkdtempSync(join(root, 'dist', 'cdktf-package-'));
    try {
      const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
      await promisify(execFile)(process.execPath, [tsc, '-p', BINDINGS_DIR, '--outDir', out]);
      expect(readFileSync(join(out, 'index.d.ts'), 'utf8')).toContain("export * from './providers/strata';");
      const bindings = require(join(out, 'index.js'));
      expect(Object.keys(bindings).sort()).toEqual(['cluster', 'clusterOverride', 'dataStrataPacks', 'dataStrataRenderedLayers', 'profile', 'profileVersion', 'provider']);
      expect(bindings.profileVersion.ProfileVersion.tfResourceType).toBe('strata_profile_version');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('type every source block of a layer as optional: a layer of each kind synthesizes to one block each', () => {
    // Built by tsconfig.cdktf.json; required at run time, so this program does not compile the bindings.
    const { layerKindsSynth } = require(join(root, 'dist', 'test', 'cdktf', 'layer-kinds.js')) as { layerKindsSynth(): string };
    const layers = JSON.parse(layerKindsSynth()).resource.strata_profile_version.kinds.layer;
    expect(layers.map((layer: Record<string, unknown>) => Object.keys(layer).sort())).toEqual([
      ['manifest', 'name'], ['helm', 'name'], ['name', 'zarf'], ['name', 'pack'],
    ]);
  });

  test('do not compile a layer without its name, and compile the same layer with it', async () => {
    // Inside the repository, where `cdktf` resolves from node_modules.
    const snippets = mkdtempSync(join(root, 'dist', 'cdktf-snippets-'));
    const compile = async (layer: string) => {
      const file = join(snippets, `layer-${Math.random().toString(36).slice(2)}.ts`);
      writeFileSync(file, `import { TerraformStack, App } from 'cdktf';
import { profileVersion } from ${JSON.stringify(join(BINDINGS_DIR, 'index'))};
new profileVersion.ProfileVersion(new TerraformStack(new App(), 's'), 'v', { profileId: 'p', version: '1.0.0', layer: [${layer}] });
`);
      const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
      const args = [tsc, '--ignoreConfig', '--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--target', 'ES2022', '--types', 'node', file];
      return promisify(execFile)(process.execPath, args, { cwd: snippets }).then(() => '', (error: { stdout: string }) => error.stdout);
    };
    const [without, withName] = await Promise.all([compile("{ helm: { chart: 'podinfo' } }"), compile("{ name: 'app', helm: { chart: 'podinfo' } }")])
      .finally(() => rmSync(snippets, { recursive: true, force: true }));
    expect(without).toMatch(/error TS2741: Property 'name' is missing in type '\{ helm: \{ chart: string; \}; \}' but required in type 'ProfileVersionLayer'/);
    expect(withName).toBe('');
  });
});

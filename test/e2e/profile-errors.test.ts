// Each kind of bad profile fails `tofu plan` with a diagnostic that names the attribute (tofu shows
// the configuration line the path leads to) and says what to do.
import { TofuWorkspace } from '../harness/tofu';

jest.setTimeout(300_000);

const header = `terraform {
  required_providers {
    strata = { source = "strata/strata" }
  }
}
`;

const manifest = (name: string) => `
  layer {
    name = "${name}"
    manifest {
      content = "apiVersion: v1\\nkind: Namespace\\nmetadata:\\n  name: ${name}\\n"
    }
  }
`;

function documentWith(change: (doc: any) => void): string {
  const doc: any = {
    apiVersion: 'strata.dev/v1alpha1', kind: 'ClusterProfile', metadata: { name: 'web', version: '1.0.0' },
    layers: [{ name: 'base', manifest: { content: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n' } }],
  };
  change(doc);
  return JSON.stringify(doc, null, 2);
}

async function planFails(files: Record<string, string>): Promise<string> {
  const ws = await TofuWorkspace.create({ files: { 'main.tf': header + files['main.tf'], ...Object.fromEntries(Object.entries(files).filter(([n]) => n !== 'main.tf')) } });
  await ws.expect(['init', '-input=false']);
  const plan = await ws.run(['plan', '-input=false']);
  expect(plan.code).toBe(1);
  return plan.stderr;
}

describe('profile diagnostics in tofu plan', () => {
  test('a duplicate layer name names the second layer\'s name attribute', async () => {
    const stderr = await planFails({ 'main.tf': `resource "strata_profile" "bad" {\n  name = "web"\n${manifest('base')}${manifest('base')}}\n` });
    expect(stderr).toContain('Error: Duplicate layer name');
    expect(stderr).toContain('already used by layers[0]');
    expect(stderr).toContain('with strata_profile.bad');
    // Line 17 is the second layer's `name` (header 5 lines, resource and name, first layer at 9-14).
    expect(stderr).toMatch(/on main\.tf line 17, in resource "strata_profile" "bad":\n\s+17:\s+name = "base"/);
  });

  test('a bad semantic version names the version attribute', async () => {
    const stderr = await planFails({ 'main.tf': `resource "strata_profile_version" "bad" {\n  profile_id = "web"\n  version = "1.0"\n${manifest('base')}}\n` });
    expect(stderr).toMatch(/Error: .*version/i);
    expect(stderr).toContain('"1.0"');
    expect(stderr).toMatch(/\d+:\s+version = "1\.0"/);
  });

  test('a layer with two sources names the layer', async () => {
    const stderr = await planFails({
      'main.tf': `resource "strata_profile" "bad" {
  name = "web"
  layer {
    name = "both"
    manifest {
      content = "apiVersion: v1\\nkind: Namespace\\nmetadata:\\n  name: x\\n"
    }
    helm {
      chart = "podinfo"
    }
  }
}
`,
    });
    expect(stderr).toMatch(/Error: .*source/i);
    expect(stderr).toContain('manifest');
    expect(stderr).toContain('helm');
    expect(stderr).toContain('with strata_profile.bad');
  });

  test('a malformed document names the document attribute and the position', async () => {
    const stderr = await planFails({
      'main.tf': 'resource "strata_profile_version" "bad" {\n  profile_id = "web"\n  version = "1.0.0"\n  document = file("${path.module}/web.json")\n}\n',
      'web.json': '{ "apiVersion": "strata.dev/v1alpha1", "kind": "ClusterProfile", "layers": [ }',
    });
    expect(stderr).toMatch(/Error: .*(JSON|document)/i);
    expect(stderr).toMatch(/line 1/i);
    expect(stderr).toMatch(/\d+:\s+document = file/);
  });

  test('an unknown field in a document names the field and where it is', async () => {
    const stderr = await planFails({
      'main.tf': 'resource "strata_profile_version" "bad" {\n  profile_id = "web"\n  version = "1.0.0"\n  document = file("${path.module}/web.json")\n}\n',
      'web.json': documentWith((doc) => { doc.layers[0].manifest.contnet = 'typo'; }),
    });
    expect(stderr).toContain('contnet');
    expect(stderr).toContain('layers[0].manifest');
    expect(stderr).toMatch(/\d+:\s+document = file/);
  });
});

// Documents that no cluster could ever apply fail the version's own plan, one layer each: tofu shows
// the summary and the line of that layer's attribute, and the detail names the layer and document.
describe('manifest documents that can never be applied, in tofu plan', () => {
  const manifestLayer = (name: string, yaml: string) => `  layer {
    name = "${name}"
    manifest {
      content = <<-YAML
        ${yaml.trimEnd().split('\n').join('\n        ')}
      YAML
    }
  }
`;
  const configMap = (metadata: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n${metadata}`;
  const level = (name: string, of: string) => `  ${name}: &${name} [${Array(10).fill(of).join(', ')}]\n`;
  const cases: { layer: string; summary: string; detail: string; yaml?: string; helm?: string; attribute: string }[] = [
    { layer: 'no-name', summary: 'Manifest object has no name', detail: 'Layer "no-name", document 1, line 3', yaml: configMap('  labels: { app: web }\n'), attribute: 'content = <<-YAML' },
    { layer: 'dot-name', summary: 'Invalid object name', detail: 'metadata.name ".." cannot be part of an API path', yaml: configMap('  name: ".."\n'), attribute: 'content = <<-YAML' },
    { layer: 'slash-name', summary: 'Invalid object name', detail: 'metadata.name "a/b" cannot be part of an API path', yaml: configMap('  name: a/b\n'), attribute: 'content = <<-YAML' },
    { layer: 'namespace', summary: 'Invalid object namespace', detail: 'metadata.namespace "Team_A" is not a DNS label (RFC 1123)', yaml: configMap('  name: web\n  namespace: Team_A\n'), attribute: 'content = <<-YAML' },
    { layer: 'alias', summary: 'YAML alias without an anchor', detail: 'Layer "alias", document 1, line 6: the alias *missing refers to no anchor', yaml: `${configMap('  name: web\n')}data:\n  a: *missing\n`, attribute: 'content = <<-YAML' },
    {
      layer: 'laughs', summary: 'Too many YAML alias expansions', detail: "the document's aliases expand past Strata's limit of 1000 alias expansions",
      yaml: `${configMap('  name: lol\n')}data:\n${level('a', '"lol"')}${level('b', '*a')}${level('c', '*b')}${level('d', '*c')}`, attribute: 'content = <<-YAML',
    },
    {
      layer: 'twice', summary: 'Object defined twice in a layer', detail: 'Layer "twice", document 2, line 6, object v1 ConfigMap web: the object is defined twice in this layer: document 1, line 1 defines v1 ConfigMap web already.',
      yaml: `${configMap('  name: web\n')}---\n${configMap('  name: web\n')}`, attribute: 'content = <<-YAML',
    },
    { layer: 'list', summary: 'List item is not an object', detail: 'Layer "list", document 1, item 1, line 4: the item is a string ("web")', yaml: 'apiVersion: v1\nkind: List\nitems:\n  - web\n', attribute: 'content = <<-YAML' },
    {
      layer: 'chart', summary: 'Invalid chart repository', detail: '"file:///srv/charts" is not a chart repository URL helm can use',
      helm: '  layer {\n    name = "chart"\n    helm {\n      chart      = "web"\n      repository = "file:///srv/charts"\n    }\n  }\n', attribute: 'repository = "file:///srv/charts"',
    },
  ];
  const body = `resource "strata_profile_version" "bad" {\n  profile_id = "web"\n  version    = "1.0.0"\n${manifest('base')}${cases.map((c) => c.helm ?? manifestLayer(c.layer, c.yaml!)).join('')}}\n`;
  let stderr = '';

  beforeAll(async () => {
    stderr = await planFails({ 'main.tf': body });
  });

  test.each(cases)('$summary names layer "$layer" and points at its $attribute', ({ layer, summary, detail, attribute }) => {
    // The line of this layer's attribute in main.tf, as tofu numbers it (the header comes first).
    const lines = (header + body).split('\n');
    const layerLine = lines.findIndex((line) => line.includes(`name = "${layer}"`));
    const line = lines.findIndex((text, index) => index > layerLine && text.includes(attribute)) + 1;
    const block = stderr.split(/^Error: /m).find((error) => error.includes(`on main.tf line ${line}, `)) ?? stderr;
    expect(block.split('\n')[0]).toBe(summary);
    expect(block).toContain('with strata_profile_version.bad,');
    expect(block).toMatch(new RegExp(`on main\\.tf line ${line}, in resource "strata_profile_version" "bad":\\n\\s+${line}:\\s+${attribute.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    expect(block.replace(/\s+/g, ' ')).toContain(detail);
  });
});

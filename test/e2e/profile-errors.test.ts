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

// End to end: the real `tofu` installs Strata from a filesystem mirror and manages profiles and
// profile versions through init, validate, plan, apply, import, state show and destroy.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { providerSchemaJson } from '../../provider/framework/provider-schema-json';
import { strataProvider } from '../../provider/provider';
import { PROVIDER_SOURCE, TofuWorkspace } from '../harness/tofu';

jest.setTimeout(300_000);

describe('profiles through the real tofu CLI', () => {
  let ws: TofuWorkspace;

  beforeAll(async () => {
    ws = await TofuWorkspace.create({ example: 'examples/profiles' });
  });

  test('init installs Strata from the filesystem mirror', async () => {
    const init = await ws.expect(['init', '-input=false']);
    expect(init.stdout).toMatch(/Installing strata\/strata v0\.1\.0/);
    expect(init.stdout).toMatch(/Installed strata\/strata v0\.1\.0/);
    expect(readFileSync(join(ws.dir, '.terraform.lock.hcl'), 'utf8')).toContain('registry.opentofu.org/strata/strata');
  });

  test('validate accepts the example', async () => {
    const result = await ws.expect(['validate']);
    expect(result.stdout).toContain('The configuration is valid');
  });

  test('plan shows both resources to create, with digests known at plan time', async () => {
    const plan = await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 2);
    expect(plan.stdout).toContain('strata_profile.web will be created');
    expect(plan.stdout).toContain('strata_profile_version.web will be created');
    expect(plan.stdout).toMatch(/digest\s+= "sha256:[0-9a-f]{64}"/);
    expect(plan.stdout).toContain('Plan: 2 to add, 0 to change, 0 to destroy.');
  });

  test('apply creates them, and a second plan shows no changes', async () => {
    const apply = await ws.expect(['apply', '-input=false', '-auto-approve']);
    expect(apply.stdout).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
    const revision = await ws.expect(['output', '-raw', 'profile_revision']);
    expect(revision.stdout).toBe('1');
    const again = await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 0);
    expect(again.stdout).toContain('No changes.');
  });

  test('a change of the working layers updates the profile in place and bumps its revision', async () => {
    const plan = await ws.expect(['plan', '-input=false', '-detailed-exitcode', '-var', 'app_tag=6.7.2'], 2);
    expect(plan.stdout).toContain('strata_profile.web will be updated in-place');
    expect(plan.stdout).toMatch(/revision\s+= 1 -> 2/);
    expect(plan.stdout).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
    await ws.expect(['apply', '-input=false', '-auto-approve', '-var', 'app_tag=6.7.2']);
    expect((await ws.expect(['output', '-raw', 'profile_revision'])).stdout).toBe('2');
  });

  test('a new version number plans a replacement of the snapshot', async () => {
    const args = ['-var', 'app_tag=6.7.2', '-var', 'release=1.1.0'];
    const plan = await ws.expect(['plan', '-input=false', '-detailed-exitcode', ...args], 2);
    expect(plan.stdout).toContain('strata_profile_version.web must be replaced');
    expect(plan.stdout).toMatch(/version\s+= "1\.0\.0" -> "1\.1\.0" # forces replacement/);
    expect(plan.stdout).toContain('Plan: 1 to add, 0 to change, 1 to destroy.');
    await ws.expect(['apply', '-input=false', '-auto-approve', ...args]);
    const show = await ws.expect(['state', 'show', 'strata_profile_version.web']);
    expect(show.stdout).toContain('id          = "web@1.1.0"');
  });

  test('import rebuilds a version from its exported document, and the next plan is empty', async () => {
    const args = ['-var', 'app_tag=6.7.2', '-var', 'release=1.1.0'];
    const exported = (await ws.expect(['output', '-raw', 'version_export'])).stdout;
    const digest = (await ws.expect(['output', '-raw', 'version_digest'])).stdout;
    writeFileSync(join(ws.dir, 'web-1.1.0.json'), exported);
    await ws.expect(['state', 'rm', 'strata_profile_version.web']);
    const imported = await ws.expect(['import', '-input=false', ...args, 'strata_profile_version.web', 'web-1.1.0.json']);
    expect(imported.stdout).toContain('Import successful!');
    const show = await ws.expect(['state', 'show', 'strata_profile_version.web']);
    expect(show.stdout).toContain(`digest      = "${digest}"`);
    expect(show.stdout).toContain('profile_id  = "web"');
    await ws.expect(['plan', '-input=false', '-detailed-exitcode', ...args], 0);
  });

  test('import of a profile by name adopts it; the next apply fills its layers in place', async () => {
    const args = ['-var', 'app_tag=6.7.2', '-var', 'release=1.1.0'];
    await ws.expect(['state', 'rm', 'strata_profile.web']);
    await ws.expect(['import', '-input=false', ...args, 'strata_profile.web', 'web']);
    const plan = await ws.expect(['plan', '-input=false', '-detailed-exitcode', ...args], 2);
    expect(plan.stdout).toContain('strata_profile.web will be updated in-place');
    expect(plan.stdout).not.toContain('must be replaced');
    await ws.expect(['apply', '-input=false', '-auto-approve', ...args]);
    await ws.expect(['plan', '-input=false', '-detailed-exitcode', ...args], 0);
  });

  test('a state of schema version 0, whose source blocks were single blocks, is upgraded: the next plan is empty', async () => {
    const args = ['-var', 'app_tag=6.7.2', '-var', 'release=1.1.0'];
    const path = join(ws.dir, 'terraform.tfstate');
    const state = JSON.parse(readFileSync(path, 'utf8'));
    const sources = ['manifest', 'helm', 'zarf', 'pack'];
    // Written back as version 0 stored it: each source block an object or null, and the sensitive
    // paths without the list index.
    for (const resource of state.resources.filter((r: any) => r.type === 'strata_profile' || r.type === 'strata_profile_version')) {
      for (const instance of resource.instances) {
        instance.schema_version = 0;
        for (const layer of instance.attributes.layer) for (const source of sources) layer[source] = layer[source][0] ?? null;
        instance.sensitive_attributes = instance.sensitive_attributes.map((steps: any[]) =>
          steps.filter((step, i) => !(step.type === 'index' && i > 0 && sources.includes(steps[i - 1].value))));
      }
    }
    state.serial += 1;
    writeFileSync(path, JSON.stringify(state));
    await ws.expect(['plan', '-input=false', '-detailed-exitcode', ...args], 0);
    await ws.expect(['apply', '-input=false', '-auto-approve', ...args]);
    const upgraded = JSON.parse(readFileSync(path, 'utf8')).resources.find((r: any) => r.type === 'strata_profile_version').instances[0];
    expect(upgraded.schema_version).toBe(1);
    expect(upgraded.attributes.layer.map((l: any) => [l.name, l.manifest.length, l.helm.length])).toEqual([['base', 1, 0], ['app', 0, 1]]);
  });

  test('the schema that tofu prints carries the sensitive, computed and description facts', async () => {
    const schema = JSON.parse((await ws.expect(['providers', 'schema', '-json'])).stdout);
    const resource = schema.provider_schemas['registry.opentofu.org/strata/strata'].resource_schemas.strata_profile_version;
    expect(resource.block.attributes.digest).toMatchObject({ type: 'string', computed: true });
    expect(resource.block.attributes.version).toMatchObject({ type: 'string', required: true, description_kind: 'markdown' });
    expect(resource.block.block_types.layer.nesting_mode).toBe('list');
    expect(resource.block.block_types.layer.block.block_types.helm).toMatchObject({ nesting_mode: 'list', max_items: 1 });
  });

  test('the schema that tofu prints is the one the CDKTF bindings are generated from', async () => {
    const printed = JSON.parse((await ws.expect(['providers', 'schema', '-json'])).stdout).provider_schemas[PROVIDER_SOURCE];
    const derived = (providerSchemaJson(strataProvider, PROVIDER_SOURCE) as any).provider_schemas[PROVIDER_SOURCE];
    for (const part of ['provider', 'resource_schemas', 'data_source_schemas']) expect({ part, schema: printed[part] }).toEqual({ part, schema: derived[part] });
  });

  test('destroy removes everything from state', async () => {
    const destroy = await ws.expect(['destroy', '-input=false', '-auto-approve', '-var', 'app_tag=6.7.2', '-var', 'release=1.1.0']);
    expect(destroy.stdout).toContain('Destroy complete! Resources: 2 destroyed.');
    const list = await ws.run(['state', 'list']);
    expect(list.stdout.trim()).toBe('');
  });
});

describe('installation through dev_overrides', () => {
  test('plan works without init when the provider is overridden', async () => {
    const ws = await TofuWorkspace.create({ example: 'examples/profiles', installation: 'dev_overrides' });
    const plan = await ws.expect(['plan', '-input=false'], 0);
    expect(plan.stderr + plan.stdout).toContain('Provider development overrides are in effect');
    expect(plan.stdout).toContain('Plan: 2 to add');
  });
});

// Protocol tests: a go-plugin style client speaks tfplugin6 to the real provider process.
import { spawn, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { decodeMsgpack, encodeMsgpack, Unknown } from '../../provider/protocol/cty';
import { objectType } from '../../provider/framework/schema';
import { profileVersionResource } from '../../provider/resources/profile-version';
import { clusterSchema } from '../../provider/resources/cluster-schema';
import { BUNDLE, derToPem, launch, type PluginConnection } from './plugin-client';

const versionType = objectType(profileVersionResource.schema);

function versionConfig(version: string, layerNames: string[]) {
  return {
    id: null, profile_id: 'web', version, document: null, digest: null, snapshot: null, export_json: null,
    layer: layerNames.map((name) => ({
      name, helm: [], zarf: [], pack: [],
      manifest: [{ content: `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n` }],
    })),
  };
}

const dv = (value: any) => ({ msgpack: Buffer.from(encodeMsgpack(value, versionType)) });

describe('launching', () => {
  test('run by hand, the provider explains that it is a plugin and exits non-zero', () => {
    const env = { ...process.env };
    delete env.TF_PLUGIN_MAGIC_COOKIE;
    const result = spawnSync(process.execPath, [BUNDLE], { env, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('not meant to be run by hand');
    expect(result.stdout).toBe('');
  });

  test('a client that offers only protocol 5 is told which versions Strata speaks', () => {
    const result = spawnSync(process.execPath, [BUNDLE], {
      env: { ...process.env, TF_PLUGIN_MAGIC_COOKIE: 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2', PLUGIN_PROTOCOL_VERSIONS: '5' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('protocol 6');
  });
});

describe('a running provider', () => {
  let plugin: PluginConnection;

  beforeAll(async () => {
    plugin = await launch();
  });

  afterAll(async () => {
    await plugin?.close();
  });

  test('the handshake line announces core 1, protocol 6, grpc and a self-signed localhost certificate', () => {
    expect(plugin.handshake).toMatchObject({ core: '1', protocol: '6', network: 'unix', kind: 'grpc' });
    expect(plugin.handshake.cert).not.toMatch(/=$/);
    const cert = new X509Certificate(derToPem(plugin.handshake.cert));
    expect(cert.subjectAltName).toContain('DNS:localhost');
    expect(cert.ca).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  test('health reports the plugin as serving over mutual TLS', async () => {
    const response = await plugin.call(plugin.health, 'Check', { service: 'plugin' });
    expect(response.status).toBe(1);
  });

  test('the schema lists every resource with their computed attributes', async () => {
    const response = await plugin.call(plugin.provider, 'GetProviderSchema', {});
    expect(response.diagnostics).toEqual([]);
    expect(Object.keys(response.resource_schemas).sort()).toEqual(['strata_cluster', 'strata_cluster_override', 'strata_profile', 'strata_profile_version']);
    const attrs = response.resource_schemas.strata_profile_version.block.attributes;
    const digest = attrs.find((a: any) => a.name === 'digest');
    expect(digest).toMatchObject({ computed: true, optional: false, required: false });
    expect(JSON.parse(digest.type.toString())).toBe('string');
  });

  test('a plan of a new version computes digest and snapshot, and a version change asks for replacement', async () => {
    const config = versionConfig('1.0.0', ['base']);
    const created = await plugin.call(plugin.provider, 'PlanResourceChange', {
      type_name: 'strata_profile_version', prior_state: dv(null), proposed_new_state: dv(config), config: dv(config),
    });
    expect(created.diagnostics).toEqual([]);
    const planned: any = decodeMsgpack(created.planned_state.msgpack, versionType);
    expect(planned.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(planned.id).toBe('web@1.0.0');
    expect(JSON.parse(planned.snapshot).metadata).toEqual({ name: 'web', version: '1.0.0' });

    const next = versionConfig('1.1.0', ['base']);
    const replaced = await plugin.call(plugin.provider, 'PlanResourceChange', {
      type_name: 'strata_profile_version', prior_state: dv(planned), proposed_new_state: dv({ ...next, id: planned.id, digest: planned.digest }), config: dv(next),
    });
    const paths = replaced.requires_replace.map((p: any) => p.steps.map((s: any) => s.attribute_name));
    expect(paths).toContainEqual(['version']);
  });

  test('content that is unknown at plan time leaves the computed attributes unknown', async () => {
    const config: any = versionConfig('1.0.0', ['base']);
    config.layer[0].manifest[0].content = new Unknown();
    const response = await plugin.call(plugin.provider, 'PlanResourceChange', {
      type_name: 'strata_profile_version', prior_state: dv(null), proposed_new_state: dv(config), config: dv(config),
    });
    const planned: any = decodeMsgpack(response.planned_state.msgpack, versionType);
    expect(planned.digest).toBeInstanceOf(Unknown);
    expect(planned.snapshot).toBeInstanceOf(Unknown);
  });

  test('a state of schema version 0, whose source blocks were objects or null, is upgraded to lists of one', async () => {
    const stored = {
      id: 'web@1.0.0', profile_id: 'web', version: '1.0.0', document: null, digest: 'sha256:0', snapshot: '{}', export_json: '{}', variable: [],
      layer: [
        { name: 'base', manifest: { content: 'kind: Namespace\n' }, helm: null, zarf: null, pack: null },
        { name: 'app', manifest: null, helm: { chart: 'podinfo', repository: null, version: '6.7.1', values: null, release_name: null, namespace: null, create_namespace: null }, zarf: null, pack: null },
      ],
    };
    const response = await plugin.call(plugin.provider, 'UpgradeResourceState', { type_name: 'strata_profile_version', version: 0, raw_state: { json: Buffer.from(JSON.stringify(stored)) } });
    expect(response.diagnostics).toEqual([]);
    const upgraded: any = decodeMsgpack(response.upgraded_state.msgpack, versionType);
    expect(upgraded.layer.map((l: any) => [l.name, l.manifest.length, l.helm.length, l.zarf.length, l.pack.length])).toEqual([['base', 1, 0, 0, 0], ['app', 0, 1, 0, 0]]);
    expect(upgraded.layer[0].manifest[0].content).toBe('kind: Namespace\n');
    expect(upgraded.layer[1].helm[0].version).toBe('6.7.1');
    const future = await plugin.call(plugin.provider, 'UpgradeResourceState', { type_name: 'strata_profile', version: 7, raw_state: { json: Buffer.from('{}') } });
    expect(future.diagnostics.map((d: any) => d.summary)).toEqual(['State cannot be upgraded']);
  });

  test('validation errors carry the attribute path', async () => {
    const config = versionConfig('1.0.0', ['base', 'base']);
    const response = await plugin.call(plugin.provider, 'ValidateResourceConfig', { type_name: 'strata_profile_version', config: dv(config) });
    expect(response.diagnostics).toHaveLength(1);
    const steps = response.diagnostics[0].attribute.steps.map((s: any) => s.attribute_name || s.element_key_int);
    expect(steps).toEqual(['layer', 1, 'name']);
    expect(response.diagnostics[0].severity).toBe(1);
  });

  test('a diagnostic thrown in the core bundle reaches the client as itself, with its attribute path', async () => {
    const cluster = { id: null, name: 'edge', kubernetes: null, profile: 'not a snapshot', wait: null, timeout: null, prune: null, force_conflicts: null,
      applied_version: null, applied_digest: null, layers: null, history: null, changes: null, drift: null };
    const cv = (value: object | null) => ({ msgpack: Buffer.from(encodeMsgpack(value, objectType(clusterSchema))) });
    const response = await plugin.call(plugin.provider, 'PlanResourceChange', {
      type_name: 'strata_cluster', prior_state: cv(null), proposed_new_state: cv(cluster), config: cv(cluster),
    });
    expect(response.diagnostics).toHaveLength(1);
    expect(response.diagnostics[0]).toMatchObject({ severity: 1, summary: 'Invalid profile', attribute: { steps: [{ attribute_name: 'profile' }] } });
    expect(response.diagnostics[0].detail).not.toContain('unexpected');
  });

  test('an unknown resource type is an error diagnostic, not a crash', async () => {
    const response = await plugin.call(plugin.provider, 'ValidateResourceConfig', { type_name: 'strata_nope', config: dv(null) });
    expect(response.diagnostics[0].detail).toContain('strata_nope');
  });

  test('strata_cluster has an identity, its name, which import blocks may give instead of an ID', async () => {
    const { identity_schemas: schemas, diagnostics } = await plugin.call(plugin.provider, 'GetResourceIdentitySchemas', {});
    expect(diagnostics).toEqual([]);
    expect(Object.keys(schemas)).toEqual(['strata_cluster']);
    expect(schemas.strata_cluster.identity_attributes).toMatchObject([{ name: 'name', required_for_import: true, optional_for_import: false }]);
    expect(JSON.parse(Buffer.from(schemas.strata_cluster.identity_attributes[0].type).toString())).toBe('string');
    const upgraded = await plugin.call(plugin.provider, 'UpgradeResourceIdentity', { type_name: 'strata_cluster', version: 0, raw_identity: { json: Buffer.from('{"name":"edge-1"}') } });
    expect(upgraded.diagnostics).toEqual([]);
    expect(decodeMsgpack(upgraded.upgraded_identity.identity_data.msgpack, ['object', { name: 'string' }])).toEqual({ name: 'edge-1' });
    const none = await plugin.call(plugin.provider, 'UpgradeResourceIdentity', { type_name: 'strata_profile', version: 0, raw_identity: { json: Buffer.from('{}') } });
    expect(none.diagnostics[0]).toMatchObject({ severity: 1, summary: 'Resource has no identity' });
  });

  test('RPCs Strata does not offer answer with a diagnostic that says so', async () => {
    const ephemeral = await plugin.call(plugin.provider, 'OpenEphemeralResource', { type_name: 'strata_x' });
    expect(ephemeral.diagnostics[0].summary).toContain('does not support ephemeral resources');
    const identities = await plugin.call(plugin.provider, 'GetResourceIdentitySchemas', {});
    expect(identities.diagnostics).toEqual([]);
    const events: any[] = await new Promise((resolve, reject) => {
      const stream = plugin.provider.ListResource({ type_name: 'strata_profile' });
      const received: any[] = [];
      stream.on('data', (event: any) => received.push(event));
      stream.on('end', () => resolve(received));
      stream.on('error', reject);
    });
    expect(events[0].diagnostic[0].summary).toContain('does not support list resources');
  });

  test('metadata advertises the capabilities, the resources and the functions', async () => {
    const response = await plugin.call(plugin.provider, 'GetMetadata', {});
    expect(response.server_capabilities).toEqual({ plan_destroy: true, get_provider_schema_optional: true, move_resource_state: true });
    expect(response.resources.map((r: any) => r.type_name).sort()).toEqual(['strata_cluster', 'strata_cluster_override', 'strata_profile', 'strata_profile_version']);
    expect(response.functions).toEqual([{ name: 'diff' }]);
  });

  test('StopProvider answers, and Shutdown through the controller ends the process cleanly', async () => {
    expect((await plugin.call(plugin.provider, 'StopProvider', {})).Error).toBe('');
    const exited = new Promise<number | null>((resolve) => plugin.child.once('exit', (code) => resolve(code)));
    await plugin.call(plugin.controller, 'Shutdown', {});
    expect(await exited).toBe(0);
  });
});

describe('debug mode', () => {
  test('--debug prints a TF_REATTACH_PROVIDERS value to attach to', async () => {
    const child = spawn(process.execPath, [BUNDLE, '--debug'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = await new Promise<string>((resolve) => {
      let text = '';
      child.stdout.on('data', (chunk) => { text += chunk; if (text.includes('Ctrl-C')) resolve(text); });
    });
    child.kill('SIGINT');
    const value = /TF_REATTACH_PROVIDERS='(.+)'/.exec(out)![1];
    const reattach = JSON.parse(value)['registry.opentofu.org/strata/strata'];
    expect(reattach).toMatchObject({ Protocol: 'grpc', ProtocolVersion: 6, Pid: child.pid, Addr: { Network: 'unix' } });
  });
});

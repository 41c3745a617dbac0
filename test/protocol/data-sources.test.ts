// Protocol tests of data sources: the real provider process, spoken to over tfplugin6, reads
// strata_rendered_layers against a small stand-in for an API server's discovery; and the
// framework's data-source handlers, in process, with a data source of the test's own.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeMsgpack, encodeMsgpack, Unknown } from '../../provider/protocol/cty';
import type { DataSourceType } from '../../provider/framework/data-source';
import { providerHandlers } from '../../provider/framework/provider-server';
import { objectType, string } from '../../provider/framework/schema';
import { renderedLayersSchema } from '../../provider/data-sources/rendered-layers-schema';
import { profileVersionResource } from '../../provider/resources/profile-version';
import { launch, type PluginConnection } from './plugin-client';

const SECRET_VALUE = 'pr0tocol-Pa55word';
const MANIFEST = `apiVersion: v1
kind: Secret
metadata:
  name: credentials
  namespace: web
stringData:
  password: ${SECRET_VALUE}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: web
data:
  mode: production
---
apiVersion: v1
kind: Namespace
metadata:
  name: web
`;

const dataType = objectType(renderedLayersSchema);
const versionType = objectType(profileVersionResource.schema);
const dv = (value: unknown) => ({ msgpack: Buffer.from(encodeMsgpack(value as any, dataType)) });

const noConnection = { host: null, cluster_ca_certificate: null, token: null, client_certificate: null, client_key: null, insecure: null, config_path: null, config_context: null, config_content: null };
const config = (fields: { profile?: unknown; host?: string; cluster?: unknown }) => ({
  profile: fields.profile ?? null,
  kubernetes: fields.host ? { ...noConnection, host: fields.host } : null,
  cluster: fields.cluster ?? null,
  layers: null,
});

const steps = (diagnostic: any) => diagnostic.attribute.steps.map((s: any) => s.attribute_name);

/** Discovery of a cluster that serves only the core group, and no Strata record: what rendering manifests needs. */
function startDiscovery(): Promise<Server> {
  const resources = [
    { name: 'namespaces', kind: 'Namespace', namespaced: false, verbs: ['get', 'list'] },
    { name: 'configmaps', kind: 'ConfigMap', namespaced: true, verbs: ['get', 'list'] },
    { name: 'secrets', kind: 'Secret', namespaced: true, verbs: ['get', 'list'] },
  ];
  const answers: Record<string, unknown> = {
    '/version': { major: '1', minor: '35', gitVersion: 'v1.35.0' },
    '/api': { kind: 'APIVersions', versions: ['v1'] },
    '/apis': { kind: 'APIGroupList', groups: [] },
    '/api/v1': { kind: 'APIResourceList', groupVersion: 'v1', resources },
  };
  const server = createServer((request, response) => {
    const answer = answers[(request.url ?? '').split('?')[0]!];
    response.writeHead(answer ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer ?? { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'not found' }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('data sources over tfplugin6', () => {
  let plugin: PluginConnection;
  let discovery: Server;
  let host: string;
  let snapshot: string;

  const read = (value: unknown) => plugin.call(plugin.provider, 'ReadDataSource', { type_name: 'strata_rendered_layers', config: dv(value) });
  const validate = (value: unknown) => plugin.call(plugin.provider, 'ValidateDataResourceConfig', { type_name: 'strata_rendered_layers', config: dv(value) });

  beforeAll(async () => {
    [plugin, discovery] = await Promise.all([launch(), startDiscovery()]);
    host = `http://127.0.0.1:${(discovery.address() as AddressInfo).port}`;
    // A real snapshot, as strata_profile_version plans it.
    const version = {
      id: null, profile_id: 'web', version: '1.0.0', document: null, digest: null, snapshot: null, export_json: null,
      layer: [{ name: 'base', helm: [], zarf: [], pack: [], manifest: [{ content: MANIFEST }] }],
    };
    const vv = { msgpack: Buffer.from(encodeMsgpack(version, versionType)) };
    const planned = await plugin.call(plugin.provider, 'PlanResourceChange', { type_name: 'strata_profile_version', prior_state: { msgpack: Buffer.from(encodeMsgpack(null, versionType)) }, proposed_new_state: vv, config: vv });
    snapshot = (decodeMsgpack(planned.planned_state.msgpack, versionType) as any).snapshot;
  });

  afterAll(async () => {
    await plugin?.close();
    await new Promise((resolve) => discovery?.close(resolve));
  });

  test('metadata and the schema list the data sources, derived from their one declaration', async () => {
    const metadata = await plugin.call(plugin.provider, 'GetMetadata', {});
    expect(metadata.data_sources).toEqual([{ type_name: 'strata_rendered_layers' }, { type_name: 'strata_packs' }]);
    const schema = await plugin.call(plugin.provider, 'GetProviderSchema', {});
    expect(Object.keys(schema.data_source_schemas)).toEqual(['strata_rendered_layers', 'strata_packs']);
    const packs = Object.fromEntries(schema.data_source_schemas.strata_packs.block.attributes.map((a: any) => [a.name, a]));
    expect(packs.registry).toMatchObject({ required: true, sensitive: false });
    expect(packs.packs).toMatchObject({ computed: true, optional: false });
    expect(packs.packs.nested_type.attributes.map((a: any) => a.name)).toEqual(['name', 'description', 'type', 'versions', 'latest']);
    const block = schema.data_source_schemas.strata_rendered_layers.block;
    const attrs = Object.fromEntries(block.attributes.map((a: any) => [a.name, a]));
    expect(attrs.profile).toMatchObject({ required: true, sensitive: true });
    expect(attrs.cluster).toMatchObject({ optional: true, computed: false });
    expect(attrs.kubernetes.nested_type.attributes.find((a: any) => a.name === 'token')).toMatchObject({ sensitive: true });
    expect(attrs.layers).toMatchObject({ computed: true, optional: false, sensitive: false });
    expect(attrs.layers.nested_type.nesting).toBe(2);
    const objects = attrs.layers.nested_type.attributes.find((a: any) => a.name === 'objects');
    expect(objects.nested_type.attributes.map((a: any) => a.name)).toEqual(['api_version', 'kind', 'namespace', 'name', 'yaml']);
  });

  test('validation names the attribute: a cluster name that is no DNS label, a profile that is no snapshot', async () => {
    const badCluster = await validate(config({ profile: snapshot, cluster: 'Edge_1' }));
    expect(badCluster.diagnostics).toHaveLength(1);
    expect(badCluster.diagnostics[0]).toMatchObject({ severity: 1, summary: 'Invalid cluster name' });
    expect(steps(badCluster.diagnostics[0])).toEqual(['cluster']);
    const badProfile = await validate(config({ profile: 'not a snapshot' }));
    expect(badProfile.diagnostics[0]).toMatchObject({ severity: 1, summary: 'Invalid profile' });
    expect(steps(badProfile.diagnostics[0])).toEqual(['profile']);
    expect((await validate(config({ profile: new Unknown(), cluster: new Unknown() }))).diagnostics).toEqual([]);
  });

  test('a read returns the layers with their objects in install order, Secret values redacted everywhere', async () => {
    const response = await read(config({ profile: snapshot, host }));
    expect(response.diagnostics).toEqual([]);
    const state: any = decodeMsgpack(response.state.msgpack, dataType);
    // The profile is the configuration as given (sensitive); nothing the read adds carries the value.
    expect(state.profile).toBe(snapshot);
    expect(JSON.stringify({ ...state, profile: null })).not.toContain(SECRET_VALUE);
    expect(state.cluster).toBeNull();
    expect(state.layers).toHaveLength(1);
    const [base] = state.layers;
    expect(base).toMatchObject({ name: 'base', type: 'manifest' });
    expect(base.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(base.objects.map((o: any) => [o.api_version, o.kind, o.namespace, o.name])).toEqual([
      ['v1', 'Namespace', null, 'web'], ['v1', 'Secret', 'web', 'credentials'], ['v1', 'ConfigMap', 'web', 'settings'],
    ]);
    expect(base.objects[1].yaml).toMatch(/stringData:\n  password: "\(redacted: sha256 [0-9a-f]{12}\)"\n/);
    expect(base.objects[2].yaml).toBe('apiVersion: v1\ndata:\n  mode: production\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: web\n');
  });

  test('a cluster that Strata does not manage there fails the read at `cluster`', async () => {
    const response = await read(config({ profile: snapshot, host, cluster: 'edge-1' }));
    expect(response.diagnostics).toHaveLength(1);
    expect(response.diagnostics[0]).toMatchObject({ severity: 1, summary: 'Cluster not found' });
    expect(response.diagnostics[0].detail).toContain('strata-system/strata-record-edge-1');
    expect(steps(response.diagnostics[0])).toEqual(['cluster']);
    expect(response.state ?? null).toBeNull();
  });

  test('an API server that cannot be reached fails the read at `kubernetes`', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const response = await read(config({ profile: snapshot, host: `http://127.0.0.1:${port}` }));
    expect(response.diagnostics[0]).toMatchObject({ severity: 1, summary: 'Cannot reach the Kubernetes API server' });
    expect(steps(response.diagnostics[0])).toEqual(['kubernetes']);
  });

  test('an unknown data source is an error diagnostic that names it', async () => {
    const response = await plugin.call(plugin.provider, 'ReadDataSource', { type_name: 'strata_nope', config: dv(null) });
    expect(response.diagnostics[0].severity).toBe(1);
    expect(response.diagnostics[0].detail).toContain('strata_nope');
  });
});

describe('the framework\'s data-source handlers, with a data source of the test\'s own', () => {
  const schema = {
    description: 'A test data source.',
    attributes: {
      name: string({ required: true, description: 'Name.', validators: [(v: string) => (v.includes('_') ? `"${v}" has an underscore` : undefined)] }),
      greeting: string({ computed: true, description: 'Greeting.' }),
    },
    blocks: {},
  };
  const type = objectType(schema);
  const value = (v: unknown) => ({ msgpack: Buffer.from(encodeMsgpack(v as any, type)) });
  const handlersFor = (read: DataSourceType['read']) => providerHandlers({
    name: 'test', schema: { version: 0, description: 'Test.', attributes: {}, blocks: {} }, resources: [], functions: [],
    dataSources: [{ typeName: 'test_greeting', schema, read }],
  });
  const readWith = async (read: DataSourceType['read'], config: unknown) =>
    (await handlersFor(read).ReadDataSource!({ type_name: 'test_greeting', config: value(config) }));

  test('the schema\'s validators run in ValidateDataResourceConfig and name the attribute', async () => {
    const { diagnostics } = await handlersFor(async () => null).ValidateDataResourceConfig!({ type_name: 'test_greeting', config: value({ name: 'a_b', greeting: null }) });
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'error', summary: 'Invalid value for name', path: ['name'] })]);
  });

  test('a read fills the computed attributes; arguments stay as configured, whatever the read returned', async () => {
    const { response, diagnostics } = await readWith(async ({ config }) => ({ name: 'changed', greeting: `hello ${config.name}` }), { name: 'web', greeting: null });
    expect(diagnostics).toEqual([]);
    expect(decodeMsgpack(response!.state.msgpack, type)).toEqual({ name: 'web', greeting: 'hello web' });
  });

  test('a read that leaves a computed attribute unknown, or returns nothing, is an error, never a half state', async () => {
    const unknown = await readWith(async () => ({ name: 'web', greeting: new Unknown() }), { name: 'web', greeting: null });
    expect(unknown.diagnostics).toEqual([expect.objectContaining({ severity: 'error', summary: 'Provider produced an incomplete result' })]);
    expect(unknown.response!.state).toBeUndefined();
    const nothing = await readWith(async () => null, { name: 'web', greeting: null });
    expect(nothing.diagnostics).toEqual([expect.objectContaining({ severity: 'error', summary: 'Provider produced no result' })]);
    const explained = await readWith(async ({ diagnostics }) => { diagnostics.error('Not here', 'Nothing to read.', ['name']); return null; }, { name: 'web', greeting: null });
    expect(explained.diagnostics).toEqual([expect.objectContaining({ summary: 'Not here', path: ['name'] })]);
  });

  test('a configuration that is not wholly known is refused rather than read', async () => {
    let called = false;
    const { diagnostics } = await readWith(async () => { called = true; return null; }, { name: new Unknown(), greeting: null });
    expect(called).toBe(false);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'error', summary: 'Data source configuration is not known' })]);
  });
});

// Protocol tests for the 6.x parts: StopProvider ends plans, refreshes and imports in flight;
// GetFunctions and CallFunction; MoveResourceState; every RPC works without GetProviderSchema first.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { objectType } from '../../provider/framework/schema';
import { decodeMsgpack, encodeJsonValue, encodeMsgpack, type CtyType, type CtyValue } from '../../provider/protocol/cty';
import { buildDocument, snapshotJson } from '../../provider/profile';
import { clusterSchema } from '../../provider/resources/cluster-schema';
import { profileVersionResource } from '../../provider/resources/profile-version';
import { launch, type PluginConnection } from './plugin-client';

const versionType = objectType(profileVersionResource.schema);
const clusterType = objectType(clusterSchema);
const dynamic = (value: CtyValue, type: CtyType) => ({ msgpack: Buffer.from(encodeMsgpack(value, type)) });
const snapshot = (version: string, namespace: string) =>
  snapshotJson(buildDocument({ name: 'web', version }, { layers: [{ name: 'base', manifest: { content: `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${namespace}\n` } }] }));

/** PlanResourceChange of a new strata_profile_version. */
function planVersion(plugin: PluginConnection): Promise<any> {
  const config = { profile_id: 'web', version: '1.0.0', layer: [{ name: 'base', manifest: [{ content: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n' }] }] };
  return plugin.call(plugin.provider, 'PlanResourceChange', {
    type_name: 'strata_profile_version', prior_state: dynamic(null, versionType), proposed_new_state: dynamic(config, versionType), config: dynamic(config, versionType),
  });
}

/** An API server that accepts connections and never answers: every request to it hangs. */
async function silentServer(): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `https://127.0.0.1:${port}`,
    connections: () => sockets.length,
    close: () => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('StopProvider', () => {
  let plugin: PluginConnection;
  let apiServer: Awaited<ReturnType<typeof silentServer>>;

  beforeAll(async () => {
    [plugin, apiServer] = await Promise.all([launch(), silentServer()]);
  });

  afterAll(async () => {
    await plugin?.close();
    await apiServer?.close();
  });

  test('ends a plan, a refresh and an import that wait on an API server, long before its timeout', async () => {
    const kubernetes = { host: apiServer.url, token: 'test-token', insecure: true };
    const cluster = { name: 'edge', kubernetes, profile: snapshot('1.0.0', 'web') };
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'strata-stop-')), 'config');
    writeFileSync(kubeconfig, [
      'apiVersion: v1', 'kind: Config', 'current-context: edge',
      'clusters:', `- name: edge`, '  cluster:', `    server: ${apiServer.url}`, '    insecure-skip-tls-verify: true',
      'users:', '- name: edge', '  user:', '    token: test-token',
      'contexts:', '- name: edge', '  context:', '    cluster: edge', '    user: edge', '',
    ].join('\n'));

    const plan = plugin.call(plugin.provider, 'PlanResourceChange', {
      type_name: 'strata_cluster', prior_state: dynamic(null, clusterType), proposed_new_state: dynamic(cluster, clusterType), config: dynamic(cluster, clusterType),
    });
    const read = plugin.call(plugin.provider, 'ReadResource', {
      type_name: 'strata_cluster', current_state: dynamic({ ...cluster, id: 'edge', applied_digest: 'sha256:0' }, clusterType),
    });
    const imported = plugin.call(plugin.provider, 'ImportResourceState', { type_name: 'strata_cluster', id: `edge@${kubeconfig}` });
    // All three are waiting on the API server (a plan opens more than one connection).
    await until(() => apiServer.connections() >= 3, 'the three operations to reach the API server');
    await new Promise((resolve) => setTimeout(resolve, 200));

    const stopped = Date.now();
    expect((await plugin.call(plugin.provider, 'StopProvider', {})).Error).toBe('');
    const responses = await Promise.all([plan, read, imported]);
    // The client's own request timeout is 30 s; a stop answers within a moment.
    expect(Date.now() - stopped).toBeLessThan(5_000);
    const [planned, refreshed, importing] = responses.map((response) => response.diagnostics);
    for (const [diagnostics, doing] of [[planned, 'planning'], [refreshed, 'refreshing'], [importing, 'importing']] as const) {
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]).toMatchObject({ severity: 1, summary: 'Stopped by the client' });
      expect(diagnostics[0].detail).toContain(`Strata stopped ${doing} strata_cluster`);
      expect(diagnostics[0].detail).toContain('Nothing was changed');
    }
  });

  test('work started after the stop runs normally', async () => {
    expect((await planVersion(plugin)).diagnostics).toEqual([]);
  });
});

describe('a fresh provider process, never asked for its schema', () => {
  let plugin: PluginConnection;

  beforeEach(async () => {
    plugin = await launch();
  });

  afterEach(async () => {
    await plugin?.close();
  });

  test('calls provider::strata::diff first thing', async () => {
    const response = await plugin.call(plugin.provider, 'CallFunction', {
      name: 'diff',
      arguments: [dynamic(snapshot('1.0.0', 'web'), 'string'), dynamic(snapshot('2.0.0', 'shop'), 'string')],
    });
    expect(response.error).toBeNull();
    expect(decodeMsgpack(response.result.msgpack, ['list', 'string'])).toEqual(['base: + v1 Namespace shop', 'base: - v1 Namespace web']);
  });

  test('plans and moves state first thing', async () => {
    const plan = await planVersion(plugin);
    expect(plan.diagnostics).toEqual([]);
    const move = await plugin.call(plugin.provider, 'MoveResourceState', {
      source_provider_address: 'registry.terraform.io/strata/strata', source_type_name: 'strata_profile_version', source_schema_version: profileVersionResource.schema.version,
      source_state: { json: Buffer.from(encodeJsonValue(decodeMsgpack(plan.planned_state.msgpack, versionType), versionType)) }, target_type_name: 'strata_profile_version',
    });
    expect(move.diagnostics).toEqual([]);
  });
});

describe('functions and moves', () => {
  let plugin: PluginConnection;

  beforeAll(async () => {
    plugin = await launch();
  });

  afterAll(async () => {
    await plugin?.close();
  });

  test('GetFunctions and GetProviderSchema declare provider::strata::diff', async () => {
    const functions = (await plugin.call(plugin.provider, 'GetFunctions', {})).functions;
    expect(Object.keys(functions)).toEqual(['diff']);
    const diff = functions.diff;
    expect(diff.parameters.map((p: any) => [p.name, JSON.parse(p.type.toString()), p.allow_null_value, p.allow_unknown_values])).toEqual([
      ['old_snapshot', 'string', false, false], ['new_snapshot', 'string', false, false],
    ]);
    expect(JSON.parse(diff.return.type.toString())).toEqual(['list', 'string']);
    expect(diff.summary).toMatch(/layer by layer/);
    const schema = await plugin.call(plugin.provider, 'GetProviderSchema', {});
    expect(schema.functions).toEqual(functions);
    expect(schema.server_capabilities).toEqual({ plan_destroy: true, get_provider_schema_optional: true, move_resource_state: true });
  });

  test('a bad argument is a FunctionError naming it; an unknown function names the ones there are', async () => {
    const bad = await plugin.call(plugin.provider, 'CallFunction', {
      name: 'diff', arguments: [dynamic(snapshot('1.0.0', 'web'), 'string'), dynamic('{}', 'string')],
    });
    expect(bad.error.function_argument).toBe(1);
    expect(bad.error.text).toMatch(/^new_snapshot \(argument 2\) is not a Strata profile snapshot/);
    const missing = await plugin.call(plugin.provider, 'CallFunction', { name: 'difff', arguments: [] });
    expect(missing.error.text).toBe('Strata has no function "difff"; it offers provider::strata::diff. Check the name in the call.');
  });

  test('MoveResourceState passes a state of the same type from another address of Strata, exactly', async () => {
    const plan = await planVersion(plugin);
    const state = decodeMsgpack(plan.planned_state.msgpack, versionType) as Record<string, CtyValue>;
    // A stored state may still carry an attribute a later version removed.
    const json = encodeJsonValue(state, versionType).replace(/^\{/, '{"removed_attribute":12345678901234567890,');
    const move = await plugin.call(plugin.provider, 'MoveResourceState', {
      source_provider_address: 'example.com/platform/strata', source_type_name: 'strata_profile_version', source_schema_version: profileVersionResource.schema.version,
      source_state: { json: Buffer.from(json) }, target_type_name: 'strata_profile_version', source_private: Buffer.from('kept'),
    });
    expect(move.diagnostics).toEqual([]);
    expect(decodeMsgpack(move.target_state.msgpack, versionType)).toStrictEqual(state);
    expect(move.target_private.toString()).toBe('kept');
  });

  test('MoveResourceState refuses other moves with a diagnostic that says what to do', async () => {
    for (const request of [
      { source_provider_address: 'registry.opentofu.org/strata/strata', source_type_name: 'strata_profile', target_type_name: 'strata_profile_version' },
      { source_provider_address: 'registry.opentofu.org/hashicorp/kubernetes', source_type_name: 'strata_cluster', target_type_name: 'strata_cluster' },
    ]) {
      const move = await plugin.call(plugin.provider, 'MoveResourceState', { ...request, source_schema_version: 0, source_state: { json: Buffer.from('{}') } });
      expect(move.diagnostics).toHaveLength(1);
      expect(move.diagnostics[0]).toMatchObject({ severity: 1, summary: 'Cannot move resource state' });
      expect(move.diagnostics[0].detail).toContain(`${request.source_type_name} of provider ${request.source_provider_address}`);
      expect(move.diagnostics[0].detail).toContain('Remove the moved block');
    }
  });
});

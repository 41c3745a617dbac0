// A cluster that uses the provider block's connection, as HashiCorp's kubernetes and helm providers
// take theirs: apply, refresh, import by name alone and destroy work, and no credential ever lands
// in the state file. Real tofu, a real kube-apiserver, checked with kubectl.
import { startControlPlane, type ControlPlane } from '../harness/controlplane';
import { PROVIDER_CONNECTION_TF, connectionEnv } from '../harness/story';
import { ensureTools } from '../harness/tools';
import { TofuWorkspace } from '../harness/tofu';

jest.setTimeout(600_000);

const configuration = `${PROVIDER_CONNECTION_TF}
resource "strata_profile_version" "v" {
  profile_id = "conn"
  version    = "1.0.0"
  layer {
    name = "base"
    manifest {
      content = "apiVersion: v1\\nkind: Namespace\\nmetadata:\\n  name: via-provider\\n---\\napiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: settings\\n  namespace: via-provider\\ndata:\\n  mode: shared\\n"
    }
  }
}

resource "strata_cluster" "c" {
  name    = "conn-1"
  profile = strata_profile_version.v.snapshot
}
`;

describe('the provider block\'s connection', () => {
  let plane: ControlPlane;
  let ws: TofuWorkspace;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    await ensureTools(['kubectl']);
    plane = await startControlPlane({ withKwok: false });
    ws = await TofuWorkspace.create({ files: { 'main.tf': configuration } });
    env = connectionEnv(plane);
    await ws.expect(['init', '-input=false']);
  });

  afterAll(async () => {
    await plane?.stop();
  });

  const stateHasNoCredential = async () => {
    const state = (await ws.expect(['state', 'pull'])).stdout;
    expect(state).toContain('"conn-1"');
    expect(state).not.toContain(plane.adminToken);
    expect(state).not.toContain('BEGIN CERTIFICATE');
  };

  test('apply and refresh through it keep no credential in state', async () => {
    await ws.expect(['apply', '-input=false', '-auto-approve'], 0, { env });
    expect((await plane.kubectl(['-n', 'via-provider', 'get', 'configmap', 'settings', '-o', 'jsonpath={.data.mode}'])).stdout).toBe('shared');
    await ws.expect(['refresh', '-input=false'], 0, { env });
    await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 0, { env });
    await stateHasNoCredential();
  });

  test('import by the cluster name alone rebuilds the state from the record', async () => {
    await ws.expect(['state', 'rm', 'strata_cluster.c']);
    await ws.expect(['import', '-input=false', 'strata_cluster.c', 'conn-1'], 0, { env });
    const show = await ws.expect(['state', 'show', 'strata_cluster.c']);
    // State keeps per-layer summaries; the record lists the objects.
    expect(show.stdout).toMatch(/name\s+= "base"\s+object_count\s+= 2/);
    // The profile comes back from the configuration; no object changes.
    const plan = await ws.expect(['plan', '-input=false'], 0, { env });
    expect(plan.stdout).not.toMatch(/\+ "base: /);
    await ws.expect(['apply', '-input=false', '-auto-approve'], 0, { env });
    await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 0, { env });
    await stateHasNoCredential();
  });

  test('an import block names the cluster by its identity', async () => {
    await ws.expect(['state', 'rm', 'strata_cluster.c']);
    ws.write('import.tf', 'import {\n  to       = strata_cluster.c\n  identity = { name = "conn-1" }\n}\n');
    const plan = await ws.expect(['plan', '-input=false'], 0, { env });
    expect(plan.stdout).toContain('strata_cluster.c: Preparing import... [name=conn-1]');
    expect(plan.stdout).toContain('# imported using resource identity');
    await ws.expect(['apply', '-input=false', '-auto-approve'], 0, { env });
    const state = JSON.parse((await ws.expect(['state', 'pull'])).stdout);
    const instance = state.resources.find((r: { type: string }) => r.type === 'strata_cluster').instances[0];
    expect(instance.identity).toEqual({ name: 'conn-1' });
    expect(instance.attributes.applied_version).toBe('1.0.0');
    ws.remove('import.tf');
    await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 0, { env });
    await stateHasNoCredential();
  });

  test('destroy through it removes what the cluster ran', async () => {
    await ws.expect(['destroy', '-input=false', '-auto-approve'], 0, { env });
    const namespace = await plane.kubectl(['get', 'namespace', 'via-provider', '-o', 'jsonpath={.status.phase}']);
    expect(namespace.code !== 0 || namespace.stdout === 'Terminating').toBe(true);
  });

  test('a cluster with no connection anywhere says where to set one', async () => {
    const bare = await TofuWorkspace.create({ files: { 'main.tf': configuration.replace(/provider "strata" \{[\s\S]*?\n\}\n/, '') } });
    await bare.expect(['init', '-input=false']);
    const plan = await bare.run(['plan', '-input=false'], { env });
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('Error: No cluster connection');
    expect(plan.stderr).toMatch(/with strata_cluster\.c,/);
  });
});

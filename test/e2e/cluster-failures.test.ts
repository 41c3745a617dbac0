// strata_cluster when things go wrong: a failing layer, an unreachable API server, and credentials
// that must stay out of state. Real tofu, real kube-apiserver, checked with kubectl.
import { readFileSync } from 'node:fs';
import { startControlPlane, type ControlPlane } from '../harness/controlplane';
import { recordText } from '../harness/story';
import { ensureTools } from '../harness/tools';
import { TofuWorkspace } from '../harness/tofu';

jest.setTimeout(600_000);

const header = `terraform {
  required_providers {
    strata = { source = "strata/strata" }
  }
}
`;

function profile(version: string, secondLayer: string): string {
  return `
resource "strata_profile_version" "v" {
  profile_id = "ops"
  version    = "${version}"
  layer {
    name = "first"
    manifest {
      content = <<-YAML
        apiVersion: v1
        kind: Namespace
        metadata:
          name: ops
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: first
          namespace: ops
        data:
          ok: "yes"
      YAML
    }
  }
  layer {
    name = "second"
    manifest {
      content = <<-YAML
        ${secondLayer.split('\n').join('\n        ')}
      YAML
    }
  }
}
`;
}

const goodSecond = `apiVersion: v1
kind: ConfigMap
metadata:
  name: second
  namespace: ops
data:
  ok: "yes"`;

// A ConfigMap with a key the API server rejects (valid YAML, invalid object), first in apply order,
// and thirty good ones applied in parallel with it.
const badSecond = [`apiVersion: v1
kind: ConfigMap
metadata:
  name: a-bad
  namespace: ops
data:
  "not a valid key!": "x"`, ...Array.from({ length: 30 }, (_, i) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: item-${String(i).padStart(2, '0')}
  namespace: ops
data:
  ok: "yes"`)].join('\n---\n');

/** A workspace with the `ops` profile and one cluster `c`; `kubernetes` is the HCL of its connection. */
async function opsWorkspace(name: string, kubernetes: string, second = goodSecond, version = '1.0.0'): Promise<TofuWorkspace> {
  const ws = await TofuWorkspace.create({ files: { 'main.tf': opsConfiguration(name, kubernetes, second, version) } });
  await ws.expect(['init', '-input=false']);
  return ws;
}

function opsConfiguration(name: string, kubernetes: string, second: string, version: string): string {
  return header + profile(version, second) + `
resource "strata_cluster" "c" {
  name       = "${name}"
  kubernetes = ${kubernetes}
  profile    = strata_profile_version.v.snapshot
  timeout    = "30s"
}
`;
}

describe('cluster failures', () => {
  let plane: ControlPlane;
  const viaKubeconfig = () => `{ config_path = "${plane.kubeconfigPath}" }`;

  beforeAll(async () => {
    await ensureTools(['kubectl']);
    plane = await startControlPlane({ withKwok: false });
  });

  afterAll(async () => {
    await plane?.stop();
  });

  test('a failing layer stops the apply with honest partial state; a fixed apply converges', async () => {
    const ws = await opsWorkspace('ops-1', viaKubeconfig(), badSecond);
    const failed = await ws.run(['apply', '-input=false', '-auto-approve']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('Layer "second" failed');
    expect(failed.stderr).toContain('v1 ConfigMap ops/a-bad');
    expect(failed.stderr).toContain('not a valid key!');
    // The first layer is really there, and state says so; so is every object of the failing layer
    // that reached the cluster (those in flight when the failure came included).
    expect((await plane.kubectl(['-n', 'ops', 'get', 'configmap', 'first'])).code).toBe(0);
    const show = await ws.expect(['state', 'show', 'strata_cluster.c']);
    // State counts the objects per layer; the record, which it is read from, names them.
    const inventory: { name: string; objects: { key: string }[] }[] = JSON.parse(await recordText(plane, 'ops-1')).inventory;
    const recorded = inventory.flatMap((l) => l.objects.map((o) => o.key));
    expect(recorded).toContain('core/ConfigMap/ops/first');
    for (const layer of inventory) expect(show.stdout).toMatch(new RegExp(`name\\s+= "${layer.name}"\\s+object_count\\s+= ${layer.objects.length}\\s`));
    expect(show.stdout).toMatch(/outcome\s+= "failed: layer second"/);
    const inCluster = (await plane.kubectl(['-n', 'ops', 'get', 'configmaps', '-o', 'jsonpath={.items[*].metadata.name}'])).stdout.split(' ').filter((n) => n.startsWith('item-'));
    expect(inCluster.length).toBeGreaterThan(0);
    for (const name of inCluster) expect(recorded).toContain(`core/ConfigMap/ops/${name}`);
    // Like any failed create, tofu taints the resource: the replacement starts over, and its plan says so.
    ws.write('main.tf', opsConfiguration('ops-1', viaKubeconfig(), goodSecond, '1.0.1'));
    const plannedChanges = async () => {
      await ws.expect(['plan', '-input=false', '-out', 'next.plan'], 0);
      const plan = JSON.parse((await ws.expect(['show', '-json', 'next.plan'])).stdout);
      const change = plan.resource_changes.find((c: any) => c.address === 'strata_cluster.c').change;
      return { actions: change.actions, changes: change.after.changes };
    };
    const replace = await plannedChanges();
    expect(replace.actions).toEqual(['delete', 'create']);
    expect(replace.changes).toEqual(['first: + v1 Namespace ops', 'first: + v1 ConfigMap ops/first', 'second: + v1 ConfigMap ops/second']);
    // (the good ConfigMaps of the failed layer left the profile: the replacement's destroy removes them)
    // Untainted, the plan builds on what is really there and shows only what remains.
    await ws.expect(['untaint', 'strata_cluster.c']);
    const update = await plannedChanges();
    expect(update.actions).toEqual(['update']);
    expect(update.changes).toEqual(['second: + v1 ConfigMap ops/second', ...inCluster.sort().map((name) => `second: - v1 ConfigMap ops/${name}`)]);
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    expect((await plane.kubectl(['-n', 'ops', 'get', 'configmap', 'second'])).code).toBe(0);
    await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 0);
    await ws.expect(['destroy', '-input=false', '-auto-approve']);
  });

  test('a kubeconfig given by config_path keeps its token out of state', async () => {
    const ws = await opsWorkspace('ops-2', viaKubeconfig());
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    const state = (await ws.expect(['state', 'pull'])).stdout;
    expect(readFileSync(plane.kubeconfigPath, 'utf8')).toContain(plane.adminToken);
    expect(state).not.toContain(plane.adminToken);
    expect(state).toContain(plane.kubeconfigPath);
    await ws.expect(['destroy', '-input=false', '-auto-approve']);
  });

  test('a cluster whose in-cluster record is gone is reported, not silently recreated', async () => {
    const ws = await opsWorkspace('ops-3', viaKubeconfig());
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    expect((await plane.kubectl(['-n', 'strata-system', 'delete', 'configmap', 'strata-record-ops-3'])).code).toBe(0);
    const plan = await ws.run(['plan', '-input=false']);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('In-cluster record is missing');
    expect(plan.stderr).toContain('strata-system/strata-record-ops-3');
    expect(plan.stdout + plan.stderr).not.toContain('will be created');
    expect((await plane.kubectl(['-n', 'strata-system', 'get', 'configmap', 'strata-record-ops-3'])).code).not.toBe(0);
  });

  test('an unreachable API server gives a clear error on the kubernetes attribute that names the host, and no credential', async () => {
    // As in real configurations, the token comes from a sensitive variable: tofu quotes the
    // attribute's source line, never the variable's value.
    const ws = await opsWorkspace('nowhere', '{ host = "https://127.0.0.1:1", insecure = true, token = var.token }');
    ws.write('variables.tf', 'variable "token" {\n  type      = string\n  sensitive = true\n}\n');
    const plan = await ws.run(['plan', '-input=false'], { env: { TF_VAR_token: 'not-a-real-token' } });
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('Error: Cannot reach the Kubernetes API server');
    expect(plan.stderr).toMatch(/on main\.tf line \d+, in resource "strata_cluster" "c":\n\s+\d+:\s+kubernetes = \{ host = "https:\/\/127\.0\.0\.1:1"/);
    expect(plan.stderr).toContain('https://127.0.0.1:1');
    expect(plan.stdout + plan.stderr).not.toContain('not-a-real-token');
  });
});

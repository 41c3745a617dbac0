// One profile with a layer of each of the four kinds (a manifest, a Helm chart, a Zarf package built
// by the real `zarf package create`, a pack from a directory registry), deployed with the real tofu
// on the test control plane. Version 2.0.0 moves the pack to a newer version and the Zarf layer to
// another component set; re-pinning 1.0.0 restores both. Each step is checked with kubectl.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startControlPlane, type ControlPlane } from '../harness/controlplane';
import { CONNECTION_TF, connectionEnv, edgeCluster, kubectlOk, objectExists, PROVIDER_TF } from '../harness/story';
import { ensureTools } from '../harness/tools';
import { TofuWorkspace } from '../harness/tofu';
import { zarfPackage } from '../harness/zarf';
import { publishPack } from '../../provider/render/pack/publish';

jest.setTimeout(900_000);

const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures');
const PASSWORD = 'four-kinds-db-Pa55';

// The greeter pack's chart installs into "greeters" and leaves its namespace to the profile.
const BASE = `apiVersion: v1
kind: Namespace
metadata:
  name: four
---
apiVersion: v1
kind: Namespace
metadata:
  name: greeters
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: base
  namespace: four
data:
  owner: platform
`;

/** A version of the profile: the pack's version (or range) and the Zarf components differ. */
const version = (resource: string, number: string, packVersion: string, components: string) => `
resource "strata_profile_version" "${resource}" {
  profile_id = "four-kinds"
  version    = "${number}"
  layer {
    name = "base"
    manifest { content = ${JSON.stringify(BASE)} }
  }
  layer {
    name = "chart"
    helm {
      chart     = var.chart
      namespace = "four"
      values    = yamlencode({ greeting = "from the chart" })
    }
  }
  layer {
    name = "app"
    zarf {
      source     = var.package
      components = ${components}
      variables  = { DB_PASSWORD = var.db_password }
    }
  }
  layer {
    name = "greeter"
    pack {
      registry = var.packs
      name     = "greeter"
      version  = "${packVersion}"
      values   = yamlencode({ greeting = "hello from ${number}" })
    }
  }
}`;

const mainTf = (pinned: string) => `${PROVIDER_TF}
variable "chart" { type = string }
variable "package" { type = string }
variable "packs" { type = string }
variable "db_password" {
  type      = string
  sensitive = true
}
${CONNECTION_TF}
${version('v1', '1.0.0', '~1.0', 'null')}
${version('v2', '2.0.0', '1.1.0', '["extra", "-web"]')}
${edgeCluster('local.control_plane', `strata_profile_version.${pinned}.snapshot`)}`;

describe('a profile with a layer of each kind', () => {
  let plane: ControlPlane;
  let ws: TofuWorkspace;
  let packs: string;
  const kubectl = (...args: string[]) => kubectlOk(plane, args);
  const exists = (...args: string[]) => objectExists(plane, args);
  const get = (namespace: string, kind: string, name: string, path: string) => kubectl('-n', namespace, 'get', kind, name, '-o', `jsonpath=${path}`);

  beforeAll(async () => {
    const { helm } = await ensureTools(['helm', 'kubectl', 'zarf']);
    packs = await mkdtemp(join(tmpdir(), 'strata-four-kinds-packs-'));
    for (const v of ['1.0.0', '1.1.0']) await publishPack(join(fixtures, 'packs', 'greeter', v), packs);
    const pkg = await zarfPackage('app');
    plane = await startControlPlane({ withKwok: true, nodes: 1 });
    ws = await TofuWorkspace.create({ files: { 'main.tf': mainTf('v1') } });
    Object.assign(ws.env, {
      TF_VAR_chart: join(fixtures, 'charts', 'web-app'), TF_VAR_package: pkg, TF_VAR_packs: packs,
      TF_VAR_db_password: PASSWORD, TF_VAR_helm_path: helm, ...connectionEnv(plane),
    });
    await ws.expect(['init', '-input=false']);
  });

  afterAll(async () => {
    await Promise.all([plane?.stop(), packs && rm(packs, { recursive: true, force: true })]);
  });

  /** What each of the four layers put in the cluster that the versions tell apart. */
  const kinds = async () => ({
    manifest: await get('four', 'configmap', 'base', '{.data.owner}'),
    chart: await get('four', 'configmap', 'chart-config', '{.data.greeting}'),
    zarfWeb: await exists('-n', 'strata-zarf', 'deployment', 'web'),
    zarfExtra: await exists('-n', 'strata-zarf', 'configmap', 'extra'),
    pack: `${await get('greeters', 'configmap', 'greeter', '{.data.packVersion}')} ${await get('greeters', 'configmap', 'greeter', '{.data.greeting}')}`,
  });

  test('1.0.0 deploys all four layers: the pack range resolves to 1.0.0, the Zarf package to its default components', async () => {
    const plan = await ws.expect(['plan', '-input=false']);
    for (const line of ['base: + v1 ConfigMap four/base', 'chart: + v1 ConfigMap four/chart-config', 'app: + apps/v1 Deployment strata-zarf/web', 'greeter: + v1 ConfigMap greeters/greeter']) {
      expect(plan.stdout).toContain(line);
    }
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    expect(await kinds()).toEqual({ manifest: 'platform', chart: 'from the chart', zarfWeb: true, zarfExtra: false, pack: '1.0.0 hello from 1.0.0' });
    await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 0);
  });

  test('2.0.0 moves the pack to 1.1.0 and the Zarf layer to another component set; the other layers stay', async () => {
    ws.write('main.tf', mainTf('v2'));
    const plan = await ws.expect(['plan', '-input=false']);
    expect(plan.stdout).toContain('greeter: ~ v1 ConfigMap greeters/greeter');
    expect(plan.stdout).toContain('app: - apps/v1 Deployment strata-zarf/web');
    expect(plan.stdout).not.toMatch(/"(base|chart): /);
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    expect(await kinds()).toEqual({ manifest: 'platform', chart: 'from the chart', zarfWeb: false, zarfExtra: true, pack: '1.1.0 hello from 2.0.0' });
  });

  test('re-pinning 1.0.0 restores both, and the history shows the three moves', async () => {
    ws.write('main.tf', mainTf('v1'));
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    expect(await kinds()).toEqual({ manifest: 'platform', chart: 'from the chart', zarfWeb: true, zarfExtra: false, pack: '1.0.0 hello from 1.0.0' });
    expect(JSON.parse((await ws.expect(['output', '-json', 'history'])).stdout)).toEqual(['1.0.0', '2.0.0', '1.0.0']);
    await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 0);
  });
});

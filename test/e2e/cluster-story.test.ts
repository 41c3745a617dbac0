// The incident story, end to end: the real tofu drives Strata against a real kube-apiserver (with
// kwok nodes); every result is checked independently with kubectl.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startChartRepo } from '../harness/chart-repo';
import { startControlPlane, type ControlPlane } from '../harness/controlplane';
import { CONNECTION_TF, connectionEnv, edgeCluster, FEATURE_FLAGS, gadget, GADGET_CRD, kubectlOk, manifestLayer, objectExists, PROVIDER_TF, recordText, savedPlanChanges, webBase } from '../harness/story';
import { ensureTools } from '../harness/tools';
import { TofuWorkspace } from '../harness/tofu';

jest.setTimeout(900_000);

const SECRET_VALUE = 's3cr3t-Pa55w0rd-v1';
const charts = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'charts');

const baseLayer = () => manifestLayer('base', webBase(SECRET_VALUE));

const appLayer = (version: string, values: string) => `
  layer {
    name = "app"
    helm {
      chart      = "web-app"
      repository = var.chart_repo
      version    = "${version}"
      namespace  = "web"
      values     = yamlencode(${values})
    }
  }`;

const crdLayer = manifestLayer('widgets', `${GADGET_CRD}\n---${gadget('web')}`);

const extrasLayer = manifestLayer('extras', FEATURE_FLAGS);

function mainTf(pinned: string): string {
  return `${PROVIDER_TF}
variable "chart_repo" { type = string }
${CONNECTION_TF}
resource "strata_profile_version" "web_1_0_0" {
  profile_id = "web"
  version    = "1.0.0"
${baseLayer()}
${appLayer('1.0.0', '{ replicaCount = 2, greeting = "hello" }')}
${crdLayer}
}

resource "strata_profile_version" "web_2_0_0" {
  profile_id = "web"
  version    = "2.0.0"
${baseLayer()}
${appLayer('2.0.0', '{ replicaCount = 3, greeting = "hello, world" }')}
${extrasLayer}
}

${edgeCluster('local.control_plane', pinned)}`;
}

const V1 = 'strata_profile_version.web_1_0_0.snapshot';
const V2 = 'strata_profile_version.web_2_0_0.snapshot';

describe('a cluster pinned to a profile version: upgrade, outage, rollback', () => {
  let plane: ControlPlane;
  let repo: { url: string; stop(): Promise<void> };
  let ws: TofuWorkspace;

  const kubectl = (...args: string[]) => kubectlOk(plane, args);
  const exists = (...args: string[]) => objectExists(plane, args);
  const record = () => recordText(plane, 'edge-1');
  /** The `changes` a saved plan carries for the cluster. */
  const plannedChanges = () => savedPlanChanges(ws, 'strata_cluster.edge');

  beforeAll(async () => {
    const { helm } = await ensureTools(['helm', 'kubectl']);
    [plane, repo] = await Promise.all([
      startControlPlane({ withKwok: true, nodes: 1 }),
      startChartRepo([join(charts, 'web-app'), join(charts, 'web-app-2')]),
    ]);
    ws = await TofuWorkspace.create({ files: { 'main.tf': mainTf(V1) } });
    Object.assign(ws.env, {
      TF_VAR_chart_repo: repo.url, TF_VAR_helm_path: helm, ...connectionEnv(plane),
    });
    await ws.expect(['init', '-input=false']);
  });

  afterAll(async () => {
    await Promise.all([plane?.stop(), repo?.stop()]);
  });

  let upgradeChanges: string[] = [];

  test('1.0.0: plan shows every object per layer, apply converges, kubectl sees it all', async () => {
    const plan = await ws.expect(['plan', '-input=false'], 0);
    expect(plan.stdout).toContain('strata_cluster.edge will be created');
    expect(plan.stdout).toContain('base: + v1 Secret web/credentials');
    expect(plan.stdout).toContain('app: + apps/v1 Deployment web/app');
    expect(plan.stdout).toContain('widgets: + example.com/v1 Gadget web/main');
    expect(plan.stdout + plan.stderr).not.toContain(SECRET_VALUE);
    expect(plan.stdout + plan.stderr).not.toContain(plane.adminToken);

    await ws.expect(['apply', '-input=false', '-auto-approve']);
    expect(await kubectl('-n', 'web', 'get', 'configmap', 'settings', '-o', 'jsonpath={.data.mode}')).toBe('production');
    const password = await kubectl('-n', 'web', 'get', 'secret', 'credentials', '-o', 'jsonpath={.data.password}');
    expect(Buffer.from(password, 'base64').toString()).toBe(SECRET_VALUE);
    expect(await kubectl('-n', 'web', 'get', 'deployment', 'app', '-o', 'jsonpath={.status.availableReplicas}')).toBe('2');
    expect(await kubectl('-n', 'web', 'get', 'configmap', 'app-config', '-o', 'jsonpath={.data.greeting}')).toBe('hello');
    expect(await kubectl('get', 'crd', 'gadgets.example.com', '-o', 'jsonpath={.status.conditions[?(@.type=="Established")].status}')).toBe('True');
    expect(await kubectl('-n', 'web', 'get', 'gadget', 'main', '-o', 'jsonpath={.spec.size}')).toBe('3');
    expect(await kubectl('-n', 'web', 'get', 'deployment', 'app', '-o', 'jsonpath={.metadata.managedFields[0].manager}')).toBe('strata-edge-1');

    const text = await record();
    const parsed = JSON.parse(text);
    expect(parsed.applied.version).toBe('1.0.0');
    expect(parsed.inventory.map((l: any) => l.name)).toEqual(['base', 'app', 'widgets']);
    expect(text).toContain('core/Secret/web/credentials');
    expect(text).not.toContain(SECRET_VALUE);
    expect(text).not.toContain(Buffer.from(SECRET_VALUE).toString('base64'));
  });

  test('a second plan shows no changes', async () => {
    const plan = await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 0);
    expect(plan.stdout).toContain('No changes.');
  });

  test('no Secret value or token in state outputs, computed attributes or the record', async () => {
    const show = JSON.parse((await ws.expect(['show', '-json'])).stdout);
    const cluster = show.values.root_module.resources.find((r: any) => r.address === 'strata_cluster.edge');
    const computed = JSON.stringify({ ...cluster.values, profile: undefined, kubernetes: undefined });
    expect(computed).not.toContain(SECRET_VALUE);
    expect(computed).not.toContain(plane.adminToken);
    expect(cluster.sensitive_values.kubernetes.token).toBe(true);
    expect(cluster.sensitive_values.profile).toBe(true);
  });

  test('2.0.0: the plan shows the layer diff; apply upgrades the chart, adds extras, prunes the removed layer', async () => {
    ws.write('main.tf', mainTf(V2));
    upgradeChanges = await plannedChanges();
    expect(upgradeChanges).toEqual(expect.arrayContaining([
      'app: ~ apps/v1 Deployment web/app',
      'app: ~ v1 ConfigMap web/app-config',
      'app: + v1 ServiceAccount web/web-app',
      'extras: + v1 ConfigMap web/feature-flags',
      'widgets: - example.com/v1 Gadget web/main',
      'widgets: - apiextensions.k8s.io/v1 CustomResourceDefinition gadgets.example.com',
    ]));
    expect(upgradeChanges.some((c) => c.startsWith('base:'))).toBe(false);
    await ws.expect(['apply', '-input=false', '-auto-approve', 'move.plan']);
    expect(await kubectl('-n', 'web', 'get', 'deployment', 'app', '-o', 'jsonpath={.status.availableReplicas}')).toBe('3');
    expect(await kubectl('-n', 'web', 'get', 'configmap', 'app-config', '-o', 'jsonpath={.data.greeting}')).toBe('hello, world');
    expect(await exists('-n', 'web', 'configmap', 'feature-flags')).toBe(true);
    expect(await exists('-n', 'web', 'serviceaccount', 'web-app')).toBe(true);
    expect(await exists('crd', 'gadgets.example.com')).toBe(false);
    expect(JSON.parse(await record()).applied.version).toBe('2.0.0');
  });

  test('rollback is a one-line change: the plan is the exact reverse of the upgrade, apply restores 1.0.0', async () => {
    ws.write('main.tf', mainTf(V1));
    const rollback = await plannedChanges();
    const reverse = (line: string) => line.replace(/: ([+~-]) /, (_m, s) => `: ${s === '+' ? '-' : s === '-' ? '+' : '~'} `);
    expect([...rollback].sort()).toEqual(upgradeChanges.map(reverse).sort());
    await ws.expect(['apply', '-input=false', '-auto-approve', 'move.plan']);
    expect(await kubectl('-n', 'web', 'get', 'deployment', 'app', '-o', 'jsonpath={.status.availableReplicas}')).toBe('2');
    expect(await kubectl('-n', 'web', 'get', 'configmap', 'app-config', '-o', 'jsonpath={.data.greeting}')).toBe('hello');
    expect(await exists('-n', 'web', 'configmap', 'feature-flags')).toBe(false);
    expect(await exists('-n', 'web', 'serviceaccount', 'web-app')).toBe(false);
    // The pruned service account is named nowhere in the pod template any more (nor by its deprecated twin), so new pods start.
    expect(await kubectl('-n', 'web', 'get', 'deployment', 'app', '-o', 'jsonpath={.spec.template.spec.serviceAccountName}|{.spec.template.spec.serviceAccount}')).toBe('|');
    expect(await kubectl('-n', 'web', 'get', 'gadget', 'main', '-o', 'jsonpath={.spec.size}')).toBe('3');
    const history = JSON.parse((await ws.expect(['output', '-json', 'history'])).stdout);
    expect(history).toEqual(['1.0.0', '2.0.0', '1.0.0']);
    const parsed = JSON.parse(await record());
    expect(parsed.history.map((h: any) => `${h.version} ${h.outcome}`)).toEqual(['1.0.0 applied', '2.0.0 applied', '1.0.0 applied']);
    expect(parsed.history[1].layers.map((l: any) => l.name)).toEqual(['base', 'app', 'extras']);
    await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 0);
  });

  test('drift: an edited and a deleted object show in the next plan, and apply repairs them', async () => {
    await kubectl('-n', 'web', 'patch', 'configmap', 'settings', '--type=merge', '-p', '{"data":{"mode":"debug"}}');
    await kubectl('-n', 'web', 'delete', 'secret', 'credentials');
    const plan = await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 2);
    expect(plan.stdout).toContain('v1 ConfigMap web/settings: modified outside Strata');
    expect(plan.stdout).toContain('v1 Secret web/credentials: deleted outside Strata');
    expect(plan.stdout).toContain('base: ~ v1 ConfigMap web/settings (repair drift)');
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    expect(await kubectl('-n', 'web', 'get', 'configmap', 'settings', '-o', 'jsonpath={.data.mode}')).toBe('production');
    expect(await exists('-n', 'web', 'secret', 'credentials')).toBe(true);
    await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 0);
  });

  test('a concurrent apply fails fast and names the holder of the cluster lock', async () => {
    await plane.kubectl(['apply', '-f', '-'], {
      input: JSON.stringify({
        apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'strata-lock-edge-1', namespace: 'strata-system' },
        spec: { holderIdentity: 'ci-job-42', leaseDurationSeconds: 600, acquireTime: new Date().toISOString().replace('Z', '000Z'), renewTime: new Date().toISOString().replace('Z', '000Z') },
      }),
    });
    ws.write('main.tf', mainTf(V2));
    const started = Date.now();
    const apply = await ws.run(['apply', '-input=false', '-auto-approve']);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('Cluster is locked by another apply');
    expect(apply.stderr).toContain('ci-job-42');
    expect(Date.now() - started).toBeLessThan(60_000);
    await kubectl('-n', 'strata-system', 'delete', 'lease', 'strata-lock-edge-1');
    expect(JSON.parse(await record()).applied.version).toBe('1.0.0');
    ws.write('main.tf', mainTf(V1));
  });

  test('import rebuilds the cluster state from the in-cluster record', async () => {
    writeFileSync(join(ws.dir, 'kubeconfig'), readFileSync(plane.kubeconfigPath));
    await ws.expect(['state', 'rm', 'strata_cluster.edge']);
    await ws.expect(['import', '-input=false', 'strata_cluster.edge', `edge-1@${join(ws.dir, 'kubeconfig')}`]);
    const show = await ws.expect(['state', 'show', 'strata_cluster.edge']);
    expect(show.stdout).toMatch(/applied_version\s+= "1\.0\.0"/);
    expect(show.stdout).toMatch(/name\s+= "base"\s+object_count\s+= 3/);
    const plan = await ws.expect(['plan', '-input=false'], 0);
    expect(plan.stdout).toContain('strata_cluster.edge will be updated in-place');
    expect(plan.stdout).not.toMatch(/: [+~-] (v1|apps)/);
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 0);
  });

  test('destroy removes every object Strata applied, its record and its namespace', async () => {
    await ws.expect(['destroy', '-input=false', '-auto-approve']);
    expect(await exists('namespace', 'strata-system')).toBe(false);
    expect(await exists('crd', 'gadgets.example.com')).toBe(false);
    for (const object of [['-n', 'web', 'deployment', 'app'], ['-n', 'web', 'configmap', 'settings'], ['-n', 'web', 'secret', 'credentials'], ['-n', 'web', 'gadget', 'main']]) {
      expect(await exists(...object)).toBe(false);
    }
    const web = await plane.kubectl(['get', 'namespace', 'web', '-o', 'jsonpath={.status.phase}']);
    expect(web.code !== 0 || web.stdout === 'Terminating').toBe(true);
  });
});

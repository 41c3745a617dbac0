// The golden test of what a reader sees in plain `tofu plan` output when a cluster moves to a new
// profile version: the layers that change, the objects, and for changed objects the fields with
// their old and new values, Secret values never. The real tofu, a real kube-apiserver, kubectl.
import { startControlPlane, type ControlPlane } from '../harness/controlplane';
import { kubectlOk, manifestLayer, PROVIDER_TF } from '../harness/story';
import { TofuWorkspace } from '../harness/tofu';

jest.setTimeout(900_000);

const SECRET_V1 = 'pl4n-v1ew-Secret-One';
const SECRET_V2 = 'pl4n-v1ew-Secret-Two';

/** What changes from 1.0.0 to 2.0.0 is spelled out here, so the expected lines below can be read against it. */
const release = (v: { password: string; mode: string; replicas: number; image: string; legacy: boolean; extras: boolean }) => `
${manifestLayer('base', `
apiVersion: v1
kind: Namespace
metadata:
  name: web
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: web
data:
  mode: ${v.mode}
  region: eu-west
---
apiVersion: v1
kind: Secret
metadata:
  name: credentials
  namespace: web
stringData:
  password: ${v.password}`)}
${manifestLayer('app', `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: web
spec:
  replicas: ${v.replicas}
  selector:
    matchLabels: { app: api }
  template:
    metadata:
      labels: { app: api }
    spec:
      containers:
        - name: api
          image: ${v.image}${v.legacy ? `
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: legacy
  namespace: web
data:
  old: "yes"` : ''}`)}
${v.extras ? manifestLayer('extras', `
apiVersion: v1
kind: ConfigMap
metadata:
  name: feature-flags
  namespace: web
data:
  new-ui: "on"`) : ''}`;

const V1 = { password: SECRET_V1, mode: 'production', replicas: 2, image: 'nginx:1.25', legacy: true, extras: false };
const V2 = { password: SECRET_V2, mode: 'debug', replicas: 3, image: 'nginx:1.27', legacy: false, extras: true };

/** An override of this cluster, applied with 1.0.0: the upgrade's plan names it on the object it changes. */
const OVERRIDES = `
resource "strata_cluster_override" "tuning" {
  cluster_id = strata_cluster.edge.id
  kubernetes = { config_path = var.kubeconfig }
  name       = "edge-1-tuning"
  layer      = "app"
  patch {
    target {
      api_version = "apps/v1"
      kind        = "Deployment"
      name        = "api"
      namespace   = "web"
    }
    json_patch = jsonencode([{ op = "add", path = "/spec/minReadySeconds", value = 5 }])
  }
}`;

function mainTf(pinned: '1_0_0' | '2_0_0'): string {
  return `${PROVIDER_TF}
variable "kubeconfig" { type = string }

resource "strata_profile_version" "web_1_0_0" {
  profile_id = "web"
  version    = "1.0.0"
${release(V1)}
}

resource "strata_profile_version" "web_2_0_0" {
  profile_id = "web"
  version    = "2.0.0"
${release(V2)}
}

resource "strata_cluster" "edge" {
  name       = "edge-1"
  kubernetes = { config_path = var.kubeconfig }
  profile    = strata_profile_version.web_${pinned}.snapshot
  wait       = false
}
${OVERRIDES}`;
}

/** The lines a reader needs in the upgrade plan, in plan order: layer by layer, removals last (an override adds `(override "name")` to its object's line). */
const UPGRADE_LINES = [
  'base: ~ v1 ConfigMap web/settings',
  'base:     data.mode: production -> debug',
  'base: ~ v1 Secret web/credentials',
  'base:     data.password: (sensitive value) -> (sensitive value)',
  'app: ~ apps/v1 Deployment web/api (override "edge-1-tuning")',
  'app:     spec.replicas: 2 -> 3',
  'app:     spec.template.spec.containers[0].image: nginx:1.25 -> nginx:1.27',
  'extras: + v1 ConfigMap web/feature-flags',
  'app: - v1 ConfigMap web/legacy',
];

const fold = (text: string) => text.replace(/\s+/g, ' ');
const base64 = (text: string) => Buffer.from(text).toString('base64');

describe('the plan of an upgrade, as a reader sees it', () => {
  let plane: ControlPlane;
  let ws: TofuWorkspace;
  const kubectl = (...args: string[]) => kubectlOk(plane, args);

  beforeAll(async () => {
    plane = await startControlPlane({ withKwok: false });
    ws = await TofuWorkspace.create({ files: { 'main.tf': mainTf('1_0_0') } });
    Object.assign(ws.env, { TF_VAR_kubeconfig: plane.kubeconfigPath, TF_VAR_helm_path: '' });
    await ws.expect(['init', '-input=false']);
    await ws.expect(['apply', '-input=false', '-auto-approve']);
  });

  afterAll(async () => {
    await plane?.stop();
  });

  test('after apply and refresh, state keeps per-layer summaries and no plan lines', async () => {
    await ws.expect(['refresh', '-input=false']);
    const show = JSON.parse((await ws.expect(['show', '-json'])).stdout);
    const cluster = show.values.root_module.resources.find((r: { address: string }) => r.address === 'strata_cluster.edge').values;
    expect(cluster.changes).toEqual([]);
    expect(cluster.layers.map((l: { name: string; object_count: number }) => `${l.name} ${l.object_count}`)).toEqual(['base 3', 'app 2']);
  });

  test('the upgrade plan lists layers, objects and changed fields, only what this apply does, and no Secret value', async () => {
    ws.write('main.tf', mainTf('2_0_0'));
    const plan = await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 2);
    const text = plan.stdout;
    // The `changes` attribute: each line quoted in the list tofu prints, in order.
    const quoted = UPGRADE_LINES.map((line) => `+ ${JSON.stringify(line)}`);
    let at = -1;
    for (const line of quoted) {
      const found = text.indexOf(line, at + 1);
      expect({ line, found: found > at }).toEqual({ line, found: true });
      at = found;
    }
    // Nothing of the last apply listed as removed: no signs inside signs.
    expect(text).not.toMatch(/^\s*- "(base|app|extras): /m);
    // The layers that change: extras is new, and app loses an object.
    expect(fold(text)).toMatch(/\+ \{ \+ digest = "sha256:[0-9a-f]+" \+ name = "extras" \+ object_count = 1 \+ type = "manifest" \}/);
    expect(fold(text)).toMatch(/~ object_count = 2 -> 1/);
    // The plan warning repeats the lines (tofu folds its text).
    const warning = fold(plan.stdout.slice(plan.stdout.indexOf('Warning: Strata plan for cluster "edge-1"')));
    expect(warning).toContain('Cluster "edge-1" will change');
    for (const line of UPGRADE_LINES) expect(warning).toContain(fold(line));
    for (const secret of [SECRET_V1, SECRET_V2, base64(SECRET_V1), base64(SECRET_V2)]) expect(plan.stdout + plan.stderr).not.toContain(secret);
  });

  test('the upgrade applies as planned, and the next plan and a rollback plan list nothing of it as removed', async () => {
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    expect(await kubectl('-n', 'web', 'get', 'deployment', 'api', '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} {.spec.minReadySeconds}')).toBe('3 nginx:1.27 5');
    expect(await kubectl('-n', 'web', 'get', 'configmap', 'settings', '-o', 'jsonpath={.data.mode}')).toBe('debug');
    expect(Buffer.from(await kubectl('-n', 'web', 'get', 'secret', 'credentials', '-o', 'jsonpath={.data.password}'), 'base64').toString()).toBe(SECRET_V2);
    expect((await plane.kubectl(['-n', 'web', 'get', 'configmap', 'legacy'])).code).not.toBe(0);
    await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 0);

    ws.write('main.tf', mainTf('1_0_0'));
    const rollback = await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 2);
    expect(rollback.stdout).not.toMatch(/^\s*- "(base|app|extras): /m);
    expect(rollback.stdout).toContain(`+ ${JSON.stringify('app:     spec.replicas: 3 -> 2')}`);
    expect(rollback.stdout).toContain(`+ ${JSON.stringify('extras: - v1 ConfigMap web/feature-flags')}`);
    for (const secret of [SECRET_V1, SECRET_V2, base64(SECRET_V1), base64(SECRET_V2)]) expect(rollback.stdout + rollback.stderr).not.toContain(secret);
  });
});

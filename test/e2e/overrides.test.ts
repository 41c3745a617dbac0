// Cluster overrides, end to end: a cluster in one root module, its overrides in another (two
// states); the real tofu drives Strata against a real kube-apiserver, and kubectl checks the cluster.
import { join } from 'node:path';
import { startControlPlane, type ControlPlane } from '../harness/controlplane';
import { CONNECTION_TF, connectionEnv, FEATURE_FLAGS, kubectlOk, manifestLayer, PROVIDER_TF, recordText, webBase } from '../harness/story';
import { ensureTools } from '../harness/tools';
import { TofuWorkspace } from '../harness/tofu';

jest.setTimeout(900_000);

const SECRET_VALUE = 's3cr3t-override-Pa55';
const charts = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'charts');
const fold = (text: string) => text.replace(/\s+/g, ' ');

const appLayer = (chart: string, values: string) => `
  layer {
    name = "app"
    helm {
      chart     = "${join(charts, chart)}"
      namespace = "web"
      values    = yamlencode(${values})
    }
  }`;

/** The base layer with ConfigMap web/settings holding `data` instead of mode: production. */
const baseLayer = (settings = 'mode: production') => manifestLayer('base', webBase(SECRET_VALUE).replace('mode: production', settings));

/** ConfigMap web/feature-flags (new-ui: "true"): the layer that version 3.0.0 leaves out. */
const extrasLayer = manifestLayer('extras', FEATURE_FLAGS);

const version = (id: string, layers: string) => `
resource "strata_profile_version" "${id}" {
  profile_id = "web"
  version    = "${id.slice(4).replace(/_/g, '.')}"
${layers}
}`;


function clusterTf(pinned: string): string {
  return `${PROVIDER_TF}${CONNECTION_TF}${version('web_1_0_0', `${baseLayer()}${appLayer('web-app', '{ replicaCount = 2 }')}${extrasLayer}`)}
${version('web_2_0_0', `${baseLayer()}${appLayer('web-app', '{ replicaCount = 3, image = { tag = "2.0.0" } }')}${extrasLayer}`)}
${version('web_3_0_0', `${baseLayer()}${appLayer('web-app', '{ replicaCount = 2 }')}`)}
${version('web_4_0_0', `${baseLayer('level: high')}${appLayer('web-app', '{ replicaCount = 2 }')}${extrasLayer}`)}
resource "strata_cluster" "edge" {
  name       = "edge-1"
  kubernetes = local.control_plane
  profile    = strata_profile_version.${pinned}.snapshot
  # What is tested here is what overrides change, not readiness: on a loaded machine the kwok node
  # can miss heartbeats, and pods it marked not ready stay so, which would fail waits at random.
  wait       = false
}
output "drift" {
  value = strata_cluster.edge.drift
}
`;
}

/** The overrides, in a root module of their own, through the provider block's connection. */
function overridesTf(jsonPatch: string): string {
  return `terraform {
  required_providers {
    strata = { source = "strata/strata" }
  }
}
variable "helm_path" { type = string }
${CONNECTION_TF}
provider "strata" {
  helm_path  = var.helm_path
  kubernetes = local.control_plane
}

resource "strata_cluster_override" "greeting" {
  cluster_id  = "edge-1"
  name        = "edge-greeting"
  layer       = "app"
  description = "Edge sites greet in their own words"
  values      = yamlencode({ greeting = "hello from the edge" })
}

resource "strata_cluster_override" "settings" {
  cluster_id = "edge-1"
  name       = "edge-settings"
  layer      = "base"
  patch {
    target {
      api_version = "v1"
      kind        = "ConfigMap"
      name        = "settings"
      namespace   = "web"
    }
    json_patch = jsonencode(${jsonPatch})
  }
}

resource "strata_cluster_override" "flags" {
  cluster_id = "edge-1"
  name       = "edge-flags"
  layer      = "extras"
  patch {
    target {
      api_version = "v1"
      kind        = "ConfigMap"
      name        = "feature-flags"
      namespace   = "web"
    }
    merge_patch = yamlencode({ data = { new-ui = "false", beta = "on" } })
  }
}

output "orphaned" {
  value = { for k, o in { greeting = strata_cluster_override.greeting, settings = strata_cluster_override.settings, flags = strata_cluster_override.flags } : k => o.orphan_reason if o.orphaned }
}
output "objects" {
  value = strata_cluster_override.greeting.objects
}
`;
}

const PATCH = '[{ op = "replace", path = "/data/mode", value = "edge" }, { op = "add", path = "/data/region", value = "eu-1" }]';

describe('cluster overrides: persist across versions, two states, orphaned, restored on destroy', () => {
  let plane: ControlPlane;
  let cluster: TofuWorkspace;
  let overrides: TofuWorkspace;
  const kubectl = (...args: string[]) => kubectlOk(plane, args);
  const greeting = () => kubectl('-n', 'web', 'get', 'configmap', 'app-config', '-o', 'jsonpath={.data.greeting}');
  const settings = () => kubectl('-n', 'web', 'get', 'configmap', 'settings', '-o', 'jsonpath={.data}');
  const flags = () => kubectl('-n', 'web', 'get', 'configmap', 'feature-flags', '-o', 'jsonpath={.data}');
  const envGreeting = () => kubectl('-n', 'web', 'get', 'deployment', 'app', '-o', 'jsonpath={.spec.template.spec.containers[0].env[0].value}');
  const clusterPlanIsEmpty = async () => {
    const plan = await cluster.expect(['plan', '-input=false', '-detailed-exitcode'], 0);
    expect(plan.stdout).toContain('No changes.');
  };
  const pin = async (pinned: string) => {
    cluster.write('main.tf', clusterTf(pinned));
    return cluster.expect(['apply', '-input=false', '-auto-approve']);
  };

  beforeAll(async () => {
    const { helm } = await ensureTools(['helm', 'kubectl']);
    plane = await startControlPlane({ withKwok: true, nodes: 1 });
    const env = { TF_VAR_helm_path: helm, ...connectionEnv(plane) };
    cluster = await TofuWorkspace.create({ files: { 'main.tf': clusterTf('web_1_0_0') } });
    overrides = await TofuWorkspace.create({ files: { 'main.tf': overridesTf(PATCH) } });
    Object.assign(cluster.env, env);
    Object.assign(overrides.env, env);
    await Promise.all([cluster.expect(['init', '-input=false']), overrides.expect(['init', '-input=false'])]);
    await cluster.expect(['apply', '-input=false', '-auto-approve']);
    expect(await greeting()).toBe('hello');
  });

  afterAll(async () => {
    await plane?.stop();
  });

  test('the overrides are planned and shown, applied, visible in the cluster and in its record', async () => {
    const plan = await overrides.expect(['plan', '-input=false'], 0);
    const text = fold(plan.stdout + plan.stderr);
    expect(text).toContain('strata_cluster_override.greeting will be created');
    expect(text).toContain('app: ~ v1 ConfigMap web/app-config');
    expect(text).toContain('app: ~ apps/v1 Deployment web/app');
    expect(text).toContain('base: ~ v1 ConfigMap web/settings');
    expect(text).toContain('extras: ~ v1 ConfigMap web/feature-flags');
    expect(text).not.toContain(SECRET_VALUE);

    await overrides.expect(['apply', '-input=false', '-auto-approve']);
    expect(await greeting()).toBe('hello from the edge');
    expect(await envGreeting()).toBe('hello from the edge');
    expect(JSON.parse(await settings())).toEqual({ mode: 'edge', region: 'eu-1' });
    expect(JSON.parse(await flags())).toEqual({ 'new-ui': 'false', beta: 'on' });
    expect(JSON.parse((await overrides.expect(['output', '-json', 'objects'])).stdout)).toEqual(expect.arrayContaining(['v1 ConfigMap web/app-config', 'apps/v1 Deployment web/app']));

    const record = JSON.parse(await recordText(plane, 'edge-1'));
    expect(record.overrides.map((o: any) => `${o.layer}/${o.name}`)).toEqual(['app/edge-greeting', 'base/edge-settings', 'extras/edge-flags']);
    expect(record.overrides[0]).toMatchObject({ description: 'Edge sites greet in their own words', digest: expect.stringMatching(/^sha256:/), by: expect.any(String), time: expect.any(String) });
    expect(JSON.stringify(record)).not.toContain('hello from the edge'); // content lives in the definitions Secret
    expect(await kubectl('-n', 'strata-system', 'get', 'secret', record.definitions.secret, '-o', 'jsonpath={.type}')).toBe('Opaque');

    await overrides.expect(['plan', '-input=false', '-detailed-exitcode'], 0);
  });

  test('the cluster, in its own state, sees no drift after a refresh and plans nothing', async () => {
    await cluster.expect(['refresh', '-input=false']);
    expect(JSON.parse((await cluster.expect(['output', '-json', 'drift'])).stdout)).toEqual([]);
    await clusterPlanIsEmpty();
  });

  test('1.0.0 -> 2.0.0 keeps the overrides; rollback to 1.0.0 keeps them too', async () => {
    await pin('web_2_0_0');
    expect(await kubectl('-n', 'web', 'get', 'deployment', 'app', '-o', 'jsonpath={.spec.replicas}')).toBe('3');
    expect(await kubectl('-n', 'web', 'get', 'deployment', 'app', '-o', 'jsonpath={.spec.template.spec.containers[0].image}')).toBe('registry.example.com/web-app:2.0.0');
    expect(await greeting()).toBe('hello from the edge');
    expect(JSON.parse(await settings())).toEqual({ mode: 'edge', region: 'eu-1' });
    expect(JSON.parse(await flags())).toEqual({ 'new-ui': 'false', beta: 'on' });
    await clusterPlanIsEmpty();

    await pin('web_1_0_0');
    expect(await kubectl('-n', 'web', 'get', 'deployment', 'app', '-o', 'jsonpath={.spec.replicas}')).toBe('2');
    expect(await greeting()).toBe('hello from the edge');
    expect(JSON.parse(await settings())).toEqual({ mode: 'edge', region: 'eu-1' });
    await clusterPlanIsEmpty();
    await overrides.expect(['plan', '-input=false', '-detailed-exitcode'], 0);
  });

  test('a version without the overridden layer reports the override as orphaned, at the cluster\'s plan and on the override', async () => {
    cluster.write('main.tf', clusterTf('web_3_0_0'));
    const plan = await cluster.expect(['plan', '-input=false'], 0);
    const text = fold(plan.stdout + plan.stderr);
    expect(text).toContain('Cluster override "edge-flags" is orphaned');
    expect(text).toContain('the profile the cluster runs has no layer "extras"');
    await cluster.expect(['apply', '-input=false', '-auto-approve']);
    expect(await greeting()).toBe('hello from the edge');
    expect(JSON.parse(await settings())).toEqual({ mode: 'edge', region: 'eu-1' });
    await clusterPlanIsEmpty();

    await overrides.expect(['refresh', '-input=false']);
    const orphaned = () => overrides.expect(['output', '-json', 'orphaned']).then((r) => JSON.parse(r.stdout));
    expect(await orphaned()).toEqual({ flags: 'the profile the cluster runs has no layer "extras"' });
    await overrides.expect(['plan', '-input=false', '-detailed-exitcode'], 0);
    expect(JSON.parse(await recordText(plane, 'edge-1')).overrides).toHaveLength(3);

    await pin('web_1_0_0');
    expect(JSON.parse(await flags())).toEqual({ 'new-ui': 'false', beta: 'on' });
    await overrides.expect(['refresh', '-input=false']);
    expect(await orphaned()).toEqual({});
  });

  test('a patch that no longer applies fails the cluster\'s plan, naming the override and the operation', async () => {
    cluster.write('main.tf', clusterTf('web_4_0_0'));
    const plan = await cluster.expect(['plan', '-input=false'], 1);
    const text = fold(plan.stdout + plan.stderr);
    expect(text).toContain('Cluster override does not apply');
    expect(text).toContain('override "edge-settings" (layer "base"), patch 1 (target v1 ConfigMap web/settings): operation 1 (replace /data/mode) fails');
    expect(text).not.toContain(SECRET_VALUE);
    cluster.write('main.tf', clusterTf('web_1_0_0'));
  });

  test('a failing patch of the override itself fails its plan on the patch attribute', async () => {
    overrides.write('main.tf', overridesTf('[{ op = "test", path = "/data/mode", value = "staging" }]'));
    const plan = await overrides.expect(['plan', '-input=false'], 1);
    const text = fold(plan.stdout + plan.stderr);
    expect(text).toContain('Cluster override does not apply');
    expect(text).toContain('operation 1 (test /data/mode) fails: the value at its path is not the one the test expects');
    expect(text).toContain('json_patch');
    overrides.write('main.tf', overridesTf(PATCH));
  });

  test('import by <cluster>/<layer>/<name> rebuilds the override\'s state', async () => {
    await overrides.expect(['state', 'rm', 'strata_cluster_override.settings']);
    await overrides.expect(['import', '-input=false', 'strata_cluster_override.settings', 'edge-1/base/edge-settings']);
    await overrides.expect(['plan', '-input=false', '-detailed-exitcode'], 0);
  });

  test('destroying the overrides restores the layers as the profile defines them', async () => {
    await overrides.expect(['destroy', '-input=false', '-auto-approve']);
    expect(await greeting()).toBe('hello');
    expect(await envGreeting()).toBe('hello');
    expect(JSON.parse(await settings())).toEqual({ mode: 'production' });
    expect(JSON.parse(await flags())).toEqual({ 'new-ui': 'true' });
    const record = JSON.parse(await recordText(plane, 'edge-1'));
    expect(record.overrides).toEqual([]);
    await clusterPlanIsEmpty();
  });
});

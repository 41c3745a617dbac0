// strata_rendered_layers with the real tofu on the test control plane: two versions of a profile
// (a manifest layer with a Secret, a local Helm chart) rendered for review, checked per layer and
// against the cluster with kubectl; no Secret value in outputs or state; the two renderings differ
// exactly where the versions do.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startControlPlane, type ControlPlane } from '../harness/controlplane';
import { connectionEnv, kubectlOk, manifestLayer, PROVIDER_CONNECTION_TF, webBase } from '../harness/story';
import { TofuWorkspace } from '../harness/tofu';

jest.setTimeout(900_000);

const SECRET_V1 = 'r3view-Pa55word-one';
const SECRET_V2 = 'r3view-Pa55word-two';
const SECRETS = [SECRET_V1, SECRET_V2].flatMap((s) => [s, Buffer.from(s).toString('base64')]);
const chart = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'charts', 'web-app');

const version = (name: string, semver: string, password: string, values: string) => `
resource "strata_profile_version" "${name}" {
  profile_id = "web"
  version    = "${semver}"
${manifestLayer('base', webBase(password))}
  layer {
    name = "app"
    helm {
      chart     = var.chart
      namespace = "web"
      values    = yamlencode(${values})
    }
  }
}`;

/** The review text of each rendering, as docs/clusters.md writes it: every object under a heading, for `tofu output -raw` and diff. */
const REVIEW = `locals {
  review = { for key, rendering in {
    web_1 = data.strata_rendered_layers.web_1,
    web_2 = data.strata_rendered_layers.web_2,
  } : key => join("", flatten([
    for layer in rendering.layers : [
      for object in layer.objects :
      "# \${layer.name}: \${object.api_version} \${object.kind} \${object.namespace == null ? "" : "\${object.namespace}/"}\${object.name}\\n\${object.yaml}"
    ]
  ])) }
}`;

const mainTf = (reviewedCluster: string) => `${PROVIDER_CONNECTION_TF}
variable "chart" { type = string }
${version('web_1', '1.0.0', SECRET_V1, '{ replicaCount = 2, greeting = "hello" }')}
${version('web_2', '2.0.0', SECRET_V2, '{ replicaCount = 3, greeting = "hello, world" }')}

resource "strata_cluster" "edge" {
  name    = "edge-1"
  profile = strata_profile_version.web_1.snapshot
  wait    = false
}

data "strata_rendered_layers" "web_1" {
  profile = strata_profile_version.web_1.snapshot
}

data "strata_rendered_layers" "web_2" {
  profile = strata_profile_version.web_2.snapshot
}

# The upgrade of a cluster Strata runs, rendered as its next plan would render it.
data "strata_rendered_layers" "edge_next" {
  profile = strata_profile_version.web_2.snapshot
  cluster = ${reviewedCluster}
}

output "web_1" { value = data.strata_rendered_layers.web_1.layers }
output "web_2" { value = data.strata_rendered_layers.web_2.layers }
output "edge_next" { value = data.strata_rendered_layers.edge_next.layers }
${REVIEW}

output "review_1" { value = local.review.web_1 }
output "review_2" { value = local.review.web_2 }
`;

interface ObjectView { api_version: string; kind: string; namespace: string | null; name: string; yaml: string }
interface LayerView { name: string; type: string; digest: string; objects: ObjectView[] }

const label = (o: ObjectView) => `${o.api_version} ${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
const fold = (text: string) => text.replace(/[│╷╵]/g, ' ').replace(/\s+/g, ' ');

describe('strata_rendered_layers: a rendering to review, for two versions of a profile', () => {
  let plane: ControlPlane;
  let ws: TofuWorkspace;
  const outputs: string[] = [];
  let layers: Record<'web_1' | 'web_2' | 'edge_next', LayerView[]>;

  const kubectl = (...args: string[]) => kubectlOk(plane, args);
  const tofu = async (args: string[], code = 0) => {
    const result = await ws.expect(args, code);
    outputs.push(result.stdout, result.stderr);
    return result;
  };

  beforeAll(async () => {
    plane = await startControlPlane({ withKwok: false });
    ws = await TofuWorkspace.create({ files: { 'main.tf': mainTf('strata_cluster.edge.name') } });
    Object.assign(ws.env, { TF_VAR_chart: chart, ...connectionEnv(plane) });
    await tofu(['init', '-input=false']);
    await tofu(['apply', '-input=false', '-auto-approve']);
    const json = JSON.parse((await tofu(['output', '-json'])).stdout);
    layers = { web_1: json.web_1.value, web_2: json.web_2.value, edge_next: json.edge_next.value };
  });

  afterAll(async () => {
    await plane?.stop();
  });

  test('each version renders its layers in profile order, each layer\'s objects in install order', () => {
    for (const key of ['web_1', 'web_2'] as const) {
      expect(layers[key].map((l) => [l.name, l.type])).toEqual([['base', 'manifest'], ['app', 'helm']]);
      for (const layer of layers[key]) expect(layer.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(layers[key][0]!.objects.map(label)).toEqual(['v1 Namespace web', 'v1 Secret web/credentials', 'v1 ConfigMap web/settings']);
      expect(layers[key][1]!.objects.map(label)).toEqual(['v1 ConfigMap web/app-config', 'v1 Service web/app', 'apps/v1 Deployment web/app']);
    }
    const deployment = (key: 'web_1' | 'web_2') => layers[key][1]!.objects[2]!.yaml;
    expect(deployment('web_1')).toContain('\n  replicas: 2\n');
    expect(deployment('web_2')).toContain('\n  replicas: 3\n');
    // The chart rendered against the cluster: its version, as helm's .Capabilities saw it.
    expect(layers.web_1[1]!.objects[0]!.yaml).toMatch(/kubeVersion: v1\.\d+\.\d+/);
  });

  test('the objects are what the cluster runs: kubectl finds each one of version 1.0.0 as rendered', async () => {
    for (const object of layers.web_1.flatMap((l) => l.objects)) {
      const args = ['get', object.kind.toLowerCase(), object.name];
      if (object.namespace) args.push('-n', object.namespace);
      expect(await kubectl(...args, '-o', 'jsonpath={.metadata.name}')).toBe(object.name);
    }
    expect(await kubectl('-n', 'web', 'get', 'deployment', 'app', '-o', 'jsonpath={.spec.replicas}')).toBe('2');
    expect(await kubectl('-n', 'web', 'get', 'configmap', 'app-config', '-o', 'jsonpath={.data.greeting}')).toBe('hello');
    // The cluster holds the value; the rendering shows a marker in its place.
    expect(Buffer.from(await kubectl('-n', 'web', 'get', 'secret', 'credentials', '-o', 'jsonpath={.data.password}'), 'base64').toString()).toBe(SECRET_V1);
    expect(layers.web_1[0]!.objects[1]!.yaml).toMatch(/^stringData:\n  password: "\(redacted: sha256 [0-9a-f]{12}\)"$/m);
  });

  test('a cluster named in `cluster` is rendered from its record: the same objects as the version', () => {
    expect(layers.edge_next).toEqual(layers.web_2);
  });

  test('no Secret value is in `tofu output -json`, in the command output, or in what the data sources add to state', async () => {
    const json = (await tofu(['output', '-json'])).stdout;
    for (const text of [json, ...outputs]) for (const secret of SECRETS) expect(text.includes(secret) ? secret : 'absent').toBe('absent');
    // The profiles carry the values by design (sensitive attributes of the versions, and the
    // `profile` inputs); with those set aside, the state holds none, nor the token.
    const state = JSON.parse(readFileSync(join(ws.dir, 'terraform.tfstate'), 'utf8'));
    const rest = state.resources.map((r: any) => r.type === 'strata_profile_version' ? { type: r.type }
      : { ...r, instances: r.instances.map((i: any) => ({ ...i, attributes: { ...i.attributes, profile: null } })) });
    const text = JSON.stringify({ ...state, resources: rest });
    expect(text).toContain('(redacted: sha256 ');
    for (const secret of [...SECRETS, plane.adminToken]) expect(text.includes(secret) ? secret : 'absent').toBe('absent');
  });

  test('the two renderings differ exactly where the versions differ', async () => {
    const changedObjects = layers.web_1.flatMap((layer, l) => layer.objects
      .filter((object, o) => object.yaml !== layers.web_2[l]!.objects[o]!.yaml)
      .map((object) => `${layer.name}: ${label(object)}`));
    expect(changedObjects).toEqual(['base: v1 Secret web/credentials', 'app: v1 ConfigMap web/app-config', 'app: apps/v1 Deployment web/app']);
    expect(layers.web_1.map((l, i) => l.digest === layers.web_2[i]!.digest)).toEqual([false, false]);

    // The review texts line up line by line; only the changed values differ.
    const before = (await tofu(['output', '-raw', 'review_1'])).stdout.split('\n');
    const after = (await tofu(['output', '-raw', 'review_2'])).stdout.split('\n');
    expect(after).toHaveLength(before.length);
    const changed = before.flatMap((line, i) => (line === after[i] ? [] : [`- ${line}`, `+ ${after[i]}`]));
    expect(changed).toEqual([
      expect.stringMatching(/^- {3}password: "\(redacted: sha256 [0-9a-f]{12}\)"$/),
      expect.stringMatching(/^\+ {3}password: "\(redacted: sha256 [0-9a-f]{12}\)"$/),
      '-   greeting: hello',
      '+   greeting: hello, world',
      '-   replicas: 2',
      '+   replicas: 3',
      `-${' '.repeat(15)}value: hello`,
      `+${' '.repeat(15)}value: hello, world`,
    ]);
    expect(before[0]).toBe('# base: v1 Namespace web');
  });

  test('reading again finds the same rendering: the next plan has nothing to do, and carries the review text (docs/clusters.md)', async () => {
    const plan = await tofu(['plan', '-input=false', '-detailed-exitcode', '-out', 'review.plan'], 0);
    expect(plan.stdout).toContain('No changes');
    const planned = JSON.parse((await tofu(['show', '-json', 'review.plan'])).stdout).planned_values.outputs;
    expect(planned.review_2.value).toBe((await tofu(['output', '-raw', 'review_2'])).stdout);
    expect(planned.review_2.sensitive).toBe(false);
  });

  test('a cluster Strata does not run there fails the plan at `cluster`', async () => {
    ws.write('main.tf', mainTf('"edge-9"'));
    const plan = await tofu(['plan', '-input=false'], 1);
    const message = fold(plan.stderr);
    expect(message).toContain('Error: Cluster not found');
    expect(message).toContain('strata-system/strata-record-edge-9');
    expect(message).toContain('cluster = "edge-9"');
  });
});

// Profile variables end to end: one profile version, two clusters on the same control plane with
// different values (each checked with kubectl), and the diagnostics of values that do not fit.
import { startControlPlane, type ControlPlane } from '../harness/controlplane';
import { CONNECTION_TF, connectionEnv, kubectlOk, manifestLayer, PROVIDER_TF, recordText } from '../harness/story';
import { ensureTools } from '../harness/tools';
import { TofuWorkspace } from '../harness/tofu';

jest.setTimeout(900_000);

/** A string full of YAML syntax: it must reach the cluster as one string, unchanged. */
const TRICKY = 'a: b # not a comment - "quoted" \'single\' {x}';

const CHART = {
  'charts/greeter/Chart.yaml': 'apiVersion: v2\nname: greeter\nversion: 1.0.0\n',
  'charts/greeter/templates/configmap.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: greeter
  namespace: {{ .Values.namespace }}
data:
  replicas: {{ .Values.replicas | quote }}
  replicasKind: {{ kindOf .Values.replicas | quote }}
  debugKind: {{ kindOf .Values.debug | quote }}
`,
};

const VARIABLES = `
  variable {
    name        = "team"
    description = "the team that owns the cluster"
    required    = true
    pattern     = "[a-z][a-z0-9-]*"
  }
  variable {
    name    = "replicas"
    type    = "number"
    default = "1"
    allowed = ["1", "2", "3"]
  }
  variable {
    name    = "debug"
    type    = "bool"
    default = "false"
  }
  variable {
    name    = "greeting"
    default = "hello"
  }`;

const BASE = manifestLayer('base', `
apiVersion: v1
kind: Namespace
metadata:
  name: team-{{ .strata.var.team }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: team-{{ .strata.var.team }}
data:
  greeting: {{ .strata.var.greeting }}
  owner: "owned by {{ .strata.var.team }}"`);

const GREETER = `
  layer {
    name = "greeter"
    helm {
      chart  = "\${path.module}/charts/greeter"
      values = <<-YAML
        namespace: team-{{ .strata.var.team }}
        replicas: {{ .strata.var.replicas }}
        debug: {{ .strata.var.debug }}
      YAML
    }
  }`;

const cluster = (resource: string, name: string, variables: string) => `
resource "strata_cluster" "${resource}" {
  name       = "${name}"
  kubernetes = local.control_plane
  profile    = strata_profile_version.web.snapshot
  timeout    = "1m"
  variables  = ${variables}
}`;

const mainTf = (clusters: string, extra = '') => `${PROVIDER_TF}
${CONNECTION_TF}
resource "strata_profile_version" "web" {
  profile_id = "web"
  version    = "1.0.0"
${VARIABLES}
${BASE}
${GREETER}
}
${clusters}
${extra}`;

/** tofu's error blocks, by summary, with their text folded to single spaces (tofu wraps at 80 columns). */
function errorBlocks(stderr: string): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const block of stderr.split(/^\s*│?\s*Error: /m).slice(1)) {
    const [summary, ...rest] = block.split('\n');
    blocks.set(summary!.trim(), rest.join('\n').replace(/[│╵╷]/g, ' ').replace(/\s+/g, ' ').trim());
  }
  return blocks;
}

describe('profile variables', () => {
  let plane: ControlPlane;
  const kubectl = (...args: string[]) => kubectlOk(plane, args);
  const env = () => connectionEnv(plane);
  let helm: string;

  beforeAll(async () => {
    ({ helm } = await ensureTools(['helm', 'kubectl']));
    plane = await startControlPlane({ withKwok: false });
  });

  afterAll(async () => {
    await plane?.stop();
  });

  test('one version, two clusters with different values: each gets its own, checked with kubectl', async () => {
    const clusters = (blueReplicas: number) =>
      cluster('blue', 'edge-blue', `{ team = "blue", replicas = ${blueReplicas}, debug = true, greeting = ${JSON.stringify(TRICKY)} }`) +
      cluster('green', 'edge-green', '{ team = "green" }') +
      '\noutput "digests" { value = [strata_cluster.blue.applied_digest, strata_cluster.green.applied_digest, strata_profile_version.web.digest] }\n';
    const ws = await TofuWorkspace.create({ files: { 'main.tf': mainTf(clusters(2)), ...CHART } });
    Object.assign(ws.env, env(), { TF_VAR_helm_path: helm });
    await ws.expect(['init', '-input=false']);

    const plan = await ws.expect(['plan', '-input=false']);
    expect(plan.stdout).toContain('base: + v1 Namespace team-blue');
    expect(plan.stdout).toContain('base: + v1 Namespace team-green');
    expect(plan.stdout).toContain('greeter: + v1 ConfigMap team-green/greeter');
    await ws.expect(['apply', '-input=false', '-auto-approve']);

    expect(await kubectl('-n', 'team-blue', 'get', 'configmap', 'settings', '-o', 'jsonpath={.data.greeting}')).toBe(TRICKY);
    expect(await kubectl('-n', 'team-blue', 'get', 'configmap', 'settings', '-o', 'jsonpath={.data.owner}')).toBe('owned by blue');
    expect(await kubectl('-n', 'team-blue', 'get', 'configmap', 'greeter', '-o', 'jsonpath={.data.replicas}')).toBe('2');
    expect(await kubectl('-n', 'team-blue', 'get', 'configmap', 'greeter', '-o', 'jsonpath={.data.debugKind}')).toBe('bool');
    expect(await kubectl('-n', 'team-blue', 'get', 'configmap', 'greeter', '-o', 'jsonpath={.data.replicasKind}')).not.toBe('string');
    expect(await kubectl('-n', 'team-green', 'get', 'configmap', 'settings', '-o', 'jsonpath={.data.greeting}')).toBe('hello');
    expect(await kubectl('-n', 'team-green', 'get', 'configmap', 'settings', '-o', 'jsonpath={.data.owner}')).toBe('owned by green');
    expect(await kubectl('-n', 'team-green', 'get', 'configmap', 'greeter', '-o', 'jsonpath={.data.replicas}')).toBe('1');
    // Each cluster's objects carry its own field manager: the two never share an object.
    expect(await kubectl('-n', 'team-green', 'get', 'configmap', 'settings', '-o', 'jsonpath={.metadata.managedFields[0].manager}')).toBe('strata-edge-green');

    const [blue, green, version] = JSON.parse((await ws.expect(['output', '-json', 'digests'])).stdout) as string[];
    expect(new Set([blue, green, version]).size).toBe(3);

    const history = JSON.parse(await recordText(plane, 'edge-green')).history;
    expect(history.map((entry: { variables?: unknown }) => entry.variables)).toEqual([{ team: 'green', replicas: '1', debug: 'false', greeting: 'hello' }]);

    // A new value is a move of that cluster alone; the other stays as it is.
    ws.write('main.tf', mainTf(clusters(3)));
    const second = await ws.expect(['plan', '-input=false']);
    expect(second.stdout).toContain('greeter: ~ v1 ConfigMap team-blue/greeter');
    expect(second.stdout).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    expect(await kubectl('-n', 'team-blue', 'get', 'configmap', 'greeter', '-o', 'jsonpath={.data.replicas}')).toBe('3');
    const blueHistory = JSON.parse(await recordText(plane, 'edge-blue')).history;
    expect(blueHistory.map((entry: { variables: Record<string, string> }) => entry.variables.replicas)).toEqual(['2', '3']);
    await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 0);
  });

  test('examples/variables applies: staging and production get their own values', async () => {
    const ws = await TofuWorkspace.create({ example: 'examples/variables' });
    Object.assign(ws.env, { TF_VAR_kubeconfig: plane.kubeconfigPath });
    await ws.expect(['init', '-input=false']);
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    expect(await kubectl('-n', 'shop-staging', 'get', 'configmap', 'greeter', '-o', 'jsonpath={.data}')).toBe('{"debug":"true","message":"Welcome! (staging)","workers":"1"}');
    expect(await kubectl('-n', 'shop-production', 'get', 'configmap', 'greeter', '-o', 'jsonpath={.data}'))
      .toBe('{"debug":"false","message":"Sale: 20% off, today only! (production)","workers":"4"}');
    expect(await kubectl('-n', 'shop-production', 'get', 'configmap', 'settings', '-o', 'jsonpath={.data.banner}')).toBe('Sale: 20% off, today only!');
    await ws.expect(['destroy', '-input=false', '-auto-approve']);
    expect((await plane.kubectl(['get', 'namespace', 'shop-staging'])).code).not.toBe(0);
  });

  test('a missing, unknown or invalid value fails the plan naming the variable, the cluster and the layers', async () => {
    const clusters =
      cluster('missing', 'edge-missing', '{ replicas = 2 }') +
      cluster('invalid', 'edge-invalid', '{ team = "red", replicas = 7 }') +
      cluster('unknown', 'edge-unknown', '{ team = "red", region = "eu-1" }');
    const undeclared = `
resource "strata_profile_version" "broken" {
  profile_id = "web"
  version    = "2.0.0"
${manifestLayer('base', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-{{ .strata.var.tema }}')}
}`;
    const ws = await TofuWorkspace.create({ files: { 'main.tf': mainTf(clusters), ...CHART } });
    Object.assign(ws.env, env(), { TF_VAR_helm_path: helm });
    await ws.expect(['init', '-input=false']);
    const plan = await ws.run(['plan', '-input=false']);
    expect(plan.code).toBe(1);
    const errors = errorBlocks(plan.stderr);
    expect([...errors.keys()].sort()).toEqual(['Invalid variable value', 'Missing required variable', 'Unknown variable']);

    const missing = errors.get('Missing required variable')!;
    expect(missing).toContain('with strata_cluster.missing,');
    expect(missing).toMatch(/variables = \{ replicas = 2 \}/);
    expect(missing).toContain('Cluster "edge-missing" does not set variable "team", which its profile requires (used by layers "base" and "greeter"): the team that owns the cluster.');

    const invalid = errors.get('Invalid variable value')!;
    expect(invalid).toContain('with strata_cluster.invalid,');
    expect(invalid).toContain('variables = { team = "red", replicas = 7 }');
    expect(invalid).toContain('Variable "replicas" of cluster "edge-invalid" (used by layer "greeter"): "7" is not one of the allowed values "1", "2", "3".');

    const unknown = errors.get('Unknown variable')!;
    expect(unknown).toContain('with strata_cluster.unknown,');
    expect(unknown).toContain('Cluster "edge-unknown" sets variable "region", which its profile does not declare');

    // A version is checked before anything is planned: its error comes alone.
    ws.write('main.tf', mainTf('', undeclared));
    const validation = await ws.run(['plan', '-input=false']);
    expect(validation.code).toBe(1);
    const undeclaredError = errorBlocks(validation.stderr).get('Undeclared variable')!;
    expect(undeclaredError).toContain('with strata_profile_version.broken,');
    expect(undeclaredError).toContain('Layer "base" uses {{ .strata.var.tema }} in manifest.content, but the profile declares no variable "tema"');

    // Nothing was written to the cluster.
    expect(await kubectl('get', 'configmaps', '-n', 'strata-system', '-o', 'name')).not.toContain('edge-missing');
  });
});

// Helm layers as a user who installed only Strata runs them: no helm on PATH, the bundled renderer
// (Helm's Go SDK) does everything. With the real tofu on the test control plane: a local chart
// whose dependency is not built and a chart from the test's repository; a repository behind basic
// auth and an OCI registry (CNCF Distribution, HTTPS with its own CA, htpasswd) whose passwords
// never show in state, plan output or debug logs; a chart that keeps its generated password
// through `lookup`; a chart gated on a CRD an earlier layer installs.
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { startChartRepo, type ChartRepo } from '../harness/chart-repo';
import { startControlPlane, type ControlPlane } from '../harness/controlplane';
import { startOciRegistry, type OciRegistry } from '../harness/oci-registry';
import { ensureTools } from '../harness/tools';
import { TofuWorkspace, type RunResult } from '../harness/tofu';

jest.setTimeout(900_000);

const charts = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'charts');
const crd = readFileSync(join(charts, 'widgets', 'crds', 'widgets.example.com.yaml'), 'utf8');

/** The user's environment without any helm: PATH without folders holding one, and no STRATA_HELM_PATH. */
function withoutHelm(): NodeJS.ProcessEnv {
  const path = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '' && !existsSync(join(dir, 'helm')));
  const env: NodeJS.ProcessEnv = { PATH: path.join(delimiter), STRATA_NODE: process.execPath };
  return env;
}

const header = (provider: string) => `terraform {
  required_providers {
    strata = { source = "strata/strata" }
  }
}

variable "kubeconfig" { type = string }
variable "chart_version" {
  type    = string
  default = "1.0.0"
}

provider "strata" {${provider}
}
`;

const cluster = (name: string) => `
resource "strata_cluster" "c" {
  name       = ${JSON.stringify(name)}
  kubernetes = { config_path = var.kubeconfig }
  profile    = strata_profile_version.v.snapshot
  timeout    = "120s"
}
`;

/** A helm layer; each field is written as given (HCL expressions). */
const helmLayer = (name: string, fields: Record<string, string>) => `
  layer {
    name = ${JSON.stringify(name)}
    helm {
${Object.entries(fields).map(([key, value]) => `      ${key} = ${value}`).join('\n')}
    }
  }`;
const q = JSON.stringify;

describe('Helm layers with the bundled renderer, no helm installed', () => {
  let plane: ControlPlane;
  const env = withoutHelm();

  beforeAll(async () => {
    await ensureTools(['kubectl', 'helm', 'registry', 'tofu']);
    delete process.env.STRATA_HELM_PATH;
    plane = await startControlPlane();
  });

  afterAll(async () => {
    await plane?.stop();
  });

  const run = (ws: TofuWorkspace, args: string[], code = 0, extra: NodeJS.ProcessEnv = {}) => ws.expect(args, code, { env: { ...env, ...extra } });
  const jsonpath = async (args: string[], path: string) => {
    const result = await plane.kubectl(['get', ...args, '-o', `jsonpath=${path}`]);
    if (result.code !== 0) throw new Error(`kubectl get ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };

  test('the environment has no helm', () => {
    expect(env.PATH!.split(delimiter).some((dir) => existsSync(join(dir, 'helm')))).toBe(false);
    expect(env.STRATA_HELM_PATH).toBeUndefined();
  });

  describe('a local chart with an unbuilt dependency and a chart from a repository', () => {
    let repo: ChartRepo;
    let ws: TofuWorkspace;

    beforeAll(async () => {
      repo = await startChartRepo([join(charts, 'web-app'), join(charts, 'web-app-2')]);
      ws = await TofuWorkspace.create({
        files: {
          'main.tf': `${header('')}
variable "repo" { type = string }

resource "strata_profile_version" "v" {
  profile_id = "bundled"
  version    = "1.0.0"
${helmLayer('local', { chart: q(join(charts, 'umbrella')), namespace: '"local-apps"', create_namespace: 'true' })}
${helmLayer('remote', { chart: '"web-app"', repository: 'var.repo', version: 'var.chart_version', namespace: '"remote-apps"', create_namespace: 'true', values: 'yamlencode({ greeting = "from the repository" })' })}
}
${cluster('bundled-1')}`,
        },
      });
      Object.assign(ws.env, { TF_VAR_kubeconfig: plane.kubeconfigPath, TF_VAR_repo: repo.url });
      await run(ws, ['init', '-input=false']);
    });

    afterAll(async () => {
      await repo?.stop();
    });

    test('plans and applies', async () => {
      const plan = await run(ws, ['plan', '-input=false']);
      expect(plan.stdout).toContain('local: + v1 Namespace local-apps');
      expect(plan.stdout).toContain('local: + apps/v1 Deployment local-apps/local'); // from the dependency
      expect(plan.stdout).toContain('local: + v1 ConfigMap local-apps/local-umbrella');
      expect(plan.stdout).toContain('remote: + v1 Namespace remote-apps');
      expect(plan.stdout).toContain('remote: + apps/v1 Deployment remote-apps/remote');
      await run(ws, ['apply', '-input=false', '-auto-approve']);
      expect(await jsonpath(['namespace', 'local-apps'], '{.metadata.labels.name}')).toBe('local-apps');
      expect(await jsonpath(['-n', 'remote-apps', 'deployment', 'remote'], '{.metadata.labels.app\\.kubernetes\\.io/version}')).toBe('1.0.0');
      expect(await jsonpath(['-n', 'local-apps', 'configmap', 'local-umbrella'], '{.data.note}')).toContain('dependency');
      expect(existsSync(join(charts, 'umbrella', 'charts'))).toBe(false); // built in a copy, never in the user's folder
      await run(ws, ['plan', '-input=false', '-detailed-exitcode']);
    });

    test('upgrades to another chart version', async () => {
      const plan = await run(ws, ['plan', '-input=false'], 0, { TF_VAR_chart_version: '2.0.0' });
      expect(plan.stdout).toContain('remote: ~ apps/v1 Deployment remote-apps/remote');
      await run(ws, ['apply', '-input=false', '-auto-approve'], 0, { TF_VAR_chart_version: '2.0.0' });
      expect(await jsonpath(['-n', 'remote-apps', 'deployment', 'remote'], '{.metadata.labels.app\\.kubernetes\\.io/version}')).toBe('2.0.0');
      await run(ws, ['plan', '-input=false', '-detailed-exitcode'], 0, { TF_VAR_chart_version: '2.0.0' });
    });
  });

  describe('a repository with basic auth and an OCI registry', () => {
    const repoAuth = { username: 'chart-reader', password: 'repo-Pa55-4f9e1c' };
    const ociAuth = { username: 'oci-puller', password: 'oci-Pa55-8d2b7a' };
    let repo: ChartRepo;
    let registry: OciRegistry;
    let ws: TofuWorkspace;
    const outputs: RunResult[] = [];

    beforeAll(async () => {
      [repo, registry] = await Promise.all([
        startChartRepo([join(charts, 'web-app'), join(charts, 'web-app-2')], repoAuth),
        startOciRegistry([join(charts, 'web-app'), join(charts, 'web-app-2')], ociAuth),
      ]);
      ws = await TofuWorkspace.create({
        files: {
          'main.tf': `${header(`
  helm_repository {
    url      = var.repo
    username = var.repo_username
    password = var.repo_password
  }
  helm_repository {
    url            = var.registry
    username       = var.registry_username
    password       = var.registry_password
    ca_certificate = var.registry_ca
  }`)}
variable "repo" { type = string }
variable "registry" { type = string }
variable "registry_ca" { type = string }
variable "repo_username" { type = string }
variable "registry_username" { type = string }
variable "repo_password" {
  type      = string
  sensitive = true
}
variable "registry_password" {
  type      = string
  sensitive = true
}

resource "strata_profile_version" "v" {
  profile_id = "private"
  version    = "1.0.0"
${helmLayer('private', { chart: '"web-app"', repository: 'var.repo', version: 'var.chart_version', namespace: '"private"', create_namespace: 'true' })}
${helmLayer('oci', { chart: '"web-app"', repository: 'var.registry', version: 'var.chart_version', namespace: '"oci"', create_namespace: 'true' })}
}
${cluster('private-1')}`,
        },
      });
      Object.assign(ws.env, {
        TF_VAR_kubeconfig: plane.kubeconfigPath, TF_VAR_repo: repo.url, TF_VAR_registry: registry.url, TF_VAR_registry_ca: registry.caCertPem,
        TF_VAR_repo_username: repoAuth.username, TF_VAR_repo_password: repoAuth.password,
        TF_VAR_registry_username: ociAuth.username, TF_VAR_registry_password: ociAuth.password,
      });
      await run(ws, ['init', '-input=false']);
    });

    afterAll(async () => {
      await Promise.all([repo?.stop(), registry?.stop()]);
    });

    const logged = async (args: string[], code = 0, extra: NodeJS.ProcessEnv = {}) => {
      const result = await run(ws, args, code, { TF_LOG: 'debug', ...extra });
      outputs.push(result);
      return result;
    };

    test('install', async () => {
      const plan = await logged(['plan', '-input=false']);
      expect(plan.stdout).toContain('private: + apps/v1 Deployment private/private');
      expect(plan.stdout).toContain('oci: + apps/v1 Deployment oci/oci');
      await logged(['apply', '-input=false', '-auto-approve']);
      expect(await jsonpath(['-n', 'private', 'deployment', 'private'], '{.metadata.labels.app\\.kubernetes\\.io/version}')).toBe('1.0.0');
      expect(await jsonpath(['-n', 'oci', 'deployment', 'oci'], '{.metadata.labels.app\\.kubernetes\\.io/version}')).toBe('1.0.0');
      expect(repo.requests.length).toBeGreaterThan(0);
      expect(repo.refused).toBe(0);
    });

    test('upgrade', async () => {
      await logged(['apply', '-input=false', '-auto-approve'], 0, { TF_VAR_chart_version: '2.0.0' });
      expect(await jsonpath(['-n', 'private', 'deployment', 'private'], '{.metadata.labels.app\\.kubernetes\\.io/version}')).toBe('2.0.0');
      expect(await jsonpath(['-n', 'oci', 'deployment', 'oci'], '{.metadata.labels.app\\.kubernetes\\.io/version}')).toBe('2.0.0');
      await logged(['plan', '-input=false', '-detailed-exitcode'], 0, { TF_VAR_chart_version: '2.0.0' });
    });

    test('a wrong password fails the plan with the server\'s answer, and shows neither password', async () => {
      const wrong = 'wrong-Pa55-1b3c5d';
      const plan = await logged(['plan', '-input=false'], 1, { TF_VAR_chart_version: '3.0.0', TF_VAR_repo_password: wrong });
      // tofu wraps diagnostics in a box: read them as one line.
      const message = plan.stderr.replace(/\n│ ?/g, ' ').replace(/\s+/g, ' ');
      expect(message).toMatch(/layer "private": helm could not pull chart "web-app" version 3\.0\.0 from http:\/\/127\.0\.0\.1:\d+: .*401 Unauthorized/);
      expect(`${plan.stdout}${plan.stderr}`).not.toContain(wrong);
    });

    test('neither password is in state, plan output or debug logs', async () => {
      const state = readFileSync(join(ws.dir, 'terraform.tfstate'), 'utf8');
      expect(state).toContain('private-1');
      expect(outputs.length).toBeGreaterThanOrEqual(4);
      for (const text of [state, ...outputs.flatMap((o) => [o.stdout, o.stderr])]) {
        for (const secret of [repoAuth.password, ociAuth.password]) {
          expect(text.includes(secret) ? secret : 'absent').toBe('absent');
        }
      }
      // The debug logs are the provider's too: they were there to look at.
      expect(outputs.some((o) => o.stderr.includes('provider'))).toBe(true);
    });
  });

  describe('rendering with the cluster', () => {
    let ws: TofuWorkspace;

    beforeAll(async () => {
      ws = await TofuWorkspace.create({
        files: {
          'main.tf': `${header('')}
resource "strata_profile_version" "v" {
  profile_id = "stateful"
  version    = "1.0.0"
  layer {
    name = "crds"
    manifest { content = ${JSON.stringify(crd)} }
  }
${helmLayer('gated', { chart: q(join(charts, 'gated-widget')), namespace: '"gadgets"', create_namespace: 'true' })}
${helmLayer('db', { chart: q(join(charts, 'keeps-password')), namespace: '"db"', create_namespace: 'true' })}
}
${cluster('stateful-1')}`,
        },
      });
      Object.assign(ws.env, { TF_VAR_kubeconfig: plane.kubeconfigPath });
      await run(ws, ['init', '-input=false']);
    });

    test('a chart gated on a CRD of an earlier layer renders its object on the first apply', async () => {
      const plan = await run(ws, ['plan', '-input=false']);
      expect(plan.stdout).toContain('crds: + apiextensions.k8s.io/v1 CustomResourceDefinition widgets.example.com');
      expect(plan.stdout).toContain('gated: + example.com/v1 Widget gadgets/gated');
      await run(ws, ['apply', '-input=false', '-auto-approve']);
      expect(await jsonpath(['-n', 'gadgets', 'widgets.example.com', 'gated'], '{.spec.size}')).toBe('1');
    });

    test('a generated password kept through lookup: the next plan is empty and three applies never change it', async () => {
      const password = await jsonpath(['-n', 'db', 'secret', 'db-db'], '{.data.password}');
      expect(Buffer.from(password, 'base64').toString()).toMatch(/^[A-Za-z0-9]{24}$/);
      await run(ws, ['plan', '-input=false', '-detailed-exitcode']);
      for (let i = 0; i < 2; i++) {
        await run(ws, ['apply', '-input=false', '-auto-approve']);
        expect(await jsonpath(['-n', 'db', 'secret', 'db-db'], '{.data.password}')).toBe(password);
      }
      await run(ws, ['plan', '-input=false', '-detailed-exitcode']);
    });
  });
});

// Pack layers end to end with the real tofu and a real OCI registry (CNCF Distribution, TLS and
// basic auth): a profile with a pack layer from an OCI registry and one from a directory
// registry deploys; a new profile version moves the pack to a newer version through a range;
// rolling back restores it; each step checked with kubectl and the in-cluster record. And each
// error kind fails the plan of the cluster with its own diagnostic.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startControlPlane, type ControlPlane } from '../harness/controlplane';
import { startOciRegistry, type OciRegistry } from '../harness/oci-registry';
import { CONNECTION_TF, connectionEnv, kubectlOk, recordText } from '../harness/story';
import { ensureTools } from '../harness/tools';
import { TofuWorkspace } from '../harness/tofu';
import { publishPack } from '../../provider/render/pack/publish';

jest.setTimeout(900_000);

const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'packs');
const publishCli = join(__dirname, '..', '..', 'scripts', 'publish-pack.js');
const auth = { username: 'packs', password: 'pack-registry-secret-51c2' };

/** Runs a command with `input` on its standard input; its output, or an error with its stderr. */
function run(command: string, args: string[], input: string): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve({ stdout }) : reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`))));
    child.stdin.end(`${input}\n`);
  });
}

const providerTf = `terraform {
  required_providers {
    strata = { source = "strata/strata" }
  }
}
${CONNECTION_TF}
variable "oci" { type = string }
variable "oci_ca" { type = string }
variable "oci_password" {
  type      = string
  sensitive = true
}

provider "strata" {
  kubernetes = local.control_plane
  pack_registry {
    url            = var.oci
    username       = "${auth.username}"
    password       = var.oci_password
    ca_certificate = var.oci_ca
  }
}
`;

const version = (resource: string, number: string, greeterRange: string, greeting: string) => `
resource "strata_profile_version" "${resource}" {
  profile_id = "greeters"
  version    = "${number}"
  layer {
    name = "base"
    pack {
      registry = "\${path.module}/packs"
      name     = "base"
      version  = "1.0.0"
    }
  }
  layer {
    name = "hello"
    pack {
      registry = var.oci
      name     = "greeter"
      version  = "${greeterRange}"
      values   = yamlencode({ greeting = "${greeting}" })
    }
  }
}`;

const OVERRIDE = `
resource "strata_cluster_override" "replicas" {
  cluster_id = strata_cluster.edge.id
  name       = "more-replicas"
  layer      = "hello"
  values     = yamlencode({ replicas = 3 })
}
`;

const mainTf = (profile: string, extra = '') => `${providerTf}
${extra}
${version('v1', '1.0.0', '~1.0', 'hello from 1.0')}
${version('v2', '2.0.0', '^1.1.0', 'hello from 2.0')}

resource "strata_cluster" "edge" {
  name    = "pack-edge"
  profile = strata_profile_version.${profile}.snapshot
  timeout = "1m"
}

data "strata_packs" "oci" {
  registry = var.oci
}

data "strata_packs" "dir" {
  registry = "\${path.module}/packs"
}

output "applied" {
  value = { version = strata_cluster.edge.applied_version, digest = strata_cluster.edge.applied_digest, history = [for h in strata_cluster.edge.history : h.version] }
}

output "packs" {
  value = { oci = data.strata_packs.oci.packs, dir = data.strata_packs.dir.packs }
}
`;

/** tofu's error blocks, by summary, with their text folded to single spaces (tofu wraps at 80 columns). */
function errorBlocks(stderr: string): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const block of stderr.split(/^\s*│?\s*Error: /m).slice(1)) {
    const [summary, ...rest] = block.split('\n');
    blocks.set(summary!.trim(), rest.join('\n').replace(/[│╵╷]/g, ' ').replace(/\s+/g, ' ').trim());
  }
  return blocks;
}

describe('pack layers', () => {
  let plane: ControlPlane;
  let oci: OciRegistry;
  let registry: string;
  let work: string | undefined;
  const kubectl = (...args: string[]) => kubectlOk(plane, args);
  const greeter = async (field: string) => kubectl('-n', 'greeters', 'get', 'configmap', 'greeter', '-o', `jsonpath={.data.${field}}`);

  beforeAll(async () => {
    await ensureTools(['kubectl']);
    [plane, oci] = await Promise.all([startControlPlane({ withKwok: false }), startOciRegistry([], auth)]);
    registry = oci.url.replace(/\/charts$/, '/packs');
    // With the publish CLI (`npm run pack:publish`), logged in through --password-stdin.
    work = await mkdtemp(join(tmpdir(), 'strata-pack-e2e-'));
    await writeFile(join(work, 'ca.pem'), oci.caCertPem);
    for (const v of ['1.0.0', '1.1.0', '2.0.0']) {
      const args = [publishCli, join(fixtures, 'greeter', v), registry, '--username', auth.username, '--password-stdin', '--ca-file', join(work, 'ca.pem')];
      const { stdout } = await run(process.execPath, args, auth.password);
      expect(stdout).toMatch(new RegExp(`^published helm pack greeter ${v.replace(/\./g, '\\.')} \\(sha256:[0-9a-f]{64}\\) to ${registry}/greeter:${v.replace(/\./g, '\\.')}\n$`));
    }
  });

  afterAll(async () => {
    await Promise.all([plane?.stop(), oci?.stop(), work && rm(work, { recursive: true, force: true })]);
  });

  const workspace = async (main: string) => {
    const ws = await TofuWorkspace.create({ files: { 'main.tf': main } });
    Object.assign(ws.env, connectionEnv(plane), { TF_VAR_oci: registry, TF_VAR_oci_ca: oci.caCertPem, TF_VAR_oci_password: auth.password });
    await publishPack(join(fixtures, 'base', '1.0.0'), join(ws.dir, 'packs'));
    await ws.expect(['init', '-input=false']);
    return ws;
  };

  test('deploy, move to a newer pack version through a range, roll back; checked with kubectl', async () => {
    const ws = await workspace(mainTf('v1'));
    const plan = await ws.expect(['plan', '-input=false']);
    expect(plan.stdout).toContain('base: + v1 Namespace greeters');
    expect(plan.stdout).toContain('hello: + v1 ConfigMap greeters/greeter');
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    expect(await greeter('packVersion')).toBe('1.0.0');
    expect(await greeter('greeting')).toBe('hello from 1.0');
    expect(await greeter('replicas')).toBe('1'); // the pack's default
    expect(await kubectl('-n', 'greeters', 'get', 'configmap', 'settings', '-o', 'jsonpath={.data.owner}')).toBe('platform');
    const first = JSON.parse((await ws.expect(['output', '-json', 'applied'])).stdout);
    // The same range in the same registry plans no change.
    await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 0);

    const packs = JSON.parse((await ws.expect(['output', '-json', 'packs'])).stdout);
    expect(packs.oci).toEqual([{ name: 'greeter', description: 'A greeting in a ConfigMap, from a chart.', type: 'helm', versions: ['1.0.0', '1.1.0', '2.0.0'], latest: '2.0.0' }]);
    expect(packs.dir).toEqual([{ name: 'base', description: 'The greeters namespace and its settings.', type: 'manifest', versions: ['1.0.0'], latest: '1.0.0' }]);

    // A cluster override's values merge into the pack's values (and are checked by its schema).
    ws.write('main.tf', mainTf('v1', OVERRIDE));
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    expect(await greeter('replicas')).toBe('3');
    expect(await greeter('packVersion')).toBe('1.0.0');
    // The override's move is in the cluster's history: one more apply takes it into state, and
    // then the cluster, its override and the pack's range plan no change.
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 0);

    // Version 2.0.0 of the profile asks for ^1.1.0: greeter 1.1.0 (not 2.0.0); the override stays.
    ws.write('main.tf', mainTf('v2', OVERRIDE));
    const move = await ws.expect(['plan', '-input=false']);
    expect(move.stdout).toContain('hello: ~ v1 ConfigMap greeters/greeter');
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    expect(await greeter('packVersion')).toBe('1.1.0');
    expect(await greeter('greeting')).toBe('hello from 2.0');
    expect(await greeter('replicas')).toBe('3');

    // Rollback: re-pin version 1.0.0.
    ws.write('main.tf', mainTf('v1', OVERRIDE));
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    expect(await greeter('packVersion')).toBe('1.0.0');
    expect(await greeter('greeting')).toBe('hello from 1.0');
    expect(await greeter('replicas')).toBe('3');
    const last = JSON.parse((await ws.expect(['output', '-json', 'applied'])).stdout);
    expect(last.history).toEqual(['1.0.0', '1.0.0', '2.0.0', '1.0.0']);
    expect(last.digest).toBe(first.digest);

    const history = JSON.parse(await recordText(plane, 'pack-edge')).history as { version: string; packs: Record<string, string> }[];
    expect(history.map((entry) => [entry.version, entry.packs.hello!.replace(/ \(sha256:[0-9a-f]{64}\)$/, ''), entry.packs.base!.replace(/ \(.*/, '')])).toEqual([
      ['1.0.0', 'greeter@1.0.0', 'base@1.0.0'],
      ['1.0.0', 'greeter@1.0.0', 'base@1.0.0'], // the override's move
      ['2.0.0', 'greeter@1.1.0', 'base@1.0.0'],
      ['1.0.0', 'greeter@1.0.0', 'base@1.0.0'],
    ]);

    await ws.expect(['destroy', '-input=false', '-auto-approve']);
    expect((await plane.kubectl(['get', 'namespace', 'greeters'])).code).not.toBe(0);
  });

  test('an unknown pack, no matching version, values failing the schema, an unreachable registry: each a plan diagnostic naming the layer', async () => {
    const layer = (name: string, pack: string) => `
resource "strata_profile_version" "${name}" {
  profile_id = "${name}"
  version    = "1.0.0"
  layer {
    name = "${name}"
    pack {
${pack}
    }
  }
}

resource "strata_cluster" "${name}" {
  name    = "${name}"
  profile = strata_profile_version.${name}.snapshot
}
`;
    const ws = await workspace(`${providerTf}
${layer('unknown', '      registry = var.oci\n      name     = "greetr"\n      version  = "1.0.0"')}
${layer('range', '      registry = var.oci\n      name     = "greeter"\n      version  = "^3.0.0"')}
${layer('values', '      registry = var.oci\n      name     = "greeter"\n      version  = "1.0.0"\n      values   = yamlencode({ replicas = 9 })')}
${layer('offline', '      registry = "https://127.0.0.1:9/packs"\n      name     = "greeter"\n      version  = "1.0.0"')}
`);
    const plan = await ws.run(['plan', '-input=false']);
    expect(plan.code).toBe(1);
    const errors = errorBlocks(plan.stderr);
    expect([...errors.keys()].sort()).toEqual(['No pack version matches', 'Pack registry unreachable', 'Pack values do not match the pack\'s schema', 'Unknown pack']);
    const expectations: [string, string, string][] = [
      ['Unknown pack', 'unknown', `layer "unknown": pack registry ${registry} has no pack "greetr"`],
      ['No pack version matches', 'range', `layer "range": no version of pack "greeter" in ${registry} matches "^3.0.0" (it has 2.0.0, 1.1.0, 1.0.0). Change pack.version, or publish a matching version.`],
      ['Pack values do not match the pack\'s schema', 'values', 'layer "values": the values of pack "greeter" 1.0.0 (pack.values over the pack\'s defaults) do not match its schema: replicas must be <= 5. Fix pack.values.'],
      ['Pack registry unreachable', 'offline', 'layer "offline": cannot reach pack registry https://127.0.0.1:9/packs'],
    ];
    for (const [summary, name, detail] of expectations) {
      const block = errors.get(summary)!;
      // The attribute path is the cluster's profile: tofu shows that line.
      expect(block).toMatch(new RegExp(`with strata_cluster\\.${name}, on main\\.tf line \\d+, in resource "strata_cluster" "${name}": \\d+: profile = strata_profile_version\\.${name}\\.snapshot`));
      expect(block).toContain(detail);
    }
    expect(plan.stderr).not.toContain(auth.password);
  });

  test('examples/packs applies once its pack is published into the example\'s directory registry', async () => {
    const ws = await TofuWorkspace.create({ example: 'examples/packs' });
    await publishPack(join(ws.dir, 'greeter'), join(ws.dir, 'registry'));
    await ws.expect(['init', '-input=false']);
    await ws.expect(['apply', '-input=false', '-auto-approve'], 0, { env: { TF_VAR_kubeconfig: plane.kubeconfigPath } });
    expect(await greeter('greeting')).toBe('hello from a pack');
    expect(await greeter('replicas')).toBe('2');
    expect(JSON.parse((await ws.expect(['output', '-json', 'greeter_versions'])).stdout)).toEqual([['1.0.0']]);
    await ws.expect(['destroy', '-input=false', '-auto-approve'], 0, { env: { TF_VAR_kubeconfig: plane.kubeconfigPath } });
  });
});

// End to end with the real tofu, no cluster: provider::strata::diff in an output, the schema fetched
// once per command, moved blocks between two addresses of Strata (refused across types), and
// Ctrl-C ending a plan that waits on an API server that never answers.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROVIDER_SOURCE, providerMirror, TofuWorkspace } from '../harness/tofu';

jest.setTimeout(300_000);

/** Strata's address on a private registry host, as an organisation that mirrors it would name it. */
const OTHER_SOURCE = 'example.com/acme/strata';

const terraformBlock = (withOther = false) => `terraform {
  required_providers {
    strata = { source = "strata/strata" }
    ${withOther ? `acme   = { source = "${OTHER_SOURCE}" }` : ''}
  }
}
`;

function version(name: string, number: string, namespace: string, chartVersion: string, provider = ''): string {
  return `resource "strata_profile_version" "${name}" {
  ${provider ? `provider   = ${provider}` : ''}
  profile_id = "web"
  version    = "${number}"
  layer {
    name = "base"
    manifest { content = "apiVersion: v1\\nkind: Namespace\\nmetadata:\\n  name: ${namespace}\\n" }
  }
  layer {
    name = "app"
    helm {
      chart      = "web-app"
      repository = "https://charts.example.com"
      version    = "${chartVersion}"
      values     = "password: not-shown\\n"
    }
  }
}
`;
}

const diffOutput = (from: string) => `output "d" {
  value = nonsensitive(provider::strata::diff(strata_profile_version.${from}.snapshot, strata_profile_version.b.snapshot))
}
`;

/** One mirror holding the provider under both addresses. */
async function twoAddressMirror(): Promise<string> {
  const built = await providerMirror();
  const dir = mkdtempSync(join(tmpdir(), 'strata-two-addresses-'));
  cpSync(join(built, PROVIDER_SOURCE), join(dir, PROVIDER_SOURCE), { recursive: true });
  cpSync(join(built, PROVIDER_SOURCE), join(dir, OTHER_SOURCE), { recursive: true });
  return dir;
}

describe('provider functions and moved blocks through the real tofu CLI', () => {
  let ws: TofuWorkspace;

  beforeAll(async () => {
    ws = await TofuWorkspace.create({
      files: { 'main.tf': terraformBlock() + version('a', '1.0.0', 'web', '1.0.0') + version('b', '2.0.0', 'shop', '2.0.0') + diffOutput('a') },
    });
    const sources = JSON.stringify([PROVIDER_SOURCE, OTHER_SOURCE]);
    ws.write('.tofurc', `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(await twoAddressMirror())}
    include = ${sources}
  }
  direct {
    exclude = ${sources}
  }
}
`);
    await ws.expect(['init', '-input=false']);
  });

  test('provider::strata::diff returns the per-layer changes of two versions', async () => {
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    const output = await ws.expect(['output', '-json', 'd']);
    expect(JSON.parse(output.stdout)).toEqual([
      'base: + v1 Namespace shop',
      'base: - v1 Namespace web',
      'app: ~ helm chart web-app 1.0.0 -> 2.0.0',
    ]);
  });

  test('a plan fetches the schema once, however many provider processes it starts', async () => {
    const plan = await ws.expect(['plan', '-input=false'], 0, { env: { TF_LOG: 'debug' } });
    const started = plan.stderr.match(/plugin started/g) ?? [];
    const fetched = plan.stderr.match(/rpc done:[^\n]*rpc=GetProviderSchema/g) ?? [];
    expect(started.length).toBeGreaterThanOrEqual(2);
    expect(fetched).toHaveLength(1);
  });

  test('a moved block to the same type under another address of Strata keeps the resource', async () => {
    ws.write('main.tf', terraformBlock(true) + version('c', '1.0.0', 'web', '1.0.0', 'acme') + version('b', '2.0.0', 'shop', '2.0.0') + diffOutput('c') +
      'moved {\n  from = strata_profile_version.a\n  to   = strata_profile_version.c\n}\n');
    await ws.expect(['init', '-input=false']);
    const plan = await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 2);
    expect(plan.stdout).toContain('strata_profile_version.a has moved to strata_profile_version.c');
    expect(plan.stdout).toContain('Plan: 0 to add, 0 to change, 0 to destroy.');
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    const state = await ws.expect(['state', 'list']);
    expect(state.stdout.split('\n').filter(Boolean).sort()).toEqual(['strata_profile_version.b', 'strata_profile_version.c']);
    await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 0);
  });

  test('a moved block to another resource type fails with a diagnostic that says what to do', async () => {
    ws.write('main.tf', terraformBlock(true) + version('c', '1.0.0', 'web', '1.0.0', 'acme') + diffOutput('c').replace('strata_profile_version.b', 'strata_profile_version.c') +
      'resource "strata_profile" "b" {\n  name = "web"\n  layer {\n    name = "base"\n    manifest { content = "apiVersion: v1\\nkind: Namespace\\nmetadata:\\n  name: web\\n" }\n  }\n}\n' +
      'moved {\n  from = strata_profile_version.b\n  to   = strata_profile.b\n}\n');
    const plan = await ws.expect(['plan', '-input=false'], 1);
    const message = plan.stderr.replace(/[│\s]+/g, ' ');
    expect(message).toContain('Error: Cannot move resource state');
    expect(message).toContain('turn a strata_profile_version of provider registry.opentofu.org/strata/strata into a strata_profile.');
    expect(message).toContain('Remove the moved block');
  });

  test('Ctrl-C ends a plan that waits on an unanswering API server at once, with Strata\'s diagnostic', async () => {
    const sockets: Socket[] = [];
    const server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      ws.write('main.tf', `${terraformBlock()}
resource "strata_cluster" "edge" {
  name       = "edge"
  kubernetes = { host = "https://127.0.0.1:${port}", token = "not-a-secret", insecure = true }
  profile    = jsonencode({ apiVersion = "strata.dev/v1alpha1", kind = "ClusterProfile", metadata = { name = "web", version = "1.0.0" },
    layers = [{ name = "base", manifest = { content = "apiVersion: v1\\nkind: Namespace\\nmetadata:\\n  name: web\\n" } }] })
}
`);
      await ws.expect(['state', 'rm', 'strata_profile_version.c', 'strata_profile_version.b']);
      const child = spawn(ws.tofu, ['plan', '-no-color', '-input=false'], { cwd: ws.dir, env: ws.env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk) => { output += chunk; });
      child.stderr.on('data', (chunk) => { output += chunk; });
      const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
      const deadline = Date.now() + 60_000;
      while (sockets.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(sockets.length).toBeGreaterThan(0);
      const interrupted = Date.now();
      child.kill('SIGINT');
      expect(await exited).toBe(1);
      // The API client's own timeout is 30 s per request.
      expect(Date.now() - interrupted).toBeLessThan(10_000);
      const message = output.replace(/[│\s]+/g, ' ');
      expect(message).toContain('Error: Stopped by the client');
      expect(message).toContain('Strata stopped planning strata_cluster');
    } finally {
      for (const socket of sockets) socket.destroy();
      server.close();
    }
  });
});

// How strata_cluster reaches real clusters: through an HTTP CONNECT proxy named by the kubeconfig's
// proxy-url (kubectl through the same proxy is the control), with an exec credential plugin, and
// through a flaky proxy that throttles, fails and drops connections while 500 objects are applied.
// Real tofu, real kube-apiserver, results checked with kubectl.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startConnectProxy, type ConnectProxy } from '../harness/connect-proxy';
import { startControlPlane, type ControlPlane } from '../harness/controlplane';
import { startFlakyProxy } from '../harness/flaky-proxy';
import { runKubectl } from '../harness/kubectl';
import { TofuWorkspace } from '../harness/tofu';

jest.setTimeout(300_000);

const header = `terraform {
  required_providers {
    strata = { source = "strata/strata" }
  }
}
`;

/** A profile with one layer (the manifests in `manifests.yaml`) and one cluster reached through `kubeconfig`. */
function configuration(cluster: string, kubeconfigPath: string): string {
  return `${header}
resource "strata_profile_version" "v" {
  profile_id = "conn"
  version    = "1.0.0"
  layer {
    name = "base"
    manifest { content = file("manifests.yaml") }
  }
}

resource "strata_cluster" "c" {
  name       = "${cluster}"
  kubernetes = { config_path = "${kubeconfigPath}" }
  profile    = strata_profile_version.v.snapshot
  timeout    = "5m"
}
`;
}

function manifests(namespace: string, configMaps: number): string {
  const docs = [`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${namespace}`];
  for (let i = 0; i < configMaps; i++) {
    docs.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${String(i).padStart(3, '0')}\n  namespace: ${namespace}\ndata:\n  index: "${i}"`);
  }
  return docs.join('\n---\n');
}

function kubeconfigFor(server: string, caPem: string, user: Record<string, unknown>, cluster: Record<string, unknown> = {}): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'c', cluster: { server, 'certificate-authority-data': Buffer.from(caPem).toString('base64'), ...cluster } }],
    users: [{ name: 'u', user }],
    contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
    'current-context': 'c',
  });
}

async function workspace(cluster: string, kubeconfig: string, namespace: string, configMaps: number): Promise<TofuWorkspace> {
  const ws = await TofuWorkspace.create({ files: { 'manifests.yaml': manifests(namespace, configMaps) } });
  const kubeconfigPath = join(ws.dir, 'kubeconfig');
  writeFileSync(kubeconfigPath, kubeconfig, { mode: 0o600 });
  ws.write('main.tf', configuration(cluster, kubeconfigPath));
  await ws.expect(['init', '-input=false']);
  return ws;
}

const configMapNames = async (plane: ControlPlane, namespace: string) =>
  (await plane.kubectl(['-n', namespace, 'get', 'configmaps', '-o', 'jsonpath={.items[*].metadata.name}'])).stdout.split(' ').filter((name) => name.startsWith('cm-'));

describe('connections', () => {
  let plane: ControlPlane;

  beforeAll(async () => {
    plane = await startControlPlane({ withKwok: false });
  });
  afterAll(async () => {
    await plane?.stop();
  });

  /** kubectl with another kubeconfig than the plane's (the proxied one), and no proxy variables. */
  const kubectlWith = (kubeconfig: string, args: string[]) =>
    runKubectl(['--kubeconfig', kubeconfig, '--cache-dir', join(plane.dir, 'kubectl-proxied-cache'), ...args], { home: plane.dir });

  test('through an HTTP CONNECT proxy named by proxy-url: apply and destroy, with kubectl through the same proxy as the control', async () => {
    let proxy: ConnectProxy | undefined = await startConnectProxy();
    try {
      const ws = await workspace('via-proxy', kubeconfigFor(plane.host, plane.caCertPem, { token: plane.adminToken }, { 'proxy-url': proxy.url }), 'via-proxy', 3);
      const kubeconfig = join(ws.dir, 'kubeconfig');
      const apiServer = new URL(plane.host).host;

      // The control: kubectl, with the same kubeconfig, goes through the proxy.
      const control = await kubectlWith(kubeconfig, ['get', 'namespace', 'default', '-o', 'name']);
      expect(control.stdout.trim()).toBe('namespace/default');
      expect(proxy.tunnels).toBeGreaterThan(0);
      const afterKubectl = proxy.tunnels;

      await ws.expect(['apply', '-input=false', '-auto-approve']);
      expect(proxy.tunnels).toBeGreaterThan(afterKubectl);
      expect(new Set(proxy.connects)).toEqual(new Set([apiServer]));
      expect(await configMapNames(plane, 'via-proxy')).toEqual(['cm-000', 'cm-001', 'cm-002']);
      expect((await kubectlWith(kubeconfig, ['-n', 'via-proxy', 'get', 'configmap', 'cm-002', '-o', 'name'])).stdout.trim()).toBe('configmap/cm-002');
      // Keep-alive: each provider process opens a handful of tunnels, not one per request.
      await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 0);

      const beforeDestroy = proxy.tunnels;
      await ws.expect(['destroy', '-input=false', '-auto-approve']);
      expect(proxy.tunnels).toBeGreaterThan(beforeDestroy);
      expect(await configMapNames(plane, 'via-proxy')).toEqual([]);

      // Without the proxy, nothing gets through: the traffic really went through it.
      const proxyUrl = proxy.url;
      await proxy.stop();
      proxy = undefined;
      const plan = await ws.run(['plan', '-input=false']);
      expect(plan.code).toBe(1);
      expect(plan.stderr).toContain('Error: Cannot reach the Kubernetes API server');
      // (tofu wraps the detail: compare with its line breaks as spaces)
      expect(plan.stderr.replace(/\s+/g, ' ')).toContain(`at ${plane.host} through the proxy ${proxyUrl} (GET `);
      expect(plan.stderr.replace(/\s+/g, ' ')).toContain(`, 3 attempts): the proxy ${proxyUrl} cannot be reached`);
      expect(plan.stdout + plan.stderr).not.toContain(plane.adminToken);
      expect((await kubectlWith(kubeconfig, ['get', 'namespace', 'default'])).code).not.toBe(0);
    } finally {
      await proxy?.stop();
    }
  });

  test('with an exec credential plugin: apply and destroy, and no token in state', async () => {
    const ws = await TofuWorkspace.create({ files: { 'manifests.yaml': manifests('via-exec', 2) } });
    // The plugin prints an ExecCredential with the admin token, as aws or gcloud print theirs.
    const credential = JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: plane.adminToken } });
    writeFileSync(join(ws.dir, 'credential.json'), credential, { mode: 0o600 });
    writeFileSync(join(ws.dir, 'get-token.sh'), `#!/bin/sh\necho "$1" >> "$(dirname "$0")/runs.log"\nexec cat "$(dirname "$0")/credential.json"\n`);
    chmodSync(join(ws.dir, 'get-token.sh'), 0o755);
    const exec = { apiVersion: 'client.authentication.k8s.io/v1', command: './get-token.sh', args: ['strata'], interactiveMode: 'Never' };
    writeFileSync(join(ws.dir, 'kubeconfig'), kubeconfigFor(plane.host, plane.caCertPem, { exec }), { mode: 0o600 });
    ws.write('main.tf', configuration('via-exec', join(ws.dir, 'kubeconfig')));
    await ws.expect(['init', '-input=false']);

    await ws.expect(['apply', '-input=false', '-auto-approve']);
    expect(readFileSync(join(ws.dir, 'runs.log'), 'utf8')).toMatch(/^strata\n/);
    expect(await configMapNames(plane, 'via-exec')).toEqual(['cm-000', 'cm-001']);
    expect((await kubectlWith(join(ws.dir, 'kubeconfig'), ['-n', 'via-exec', 'get', 'configmap', 'cm-001', '-o', 'name'])).stdout.trim()).toBe('configmap/cm-001');
    const state = (await ws.expect(['state', 'pull'])).stdout;
    expect(state).not.toContain(plane.adminToken);
    await ws.expect(['destroy', '-input=false', '-auto-approve']);
    expect(await configMapNames(plane, 'via-exec')).toEqual([]);
  });

  test('through a proxy that throttles, fails and drops connections: 500 ConfigMaps applied and destroyed, none lost', async () => {
    const flaky = await startFlakyProxy({
      upstream: plane.host,
      upstreamCaPem: plane.caCertPem,
      seed: 8,
      shares: { throttle: 0.08, unavailable: 0.06, dropBefore: 0.04, dropAfter: 0.04 },
    });
    try {
      const ws = await workspace('flaky', kubeconfigFor(flaky.url, flaky.caCertPem, { token: plane.adminToken }), 'flaky', 500);
      const started = Date.now();
      await ws.expect(['apply', '-input=false', '-auto-approve']);
      const applySeconds = (Date.now() - started) / 1000;
      expect(await configMapNames(plane, 'flaky')).toHaveLength(500);
      // Every kind of fault happened, and often.
      for (const fault of ['throttle', 'unavailable', 'dropBefore', 'dropAfter'] as const) expect(flaky.stats[fault]).toBeGreaterThan(5);
      expect(applySeconds).toBeLessThan(180);

      await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 0);
      await ws.expect(['destroy', '-input=false', '-auto-approve']);
      expect(await configMapNames(plane, 'flaky')).toEqual([]);
      process.stdout.write(`flaky proxy: apply of 500 ConfigMaps in ${applySeconds.toFixed(1)} s; ${JSON.stringify(flaky.stats)}\n`);
    } finally {
      await flaky.stop();
    }
  });
});

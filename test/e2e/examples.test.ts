// Examples that run: every folder under examples/ passes `tofu validate`; the quickstart is pinned,
// upgraded and rolled back, and the CI example's drift check gives its documented exit codes, all
// with the real tofu on a real kube-apiserver, checked with kubectl.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startControlPlane, type ControlPlane } from '../harness/controlplane';
import { ensureTools } from '../harness/tools';
import { TofuWorkspace, type RunResult } from '../harness/tofu';

jest.setTimeout(900_000);

const root = join(__dirname, '..', '..', '..');
const exampleFolders = readdirSync(join(root, 'examples'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && readdirSync(join(root, 'examples', entry.name)).some((file) => file.endsWith('.tf')))
  .map((entry) => entry.name);

function runScript(ws: TofuWorkspace, script: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(ws.dir, script)], { cwd: ws.dir, env: { ...ws.env, ...env, PATH: `${dirname(ws.tofu)}:${process.env.PATH}` } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('examples', () => {
  test('there are examples to check', () => {
    expect(exampleFolders).toEqual(expect.arrayContaining(['quickstart', 'profiles', 'ci']));
  });

  test.each(exampleFolders)('examples/%s passes tofu validate', async (folder) => {
    const ws = await TofuWorkspace.create({ example: `examples/${folder}` });
    await ws.expect(['init', '-input=false', '-backend=false']);
    const result = await ws.expect(['validate']);
    expect(result.stdout).toContain('Success! The configuration is valid.');
  });

  describe('on a control plane', () => {
    let plane: ControlPlane;

    beforeAll(async () => {
      await ensureTools(['kubectl']);
      plane = await startControlPlane({ withKwok: true });
    });

    afterAll(async () => {
      await plane?.stop();
    });

    test('the quickstart is pinned, upgraded and rolled back', async () => {
      const ws = await TofuWorkspace.create({ example: 'examples/quickstart' });
      const env = { TF_VAR_kubeconfig: plane.kubeconfigPath };
      const message = async () => (await plane.kubectl(['-n', 'quickstart', 'get', 'configmap', '-o', 'jsonpath={.items[*].data.message}'])).stdout;
      const dashboards = async () => (await plane.kubectl(['-n', 'quickstart', 'get', 'configmap', 'dashboards', '--ignore-not-found', '-o', 'name'])).stdout.trim();
      await ws.expect(['init', '-input=false']);
      await ws.expect(['apply', '-input=false', '-auto-approve'], 0, { env });
      expect(await message()).toContain('hello from 1.0.0');
      await ws.expect(['apply', '-input=false', '-auto-approve', '-var', 'pinned=2.0.0'], 0, { env });
      expect(await message()).toContain('hello from 2.0.0');
      expect(await dashboards()).toBe('configmap/dashboards');
      await ws.expect(['apply', '-input=false', '-auto-approve', '-var', 'pinned=1.0.0'], 0, { env });
      expect(await message()).toContain('hello from 1.0.0');
      expect(await dashboards()).toBe('');
      const history = JSON.parse((await ws.expect(['output', '-json', 'history'])).stdout) as string[];
      expect(history.map((line) => line.split(/\s+/)[1])).toEqual(['1.0.0', '2.0.0', '1.0.0']);
    });

    test('the CI example\'s drift check exits 0 when the cluster matches, 2 on drift, 1 when it cannot check', async () => {
      const ws = await TofuWorkspace.create({ example: 'examples/ci' });
      expect(existsSync(join(ws.dir, 'drift-check.sh'))).toBe(true);
      const env = { TF_VAR_kubeconfig: plane.kubeconfigPath };
      await ws.expect(['init', '-input=false']);
      await ws.expect(['apply', '-input=false', '-auto-approve'], 0, { env });

      const rendering = (await ws.expect(['output', '-raw', 'rendering'])).stdout;
      expect(rendering).toContain('# base: ConfigMap feature-flags');
      expect(rendering).toContain('checkout: "on"');

      const clean = await runScript(ws, 'drift-check.sh', env);
      expect(clean.stdout).toContain('drift check: the cluster matches the configuration');
      expect(clean.code).toBe(0);

      await plane.kubectl(['-n', 'edge', 'patch', 'configmap', 'feature-flags', '--type=merge', '-p', '{"data":{"checkout":"off"}}']);
      const drifted = await runScript(ws, 'drift-check.sh', env);
      expect(drifted.code).toBe(2);
      expect(drifted.stdout).toContain('base: ~ v1 ConfigMap edge/feature-flags (repair drift)');

      const unreachable = await runScript(ws, 'drift-check.sh', { TF_VAR_kubeconfig: join(ws.dir, 'missing.kubeconfig') });
      expect(unreachable.code).toBe(1);
      expect(unreachable.stdout).toContain('drift check: the plan failed');

      await ws.expect(['apply', '-input=false', '-auto-approve'], 0, { env });
      expect((await plane.kubectl(['-n', 'edge', 'get', 'configmap', 'feature-flags', '-o', 'jsonpath={.data.checkout}'])).stdout).toBe('on');
      expect((await runScript(ws, 'drift-check.sh', env)).code).toBe(0);
    });
  });
});

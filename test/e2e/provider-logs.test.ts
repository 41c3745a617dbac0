// Provider logs in Terraform's format: under TF_LOG the CLI shows Strata's lines with their level,
// including a progress line per layer (objects applied, objects ready), and never a credential or
// a Secret value. The quickstart example, applied with the real tofu on a real kube-apiserver.
import { readFileSync } from 'node:fs';
import { startControlPlane, type ControlPlane } from '../harness/controlplane';
import { ensureTools } from '../harness/tools';
import { TofuWorkspace } from '../harness/tofu';

jest.setTimeout(600_000);

describe('TF_LOG shows Strata\'s progress and nothing secret', () => {
  let plane: ControlPlane;

  beforeAll(async () => {
    await ensureTools(['kubectl']);
    plane = await startControlPlane({ withKwok: true });
  });

  afterAll(async () => {
    await plane?.stop();
  });

  test('a debug apply of the quickstart logs each layer\'s progress at INFO', async () => {
    const ws = await TofuWorkspace.create({ example: 'examples/quickstart' });
    await ws.expect(['init', '-input=false']);
    const env = { TF_VAR_kubeconfig: plane.kubeconfigPath, TF_LOG: 'debug' };
    const apply = await ws.expect(['apply', '-input=false', '-auto-approve'], 0, { env });
    const log = apply.stderr;
    const strataLine = (text: string) => new RegExp(`\\[INFO\\]\\s+provider\\.terraform-provider-strata[^:]*: ${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
    expect(log).toMatch(strataLine('layer "base": 3/3 objects applied'));
    expect(log).toMatch(strataLine('layer "base": 3/3 objects ready'));
    expect(log).toMatch(strataLine('layer "app": 3/3 objects applied'));
    expect(log).toMatch(strataLine('layer "app": 3/3 objects ready'));
    expect(log).toMatch(/\[INFO\]\s+provider\.terraform-provider-strata[^:]*: reconcile started: .*cluster=local/);
    // Debug lines of the provider show too; TF_LOG=info hides them (levels respected).
    expect(log).toMatch(/\[DEBUG\]\s+provider\.terraform-provider-strata[^:]*: rpc done/);

    const token = plane.adminToken;
    expect(readFileSync(plane.kubeconfigPath, 'utf8')).toContain(token);
    expect(log).not.toContain(token);
    expect(log).not.toContain('quickstart-not-a-real-password');
    expect(log).not.toContain(Buffer.from('quickstart-not-a-real-password').toString('base64'));
    expect((await plane.kubectl(['-n', 'quickstart', 'get', 'secret', 'database', '-o', 'jsonpath={.data.password}'])).stdout)
      .toBe(Buffer.from('quickstart-not-a-real-password').toString('base64'));

    const quiet = await ws.expect(['apply', '-input=false', '-auto-approve', '-var', 'pinned=2.0.0'], 0, { env: { ...env, TF_LOG: 'info' } });
    expect(quiet.stderr).toMatch(strataLine('layer "app": 3/3 objects ready'));
    expect(quiet.stderr).not.toMatch(/\[DEBUG\]\s+provider\.terraform-provider-strata/);
  });
});

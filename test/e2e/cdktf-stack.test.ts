// The CDKTF stack of examples/cdktf, end to end: synthesized with plain node from the generated
// bindings, deployed with the real tofu on a real kube-apiserver, then rolled back by changing one
// cluster's pin in TypeScript and deploying again; each step checked with kubectl.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startControlPlane, type ControlPlane } from '../harness/controlplane';
import { connectionEnv, kubectlOk, objectExists, recordText } from '../harness/story';
import { ensureTools } from '../harness/tools';
import { TofuWorkspace } from '../harness/tofu';

jest.setTimeout(900_000);

const root = join(__dirname, '..', '..', '..');
const MAIN = join(root, 'dist', 'examples', 'cdktf', 'main.js');

describe('the CDKTF stack example', () => {
  let plane: ControlPlane;
  const kubectl = (...args: string[]) => kubectlOk(plane, args);
  const release = (site: string) => kubectl('-n', `edge-${site}`, 'get', 'configmap', 'settings', '-o', 'jsonpath={.data.release}');

  beforeAll(async () => {
    await ensureTools(['kubectl']);
    plane = await startControlPlane({ withKwok: false });
  });

  afterAll(async () => {
    await plane?.stop();
  });

  test('deploys two clusters on different versions, and rolls one back by changing its pin', async () => {
    const ws = await TofuWorkspace.create();
    Object.assign(ws.env, connectionEnv(plane));
    // As a user runs it: `node main.js <pins>` from the project folder, where the local state lives.
    const synth = async (...pins: string[]) => {
      await promisify(execFile)(process.execPath, [MAIN, '--out', 'cdktf.out', ...pins], { cwd: ws.dir });
      const stack = readFileSync(join(ws.dir, 'cdktf.out', 'stacks', 'edge', 'cdk.tf.json'), 'utf8');
      ws.write('cdk.tf.json', stack);
      return stack;
    };

    const first = await synth('edge-1=2.0.0', 'edge-2=1.0.0');
    expect(first).toContain('"token": "${var.token}"');
    expect(first).not.toContain(plane.adminToken);
    await ws.expect(['init', '-input=false']);
    const plan = await ws.expect(['plan', '-input=false']);
    expect(plan.stdout).toContain('flags: + v1 ConfigMap edge-one/feature-flags');
    expect(plan.stdout).toContain('Plan: 5 to add, 0 to change, 0 to destroy.');
    await ws.expect(['apply', '-input=false', '-auto-approve']);

    expect(await release('one')).toBe('2.0.0');
    expect(await objectExists(plane, ['-n', 'edge-one', 'configmap', 'feature-flags'])).toBe(true);
    expect(await release('two')).toBe('1.0.0');
    expect(await objectExists(plane, ['-n', 'edge-two', 'configmap', 'feature-flags'])).toBe(false);
    const versions = JSON.parse((await ws.expect(['output', '-json'])).stdout);
    expect([versions['edge-1-version'].value, versions['edge-2-version'].value]).toEqual(['2.0.0', '1.0.0']);

    // The rollback: edge-1's pin goes back to 1.0.0 in TypeScript; only that cluster moves.
    await synth('edge-1=1.0.0', 'edge-2=1.0.0');
    const rollback = await ws.expect(['plan', '-input=false']);
    expect(rollback.stdout).toContain('flags: - v1 ConfigMap edge-one/feature-flags');
    expect(rollback.stdout).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
    await ws.expect(['apply', '-input=false', '-auto-approve']);

    expect(await release('one')).toBe('1.0.0');
    expect(await objectExists(plane, ['-n', 'edge-one', 'configmap', 'feature-flags'])).toBe(false);
    expect(await release('two')).toBe('1.0.0');
    const history = JSON.parse(await recordText(plane, 'edge-1')).history;
    expect(history.map((entry: { version: string }) => entry.version)).toEqual(['2.0.0', '1.0.0']);
    await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 0);
    // The connection came from variables: no credential in the state file.
    expect(readFileSync(join(ws.dir, 'terraform.edge.tfstate'), 'utf8')).not.toContain(plane.adminToken);
  });
});

// A plan saved with -out, the cluster moved by a second state, then apply of the saved plan: Strata
// stops with its own diagnostic (what moved, plan again), never the CLI's "Provider produced
// inconsistent final plan". Real tofu, a real kube-apiserver, checked with kubectl.
import { startControlPlane, type ControlPlane } from '../harness/controlplane';
import { PROVIDER_CONNECTION_TF, connectionEnv } from '../harness/story';
import { ensureTools } from '../harness/tools';
import { TofuWorkspace } from '../harness/tofu';

jest.setTimeout(600_000);

const configuration = (version: string, mode: string) => `${PROVIDER_CONNECTION_TF}
resource "strata_profile_version" "v" {
  profile_id = "saved"
  version    = "${version}"
  layer {
    name = "base"
    manifest {
      content = "apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: settings\\n  namespace: default\\ndata:\\n  mode: ${mode}\\n"
    }
  }
}

resource "strata_cluster" "c" {
  name    = "saved-1"
  profile = strata_profile_version.v.snapshot
}
`;

const folded = (text: string) => text.replace(/\s+/g, ' ');

describe('a saved plan applied after another state moved the cluster', () => {
  let plane: ControlPlane;
  let env: NodeJS.ProcessEnv;
  const mode = async () => (await plane.kubectl(['-n', 'default', 'get', 'configmap', 'settings', '-o', 'jsonpath={.data.mode}'])).stdout;

  beforeAll(async () => {
    await ensureTools(['kubectl']);
    plane = await startControlPlane({ withKwok: false });
    env = connectionEnv(plane);
  });

  afterAll(async () => {
    await plane?.stop();
  });

  test('fails with Strata\'s diagnostic, writes nothing, and a new plan goes through', async () => {
    const ours = await TofuWorkspace.create({ files: { 'main.tf': configuration('1.0.0', 'one') } });
    await ours.expect(['init', '-input=false']);
    await ours.expect(['apply', '-input=false', '-auto-approve'], 0, { env });
    expect(await mode()).toBe('one');

    ours.write('main.tf', configuration('2.0.0', 'two'));
    await ours.expect(['plan', '-input=false', '-out=reviewed.tfplan'], 0, { env });

    const theirs = await TofuWorkspace.create({ files: { 'main.tf': configuration('3.0.0', 'three') } });
    await theirs.expect(['init', '-input=false']);
    await theirs.expect(['import', '-input=false', 'strata_cluster.c', 'saved-1'], 0, { env });
    await theirs.expect(['apply', '-input=false', '-auto-approve'], 0, { env });
    expect(await mode()).toBe('three');

    const stale = await ours.run(['apply', '-input=false', 'reviewed.tfplan'], { env });
    expect(stale.code).toBe(1);
    const errors = folded(stale.stderr);
    expect(errors).toContain('Error: Cluster moved since Terraform read it');
    expect(errors).toContain('with strata_cluster.c');
    expect(errors).toContain('shows a move to 3.0.0');
    expect(errors).not.toContain('inconsistent final plan');
    expect(await mode()).toBe('three');

    await ours.expect(['apply', '-input=false', '-auto-approve'], 0, { env });
    expect(await mode()).toBe('two');
  });
});

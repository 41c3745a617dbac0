// `npm run demo`: a local control plane (real kube-apiserver, etcd, controller manager, scheduler,
// kwok nodes), the quickstart example applied with the real tofu, upgraded, and rolled back.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startControlPlane } from '../test/harness/controlplane';
import { ensureTools } from '../test/harness/tools';
import { TofuWorkspace } from '../test/harness/tofu';

const step = (text: string) => process.stdout.write(`\n==> ${text}\n`);

async function main(): Promise<void> {
  const keep = process.argv.includes('--keep');
  step('Preparing the pinned tools (the first run builds them from their Go modules: about 15 minutes on 2 cores)');
  const tools = await ensureTools(['tofu', 'etcd', 'kube', 'kwok', 'kubectl']);

  step('Starting a local control plane on 127.0.0.1 (etcd, kube-apiserver, controller manager, scheduler, kwok)');
  const plane = await startControlPlane({ dir: mkdtempSync(join(tmpdir(), 'strata-demo-')), withKwok: true, nodes: 2 });
  try {
    process.stdout.write(`    API server ${plane.host}; kubeconfig ${plane.kubeconfigPath}\n`);
    const ws = await TofuWorkspace.create({ example: 'examples/quickstart' });
    Object.assign(ws.env, { TF_VAR_kubeconfig: plane.kubeconfigPath, STRATA_HELM_PATH: tools.helm });
    const tofu = async (...args: string[]) => {
      process.stdout.write(`\n$ tofu ${args.join(' ')}\n`);
      const result = await ws.expect(args);
      process.stdout.write(result.stdout);
      return result;
    };
    const kubectl = async (...args: string[]) => {
      process.stdout.write(`\n$ kubectl ${args.join(' ')}\n`);
      const result = await plane.kubectl(args);
      process.stdout.write(result.stdout + result.stderr);
    };

    step('Installing Strata from a filesystem mirror');
    await tofu('init', '-input=false');

    step('Pinning the cluster to web 1.0.0');
    await tofu('apply', '-input=false', '-auto-approve');
    await kubectl('-n', 'quickstart', 'get', 'deployments,configmaps,services');

    step('Upgrading to web 2.0.0 (one value changes)');
    await tofu('apply', '-input=false', '-auto-approve', '-var', 'pinned=2.0.0');
    await kubectl('-n', 'quickstart', 'get', 'deployments,configmaps');

    step('Rolling back to web 1.0.0');
    await tofu('apply', '-input=false', '-auto-approve', '-var', 'pinned=1.0.0');
    await kubectl('-n', 'quickstart', 'get', 'deployments,configmaps');
    await tofu('output', 'history');

    step('What the cluster itself records');
    await kubectl('-n', 'strata-system', 'get', 'configmap', '-l', 'app.kubernetes.io/managed-by=strata', '-L', 'strata.dev/cluster');
    process.stdout.write(`
Done. To look around yourself (while the control plane runs, see --keep):
  export KUBECONFIG=${plane.kubeconfigPath}
  ${tools.kubectl} -n quickstart get all,configmaps
  ${tools.kubectl} -n strata-system get configmap strata-record-local -o yaml
  cd ${ws.dir} && ${tools.tofu} state show strata_cluster.local
`);
    if (keep) {
      process.stdout.write('\nThe control plane keeps running; press Ctrl-C to stop it.\n');
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    }
  } finally {
    step('Stopping the control plane');
    await plane.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

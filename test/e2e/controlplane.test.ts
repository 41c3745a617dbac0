// The harness's control plane is real: the pinned etcd, kube-apiserver, controller manager,
// scheduler and kwok run on loopback, and the pinned kubectl checks them, with no mock anywhere.
import { ControlPlane, startControlPlane } from '../harness/controlplane';
import { ensureTools } from '../harness/tools';

const deployment = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: registry.example/web:1.0
`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('test control plane', () => {
  let plane: ControlPlane;

  beforeAll(async () => {
    // A cold machine builds the tools first (minutes); that is not start-up time.
    await ensureTools(['etcd', 'kube', 'kwok', 'kubectl']);
    const started = Date.now();
    plane = await startControlPlane({ nodes: 1 });
    process.stderr.write(`[controlplane.test] control plane started in ${Date.now() - started} ms\n`);
  }, 20 * 60_000);

  afterAll(async () => {
    await plane?.stop();
  });

  test('a fake node is Ready', async () => {
    const res = await plane.kubectl(['get', 'nodes', '--no-headers']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^kwok-node-0\s+Ready\s/m);
  });

  test('a server-side applied Deployment of 2 replicas becomes Available', async () => {
    const applied = await plane.kubectl(['apply', '--server-side', '-f', '-'], { input: deployment });
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    const waited = await plane.kubectl(['wait', 'deployment/web', '--for=condition=Available', '--timeout=60s']);
    expect(waited.code).toBe(0);
    const ready = await plane.kubectl(['get', 'deployment/web', '-o', 'jsonpath={.status.availableReplicas}/{.spec.replicas}']);
    expect(ready.stdout).toBe('2/2');
  });

  test('the token and the client-certificate kubeconfigs both authenticate as system:masters admins', async () => {
    const whoami = ['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username} {.status.userInfo.groups}'];
    const byToken = await plane.kubectl(whoami);
    expect(byToken.code).toBe(0);
    expect(byToken.stdout).toMatch(/^strata-admin .*system:masters/);
    // kubectl takes the last --kubeconfig given, so this one replaces the token kubeconfig.
    const byCert = await plane.kubectl([`--kubeconfig=${plane.certKubeconfigPath}`, ...whoami]);
    expect(byCert.code).toBe(0);
    expect(byCert.stdout).toMatch(/^strata-cert-admin .*system:masters/);
  });

  test('stop leaves none of the plane processes alive', async () => {
    const pids = Object.entries(plane.pids);
    expect(pids.map(([name]) => name).sort()).toEqual(['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok']);
    expect(pids.every(([, pid]) => alive(pid))).toBe(true);
    const started = Date.now();
    await plane.stop();
    process.stderr.write(`[controlplane.test] control plane stopped in ${Date.now() - started} ms\n`);
    expect(pids.filter(([, pid]) => alive(pid))).toEqual([]);
  });
});

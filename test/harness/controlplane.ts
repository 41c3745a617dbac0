// A real Kubernetes control plane on loopback for end-to-end tests: etcd, kube-apiserver,
// kube-controller-manager, kube-scheduler and kwok (fake nodes that run pods), all the pinned
// binaries from scripts/tools.sh, each on free ports, with its log in the plane's folder.
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { createPki } from './certs';
import { freePorts } from './ports';
import { ensureTools } from './tools';

export interface ControlPlaneOptions {
  /** Folder for data, certificates, kubeconfigs and logs; a fresh temporary one (removed by stop) if absent. */
  dir?: string;
  /** Run kwok and create fake nodes (default true); without it the plane has no nodes, so pods stay Pending. */
  withKwok?: boolean;
  /** Fake nodes to create and wait Ready (default 1). */
  nodes?: number;
  /** Write an API server audit log (one JSON event per request, metadata level) to `auditLogPath`. */
  audit?: boolean;
}

export interface KubectlResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface ControlPlane {
  /** https://127.0.0.1:PORT */
  host: string;
  caCertPem: string;
  /** Bearer token of `strata-admin` in system:masters. */
  adminToken: string;
  /** Admin kubeconfig using the token. */
  kubeconfigPath: string;
  /** Admin kubeconfig using the client certificate (CN=strata-cert-admin, O=system:masters). */
  certKubeconfigPath: string;
  clientCertPem: string;
  clientKeyPem: string;
  dir: string;
  /** The API server's audit log when started with `audit: true`: count requests by verb and user agent. */
  auditLogPath?: string;
  /** Pids of the plane's processes by name (etcd, kube-apiserver, …), for checks that they are gone. */
  pids: Record<string, number>;
  /** Runs the pinned kubectl against this plane with the token kubeconfig; never throws on a non-zero exit. */
  kubectl(args: string[], opts?: { input?: string }): Promise<KubectlResult>;
  /** Stops every process (SIGTERM, SIGKILL after a grace period) and waits until all have exited. */
  stop(): Promise<void>;
}

const POLL_MS = 150;
const START_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 5_000;
const SERVICE_CIDR = '10.96.0.0/24';

// Every live child of every plane, so that a test run that dies without stop() leaves no server
// behind: 'exit' handlers must be synchronous, and SIGKILL is.
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

class Proc {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  exitStatus: string | undefined;

  constructor(
    readonly name: string,
    readonly logPath: string,
    bin: string,
    args: string[],
  ) {
    // The child writes straight to the log file, so nothing depends on this process reading pipes.
    const log = openSync(logPath, 'a');
    try {
      this.child = spawn(bin, args, { stdio: ['ignore', log, log] });
    } finally {
      closeSync(log);
    }
    live.add(this.child);
    this.exited = new Promise((resolve) => {
      const done = (status: string) => {
        this.exitStatus ??= status;
        live.delete(this.child);
        resolve();
      };
      this.child.once('exit', (code, signal) => done(signal ?? `exit code ${code}`));
      this.child.once('error', (err) => done(err.message));
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  tail(lines = 40): string {
    let text: string;
    try {
      text = readFileSync(this.logPath, 'utf8');
    } catch {
      return '';
    }
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  }

  async stop(): Promise<void> {
    if (this.exitStatus !== undefined) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }
}

interface HttpResult {
  status: number;
  body: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A kubeconfig for this plane with one user (by default the admin's name) and its credentials. */
export function kubeconfig(host: string, caCertPem: string, user: Record<string, string>, userName = 'strata-admin'): string {
  const b64 = (pem: string) => Buffer.from(pem).toString('base64');
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'strata-test', cluster: { server: host, 'certificate-authority-data': b64(caCertPem) } }],
    users: [{ name: userName, user }],
    contexts: [{ name: 'strata-test', context: { cluster: 'strata-test', user: userName } }],
    'current-context': 'strata-test',
  });
}

// Fake nodes as the kwok documentation describes them, without its NoSchedule taint: this cluster
// has no real kubelet, so every workload belongs on a fake node and needs no toleration.
function fakeNode(name: string): object {
  const capacity = { cpu: '32', memory: '256Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'kwok.x-k8s.io/node': 'fake' },
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/role': 'agent',
        'node-role.kubernetes.io/agent': '',
        type: 'kwok',
      },
    },
    // Nodes may carry their status on create; the scheduler needs the capacity.
    status: { allocatable: capacity, capacity },
  };
}

interface NodeList {
  items: { status?: { conditions?: { type: string; status: string }[] } }[];
}

export async function startControlPlane(opts: ControlPlaneOptions = {}): Promise<ControlPlane> {
  const withKwok = opts.withKwok ?? true;
  const nodeCount = withKwok ? (opts.nodes ?? 1) : 0;
  // First, as a cold build takes minutes: ports picked before it might be taken after it.
  const tools = await ensureTools(withKwok ? ['etcd', 'kube', 'kwok', 'kubectl'] : ['etcd', 'kube', 'kubectl']);
  const [pki, [etcdClient, etcdPeer, apiPort, kcmPort, schedulerPort, kwokPort]] = await Promise.all([createPki(), freePorts(6)]);
  const deadline = Date.now() + START_TIMEOUT_MS;
  const ownDir = opts.dir === undefined;
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'strata-plane-'));
  mkdirSync(dir, { recursive: true });
  const file = (name: string) => join(dir, name);
  const host = `https://127.0.0.1:${apiPort}`;
  const auditPolicy = () => {
    writeFileSync(file('audit-policy.yaml'), 'apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStages: [RequestReceived]\nrules:\n  - level: Metadata\n');
    return file('audit-policy.yaml');
  };
  const adminToken = randomBytes(24).toString('hex');
  const files = {
    ca: file('ca.crt'),
    servingCert: file('apiserver.crt'),
    servingKey: file('apiserver.key'),
    saPub: file('sa.pub'),
    saKey: file('sa.key'),
    tokens: file('tokens.csv'),
    kubeconfig: file('admin.kubeconfig'),
    certKubeconfig: file('admin-cert.kubeconfig'),
  };
  writeFileSync(files.ca, pki.caCertPem);
  writeFileSync(files.servingCert, pki.servingCertPem);
  writeFileSync(files.servingKey, pki.servingKeyPem, { mode: 0o600 });
  writeFileSync(files.saPub, pki.serviceAccountPublicPem);
  writeFileSync(files.saKey, pki.serviceAccountPrivatePem, { mode: 0o600 });
  writeFileSync(files.tokens, `${adminToken},strata-admin,strata-admin,system:masters\n`, { mode: 0o600 });
  writeFileSync(files.kubeconfig, kubeconfig(host, pki.caCertPem, { token: adminToken }), { mode: 0o600 });
  writeFileSync(
    files.certKubeconfig,
    kubeconfig(host, pki.caCertPem, {
      'client-certificate-data': Buffer.from(pki.clientCertPem).toString('base64'),
      'client-key-data': Buffer.from(pki.clientKeyPem).toString('base64'),
    }),
    { mode: 0o600 },
  );

  const procs: Proc[] = [];
  const start = (name: string, bin: string, args: string[]): Proc => {
    const proc = new Proc(name, file(`${name}.log`), bin, args);
    procs.push(proc);
    return proc;
  };
  // Clients first, then the API server, then etcd: stopped together, the API server and etcd each
  // wait on the other's connections until the SIGKILL grace period runs out.
  const stopAll = async () => {
    const [etcd, apiserver, ...clients] = procs;
    await Promise.all(clients.map((proc) => proc.stop()));
    await apiserver?.stop();
    await etcd?.stop();
  };

  // One HTTPS call to the API server as the admin; rejects on network errors, not on statuses.
  const api = (method: string, path: string, body?: object): Promise<HttpResult> =>
    new Promise((resolve, reject) => {
      const req = request(
        `${host}${path}`,
        {
          method,
          ca: pki.caCertPem,
          headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
          timeout: 5_000,
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });

  // Polls until probe returns true; fails early, with the log tail, if any process of the plane
  // exits, and on the deadline with the tail of the process that should have made it happen.
  let abandoned = false;
  const until = async (what: string, blame: Proc, probe: () => Promise<boolean>): Promise<void> => {
    let lastError = '';
    for (;;) {
      if (abandoned) throw new Error(`gave up waiting for ${what}`);
      const dead = procs.find((proc) => proc.exitStatus !== undefined);
      if (dead) {
        throw new Error(`${dead.name} exited (${dead.exitStatus}) while waiting for ${what}; ${dead.logPath} ends with:\n${dead.tail()}`);
      }
      try {
        if (await probe()) return;
        lastError = '';
      } catch (err) {
        lastError = ` (last error: ${(err as Error).message})`;
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what}${lastError}; ${blame.logPath} ends with:\n${blame.tail()}`);
      }
      await sleep(POLL_MS);
    }
  };

  try {
    const loopback = (port: number) => `http://127.0.0.1:${port}`;
    start('etcd', tools.etcd, [
      '--name=strata',
      `--data-dir=${file('etcd-data')}`,
      `--listen-client-urls=${loopback(etcdClient!)}`,
      `--advertise-client-urls=${loopback(etcdClient!)}`,
      `--listen-peer-urls=${loopback(etcdPeer!)}`,
      `--initial-advertise-peer-urls=${loopback(etcdPeer!)}`,
      `--initial-cluster=strata=${loopback(etcdPeer!)}`,
      // A throwaway test store: durability across power loss buys nothing and fsyncs cost seconds.
      '--unsafe-no-fsync',
    ]);
    // Started together with etcd: the API server retries its etcd connection while etcd comes up.
    const apiserver = start('kube-apiserver', tools.kubeApiserver, [
      `--etcd-servers=${loopback(etcdClient!)}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${apiPort}`,
      // Our own CA signs the serving certificate, so caCertPem verifies the server and is known before it starts.
      `--tls-cert-file=${files.servingCert}`,
      `--tls-private-key-file=${files.servingKey}`,
      `--client-ca-file=${files.ca}`,
      `--token-auth-file=${files.tokens}`,
      '--service-account-issuer=https://kubernetes.default.svc',
      `--service-account-key-file=${files.saPub}`,
      `--service-account-signing-key-file=${files.saKey}`,
      '--authorization-mode=Node,RBAC',
      `--service-cluster-ip-range=${SERVICE_CIDR}`,
      // Endpoints may not hold a loopback address, so the default reconciler would only log an error every 10 s.
      '--endpoint-reconciler-type=none',
      ...(opts.audit ? [`--audit-policy-file=${auditPolicy()}`, `--audit-log-path=${file('audit.log')}`, '--audit-log-format=json', '--audit-log-mode=blocking'] : []),
    ]);
    await until('kube-apiserver /readyz', apiserver, async () => {
      const res = await api('GET', '/readyz');
      return res.status === 200 && res.body.trim() === 'ok';
    });

    // The rest only talk to the API server; they start once it is ready, all at once.
    const componentAuth = [
      `--kubeconfig=${files.kubeconfig}`,
      `--authentication-kubeconfig=${files.kubeconfig}`,
      `--authorization-kubeconfig=${files.kubeconfig}`,
      '--bind-address=127.0.0.1',
      '--leader-elect=false',
    ];
    const controllerManager = start('kube-controller-manager', tools.kubeControllerManager, [
      ...componentAuth,
      `--secure-port=${kcmPort}`,
      `--service-account-private-key-file=${files.saKey}`,
      `--root-ca-file=${files.ca}`,
      // Node IPAM would need a pod CIDR per node; kwok assigns pod IPs itself.
      '--controllers=*,-nodeipam',
    ]);
    start('kube-scheduler', tools.kubeScheduler, [...componentAuth, `--secure-port=${schedulerPort}`]);
    const waits = [
      until('the default service account', controllerManager, async () => {
        const res = await api('GET', '/api/v1/namespaces/default/serviceaccounts/default');
        return res.status === 200;
      }),
    ];
    if (withKwok) {
      const kwok = start('kwok', tools.kwok, [
        `--kubeconfig=${files.kubeconfig}`,
        `--config=${tools.kwokStages}`,
        '--manage-all-nodes=true',
        `--server-address=127.0.0.1:${kwokPort}`,
      ]);
      waits.push(
        (async () => {
          for (let i = 0; i < nodeCount; i++) {
            const res = await api('POST', '/api/v1/nodes', fakeNode(`kwok-node-${i}`));
            if (res.status !== 201) throw new Error(`creating node kwok-node-${i}: HTTP ${res.status} ${res.body}`);
          }
          await until(`${nodeCount} Ready node(s)`, kwok, async () => {
            const res = await api('GET', '/api/v1/nodes?labelSelector=type%3Dkwok');
            if (res.status !== 200) return false;
            const ready = (JSON.parse(res.body) as NodeList).items.filter((node) =>
              node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
            );
            return ready.length >= nodeCount;
          });
        })(),
      );
    }
    await Promise.all(waits);
  } catch (err) {
    // Parallel waits see this and stop polling a plane that is being torn down.
    abandoned = true;
    await stopAll();
    // The logs stay for the diagnosis; etcd's data (its preallocated WAL alone is 64 MB) does not.
    rmSync(file('etcd-data'), { recursive: true, force: true });
    (err as Error).message = `control plane in ${dir} failed to start: ${(err as Error).message}`;
    throw err;
  }

  const kubectlCache = file('kubectl-cache');
  let stopped: Promise<void> | undefined;
  return {
    host,
    caCertPem: pki.caCertPem,
    adminToken,
    kubeconfigPath: files.kubeconfig,
    certKubeconfigPath: files.certKubeconfig,
    clientCertPem: pki.clientCertPem,
    clientKeyPem: pki.clientKeyPem,
    dir,
    ...(opts.audit ? { auditLogPath: file('audit.log') } : {}),
    pids: Object.fromEntries(procs.map((proc) => [proc.name, proc.pid])),
    kubectl: (args, kubectlOpts = {}) =>
      new Promise((resolve, reject) => {
        // Its own discovery cache: ~/.kube/cache is keyed by host:port, which a later plane may reuse.
        const child = spawn(tools.kubectl, [`--kubeconfig=${files.kubeconfig}`, `--cache-dir=${kubectlCache}`, ...args], {
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        child.once('error', reject);
        child.once('close', (code, signal) => resolve({ stdout, stderr, code: code ?? (signal ? 128 : 1) }));
        // kubectl may exit before reading its input; its exit code and stderr tell why, not EPIPE.
        child.stdin.on('error', () => undefined);
        child.stdin.end(kubectlOpts.input);
      }),
    stop: () => {
      // A folder of our own goes entirely; in a caller's folder only etcd's data goes, the logs stay.
      stopped ??= stopAll().then(() => rmSync(ownDir ? dir : file('etcd-data'), { recursive: true, force: true }));
      return stopped;
    },
  };
}

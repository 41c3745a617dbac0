// Paths of the pinned real tools, built or unpacked once per machine by scripts/tools.sh.
// Tests always run these binaries, never whatever happens to be on PATH.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { strataCacheDir } from '../../provider/util/cache-dir';
import { dirname, join } from 'node:path';

export type ToolName = 'tofu' | 'kube' | 'etcd' | 'kwok' | 'registry' | 'zarf' | 'kubectl' | 'helm';

export interface ToolPaths {
  tofu: string;
  kubeApiserver: string;
  kubeControllerManager: string;
  kubeScheduler: string;
  etcd: string;
  kwok: string;
  kwokStages: string;
  /** CNCF Distribution's registry, and a bcrypt htpasswd writer for its basic auth. */
  registry: string;
  htpasswd: string;
  /** The Zarf CLI, which builds the test packages. */
  zarf: string;
  kubectl: string;
  helm: string;
}

// This file runs compiled from dist/test/harness or as source from test/harness: find the root.
function repoRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'scripts', 'tools.sh'))) return dir;
  }
  throw new Error(`no scripts/tools.sh above ${__dirname}`);
}
const repo = repoRoot();
const script = join(repo, 'scripts', 'tools.sh');

/** The cache folder that tools.sh uses (same precedence as the script). */
export function toolCacheDir(): string {
  return strataCacheDir();
}

// The versions live in tools.sh only; read them from there so the two never disagree.
function scriptVersion(name: string): string {
  const match = new RegExp(`^${name}=(\\S+)$`, 'm').exec(readFileSync(script, 'utf8'));
  if (!match) throw new Error(`${script} has no ${name}=… line`);
  return match[1]!;
}

export function toolPaths(): ToolPaths {
  const bin = join(toolCacheDir(), 'bin');
  const kube = join(bin, `kube-${scriptVersion('KUBE_VERSION')}`);
  const kwok = join(bin, `kwok-${scriptVersion('KWOK_VERSION')}`);
  const kubectlHelm = join(bin, 'kubectl-helm');
  const registry = join(bin, `registry-${scriptVersion('REGISTRY_VERSION')}`);
  return {
    tofu: join(bin, `tofu-${scriptVersion('TOFU_VERSION')}`, 'tofu'),
    kubeApiserver: join(kube, 'kube-apiserver'),
    kubeControllerManager: join(kube, 'kube-controller-manager'),
    kubeScheduler: join(kube, 'kube-scheduler'),
    etcd: join(bin, `etcd-${scriptVersion('ETCD_VERSION')}`, 'etcd'),
    kwok: join(kwok, 'kwok'),
    kwokStages: join(kwok, 'stages.yaml'),
    registry: join(registry, 'registry'),
    htpasswd: join(registry, 'htpasswd'),
    zarf: join(bin, `zarf-${scriptVersion('ZARF_VERSION')}`, 'zarf'),
    kubectl: join(kubectlHelm, 'kubectl'),
    helm: join(kubectlHelm, 'helm'),
  };
}

const provides: Record<ToolName, (keyof ToolPaths)[]> = {
  tofu: ['tofu'],
  kube: ['kubeApiserver', 'kubeControllerManager', 'kubeScheduler'],
  etcd: ['etcd'],
  kwok: ['kwok', 'kwokStages'],
  registry: ['registry', 'htpasswd'],
  zarf: ['zarf'],
  kubectl: ['kubectl', 'helm'],
  helm: ['kubectl', 'helm'],
};

/**
 * Builds or unpacks the named tools (a no-op once cached; waits while another process builds) and
 * returns absolute paths. Only the requested tools are guaranteed to exist.
 */
export async function ensureTools(names: ToolName[]): Promise<ToolPaths> {
  const paths = toolPaths();
  const wanted = names.flatMap((name) => provides[name]);
  // Skipping the script when everything is there saves its lock wait while another build runs.
  if (!wanted.every((key) => existsSync(paths[key]))) {
    await new Promise<void>((resolve, reject) => {
      // stderr passes through so that the minutes of a cold build show progress.
      const child = spawn('bash', [script, ...names], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
      child.once('error', reject);
      child.once('exit', (code, signal) =>
        code === 0 ? resolve() : reject(new Error(`scripts/tools.sh ${names.join(' ')} failed (${signal ?? `exit ${code}`})`)),
      );
    });
  }
  const missing = wanted.filter((key) => !existsSync(paths[key]));
  if (missing.length > 0) throw new Error(`scripts/tools.sh did not produce: ${missing.map((key) => paths[key]).join(', ')}`);
  return paths;
}

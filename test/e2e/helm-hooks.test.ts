// Helm hooks run in their phases, as Argo CD maps them: a local chart with pre-install (a ConfigMap
// and a Job), post-install, pre-delete and test hooks, applied with the real tofu on a control plane
// with kwok nodes (which complete the Job's pod). The order is read from the API server's audit log,
// whose timestamps have microseconds where creationTimestamp has seconds.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startControlPlane, type ControlPlane } from '../harness/controlplane';
import { ensureTools } from '../harness/tools';
import { TofuWorkspace } from '../harness/tofu';

jest.setTimeout(600_000);

const chart = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'charts', 'hooks');

function configuration(kubeconfig: string, helmPath: string, greeting: string | null): string {
  const app = greeting === null ? '' : `
  layer {
    name = "app"
    helm {
      chart     = ${JSON.stringify(chart)}
      namespace = "hooked"
      values    = yamlencode({ greeting = "${greeting}" })
    }
  }`;
  return `terraform {
  required_providers {
    strata = { source = "strata/strata" }
  }
}

provider "strata" {
  helm_path = ${JSON.stringify(helmPath)}
}

resource "strata_profile_version" "v" {
  profile_id = "hooks"
  version    = "1.0.0"
  layer {
    name = "base"
    manifest {
      content = "apiVersion: v1\\nkind: Namespace\\nmetadata:\\n  name: hooked\\n"
    }
  }
${app}
}

resource "strata_cluster" "c" {
  name       = "hooks-1"
  kubernetes = { config_path = ${JSON.stringify(kubeconfig)} }
  profile    = strata_profile_version.v.snapshot
  timeout    = "90s"
}
`;
}

interface AuditEvent { verb: string; userAgent?: string; requestURI: string; objectRef?: { resource?: string; namespace?: string; name?: string }; requestReceivedTimestamp: string; responseStatus?: { code?: number } }

describe('Helm hooks', () => {
  let plane: ControlPlane;
  let helm: string;
  let ws: TofuWorkspace;
  let auditFrom = 0;

  beforeAll(async () => {
    ({ helm } = await ensureTools(['kubectl', 'helm']));
    plane = await startControlPlane({ audit: true });
    ws = await TofuWorkspace.create({ files: { 'main.tf': configuration(plane.kubeconfigPath, helm, 'hello') } });
    await ws.expect(['init', '-input=false']);
  });

  afterAll(async () => {
    await plane?.stop();
  });

  /** Strata's successful writes (not dry runs) since the last call, as `verb resource name`, in the order the server received them. */
  function writesSinceLastLook(): string[] {
    const text = readFileSync(plane.auditLogPath!).subarray(auditFrom).toString('utf8');
    auditFrom = statSync(plane.auditLogPath!).size;
    return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as AuditEvent)
      .filter((e) => (e.userAgent ?? '').startsWith('strata') && ['create', 'patch', 'delete'].includes(e.verb) && !e.requestURI.includes('dryRun=All'))
      .filter((e) => (e.responseStatus?.code ?? 0) < 300 && e.objectRef?.namespace === 'hooked')
      .sort((a, b) => a.requestReceivedTimestamp.localeCompare(b.requestReceivedTimestamp))
      .map((e) => `${e.verb} ${e.objectRef!.resource} ${e.objectRef!.name}`);
  }
  const exists = async (args: string[]) => (await plane.kubectl(['get', ...args])).code === 0;

  test('install: pre-install hooks by weight before the chart, post-install after it, test hooks never', async () => {
    const plan = await ws.expect(['plan', '-input=false']);
    expect(plan.stdout).toContain('app: hook pre-install v1 ConfigMap hooked/app-pre-install');
    expect(plan.stdout).toContain('app: hook pre-install batch/v1 Job hooked/app-migrate');
    expect(plan.stdout).toContain('app: hook post-install v1 ConfigMap hooked/app-post-install');
    expect(plan.stdout).toContain('app: + apps/v1 Deployment hooked/app');
    expect(plan.stdout).not.toContain('test-connection');

    writesSinceLastLook();
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    const writes = writesSinceLastLook();
    const at = (write: string) => {
      const index = writes.indexOf(write);
      if (index < 0) throw new Error(`no "${write}" among Strata's writes: ${writes.join(', ')}`);
      return index;
    };
    expect(at('patch configmaps app-pre-install')).toBeLessThan(at('patch jobs app-migrate'));
    expect(at('patch jobs app-migrate')).toBeLessThan(at('delete jobs app-migrate'));
    expect(at('delete jobs app-migrate')).toBeLessThan(at('patch deployments app'));
    expect(at('patch configmaps app-config')).toBeLessThan(at('patch configmaps app-post-install'));
    expect(at('patch deployments app')).toBeLessThan(at('patch configmaps app-post-install'));
    expect(writes.some((w) => w.includes('test-connection'))).toBe(false);
    expect(await exists(['-n', 'hooked', 'pod', 'app-test-connection'])).toBe(false);
    // hook-succeeded: gone once done; no delete policy given: stays.
    expect(await exists(['-n', 'hooked', 'configmap', 'app-post-install'])).toBe(false);
    expect(await exists(['-n', 'hooked', 'job', 'app-migrate'])).toBe(false);
    expect(await exists(['-n', 'hooked', 'configmap', 'app-pre-install'])).toBe(true);
    await ws.expect(['plan', '-input=false', '-detailed-exitcode'], 0);
  });

  test('upgrade: the pre-upgrade Job runs again (before-hook-creation), install-only hooks do not', async () => {
    ws.write('main.tf', configuration(plane.kubeconfigPath, helm, 'hello again'));
    const plan = await ws.expect(['plan', '-input=false']);
    expect(plan.stdout).toContain('app: hook pre-upgrade batch/v1 Job hooked/app-migrate');
    // (the lines of the last apply show as removed, with "-"; none is planned)
    expect(plan.stdout).not.toMatch(/\+ "app: hook pre-install/);
    writesSinceLastLook();
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    const writes = writesSinceLastLook();
    expect(writes.indexOf('patch jobs app-migrate')).toBeGreaterThanOrEqual(0);
    expect(writes.indexOf('patch jobs app-migrate')).toBeLessThan(writes.indexOf('patch configmaps app-config'));
    expect(writes.some((w) => w.includes('pre-install') || w.includes('post-install'))).toBe(false);
  });

  test('layer removal: pre-delete hooks run before its objects go, and the layer\'s hook objects go with it', async () => {
    ws.write('main.tf', configuration(plane.kubeconfigPath, helm, null));
    const plan = await ws.expect(['plan', '-input=false']);
    expect(plan.stdout).toContain('app: hook pre-delete v1 ConfigMap hooked/app-pre-delete');
    expect(plan.stdout).toContain('app: - apps/v1 Deployment hooked/app');
    writesSinceLastLook();
    await ws.expect(['apply', '-input=false', '-auto-approve']);
    const writes = writesSinceLastLook();
    expect(writes.indexOf('patch configmaps app-pre-delete')).toBeGreaterThanOrEqual(0);
    expect(writes.indexOf('patch configmaps app-pre-delete')).toBeLessThan(writes.indexOf('delete deployments app'));
    expect(await exists(['-n', 'hooked', 'deployment', 'app'])).toBe(false);
    expect(await exists(['-n', 'hooked', 'configmap', 'app-pre-install'])).toBe(false);
    expect(await exists(['-n', 'hooked', 'configmap', 'app-pre-delete'])).toBe(false);
    expect(await exists(['namespace', 'hooked'])).toBe(true);
    await ws.expect(['destroy', '-input=false', '-auto-approve']);
  });
});

// Reconcile speed on one real API server, in one run: `tofu apply` of N objects in L layers
// against `kubectl apply --server-side` of the same objects, a no-op plan of that cluster with the
// number of write requests Strata sent (counted from the API server's audit log), an upgrade plan
// that changes every object (one server-side dry run each), and the apply of that upgrade: the
// peak memory of tofu and of the provider, and the size of the state file it leaves.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startControlPlane } from '../harness/controlplane';
import { TofuWorkspace } from '../harness/tofu';
import { withPeaks } from './peak-memory';

export interface BenchSize { layers: number; perLayer: number }

const WRITE_VERBS = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);

function objects(size: BenchSize, namespace: string, layer: number, revision = 1): string {
  return Array.from({ length: size.perLayer }, (_, i) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: layer${layer}-item${i}
  namespace: ${namespace}
data:
  layer: "${layer}"
  item: "${i}"
  revision: "${revision}"
  payload: "${'x'.repeat(64)}"`).join('\n---\n');
}

function namespaceDoc(name: string): string {
  return `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}`;
}

function configuration(size: BenchSize, kubeconfig: string, revision = 1): string {
  const layers = Array.from({ length: size.layers }, (_, layer) => `
  layer {
    name = "layer-${layer}"
    manifest {
      content = ${JSON.stringify((layer === 0 ? namespaceDoc('bench') + '\n---\n' : '') + objects(size, 'bench', layer, revision))}
    }
  }`).join('\n');
  return `terraform {
  required_providers {
    strata = { source = "strata/strata" }
  }
}

resource "strata_profile_version" "bench" {
  profile_id = "bench"
  version    = "1.0.0"
${layers}
}

resource "strata_cluster" "bench" {
  name       = "bench"
  kubernetes = { config_path = ${JSON.stringify(kubeconfig)} }
  profile    = strata_profile_version.bench.snapshot
}
`;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
}

export interface ReconcileBench {
  strataApplyMs: number; kubectlApplyMs: number; noopPlanMs: number; noopPlanWrites: number; floorPlanMs: number; objects: number;
  /** A plan that changes every ConfigMap: each is read and sent as a server-side dry run. */
  upgradePlanMs: number; upgradeDryRuns: number;
  layers: number;
  /** The largest resident memory of a provider process during the apply, in MB. */
  applyPeakMb: number;
  /** `tofu apply` of the upgrade: the largest resident memory of tofu and of a provider process, in MB. */
  upgradeTofuPeakMb: number; upgradeProviderPeakMb: number;
  /** The state file after the upgrade, in bytes, and what strata_cluster keeps in it beside its `profile` (which is the version's snapshot). */
  stateBytes: number; clusterStateBytes: number;
}

/** tofu's own cost: a no-op plan of one state-only profile, which starts the provider all the same. */
async function floorPlanMs(): Promise<number> {
  const ws = await TofuWorkspace.create({
    files: { 'main.tf': `terraform {\n  required_providers {\n    strata = { source = "strata/strata" }\n  }\n}\nresource "strata_profile" "floor" {\n  name = "floor"\n  layer {\n    name = "only"\n    manifest {\n      content = ${JSON.stringify(namespaceDoc('floor'))}\n    }\n  }\n}\n` },
  });
  await ws.expect(['init', '-input=false']);
  await ws.expect(['apply', '-input=false', '-auto-approve']);
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) runs.push((await timed(() => ws.expect(['plan', '-input=false', '-detailed-exitcode'], 0))).ms);
  return runs.sort((a, b) => a - b)[1];
}

/** Times `work` and counts Strata's requests in the audit log meanwhile. */
async function audited(auditLog: string, work: () => Promise<unknown>): Promise<{ ms: number; reads: number; writes: number; dryRuns: number }> {
  const before = statSync(auditLog).size;
  const { ms } = await timed(work);
  const events = readFileSync(auditLog).subarray(before).toString('utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line))
    .filter((e) => (e.userAgent ?? '').startsWith('strata'));
  const writes = events.filter((e) => WRITE_VERBS.has(e.verb));
  return { ms, reads: events.length - writes.length, writes: writes.filter((e) => !String(e.requestURI).includes('dryRun=All')).length, dryRuns: writes.filter((e) => String(e.requestURI).includes('dryRun=All')).length };
}

function stateSizes(path: string): { stateBytes: number; clusterStateBytes: number } {
  const text = readFileSync(path, 'utf8');
  const cluster = JSON.parse(text).resources.find((r: { type: string }) => r.type === 'strata_cluster').instances[0].attributes;
  return { stateBytes: Buffer.byteLength(text), clusterStateBytes: Buffer.byteLength(JSON.stringify({ ...cluster, profile: undefined })) };
}

export async function benchReconcile(size: BenchSize): Promise<ReconcileBench> {
  const plane = await startControlPlane({ withKwok: false, audit: true });
  try {
    const ws = await TofuWorkspace.create({ files: { 'main.tf': configuration(size, plane.kubeconfigPath) } });
    await ws.expect(['init', '-input=false']);
    const { result: strata, peakMb } = await withPeaks(() => timed(() => ws.expect(['apply', '-input=false', '-auto-approve'])));

    const manifest = join(ws.dir, 'kubectl-objects.yaml');
    writeFileSync(manifest, [namespaceDoc('bench-kubectl'), ...Array.from({ length: size.layers }, (_, layer) => objects(size, 'bench-kubectl', layer))].join('\n---\n'));
    const kubectl = await timed(() => plane.kubectl(['apply', '--server-side', '--field-manager=bench', '-f', manifest]));
    if (kubectl.result.code !== 0) throw new Error(`kubectl apply failed: ${kubectl.result.stderr}`);

    const plan = await audited(plane.auditLogPath!, () => ws.expect(['plan', '-input=false', '-detailed-exitcode'], 0));
    if (plan.reads === 0) throw new Error('the audit log shows no request from Strata during the plan; the count would mean nothing');

    ws.write('main.tf', configuration(size, plane.kubeconfigPath, 2));
    const upgrade = await audited(plane.auditLogPath!, () => ws.expect(['plan', '-input=false', '-detailed-exitcode'], 2));
    const { peakMb: upgradePeakMb } = await withPeaks(() => ws.expect(['apply', '-input=false', '-auto-approve']));
    return {
      strataApplyMs: strata.ms, kubectlApplyMs: kubectl.ms, noopPlanMs: plan.ms, noopPlanWrites: plan.writes, floorPlanMs: await floorPlanMs(), objects: size.layers * size.perLayer + 1,
      upgradePlanMs: upgrade.ms, upgradeDryRuns: upgrade.dryRuns, layers: size.layers, applyPeakMb: peakMb.provider,
      upgradeTofuPeakMb: upgradePeakMb.tofu, upgradeProviderPeakMb: upgradePeakMb.provider, ...stateSizes(join(ws.dir, 'terraform.tfstate')),
    };
  } finally {
    await plane.stop();
  }
}

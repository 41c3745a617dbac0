// `npm run bench`: speed targets measured against a peer in the same run, printed as ratios.
import { benchReconcile, type ReconcileBench } from './reconcile';
import { benchStartup } from './startup';

type Row = [string, string, string, string, string];

function print(rows: Row[]): void {
  const header: Row = ['benchmark', 'strata', 'peer', 'ratio', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
}

const met = (ok: boolean) => (ok ? 'met' : 'MISSED');

function reconcileRows(bench: ReconcileBench, targets: { planMs: number }): Row[] {
  const n = `${bench.objects} objects in ${bench.layers} layers`;
  return [
    [`apply ${n}`, `tofu apply ${(bench.strataApplyMs / 1000).toFixed(2)} s`,
      `kubectl apply --server-side ${(bench.kubectlApplyMs / 1000).toFixed(2)} s`, `${(bench.strataApplyMs / bench.kubectlApplyMs).toFixed(2)}x`,
      `no slower: ${met(bench.strataApplyMs <= bench.kubectlApplyMs)}`],
    [`provider peak memory, that apply`, `${bench.applyPeakMb.toFixed(0)} MB`, '', '', bench.objects > 5000 ? `< 300 MB: ${met(bench.applyPeakMb < 300)}` : 'no target'],
    [`no-op plan of ${n}`, `tofu plan ${(bench.noopPlanMs / 1000).toFixed(2)} s, ${bench.noopPlanWrites} writes`,
      `tofu plan of one profile ${(bench.floorPlanMs / 1000).toFixed(2)} s`, `${(bench.noopPlanMs / bench.floorPlanMs).toFixed(2)}x`,
      `< ${targets.planMs / 1000} s and 0 writes: ${met(bench.noopPlanMs < targets.planMs && bench.noopPlanWrites === 0)}`],
    [`upgrade plan changing ${bench.objects - 1} objects`, `tofu plan ${(bench.upgradePlanMs / 1000).toFixed(2)} s, ${bench.upgradeDryRuns} dry runs`,
      `no-op plan ${(bench.noopPlanMs / 1000).toFixed(2)} s`, `${(bench.upgradePlanMs / bench.noopPlanMs).toFixed(2)}x`,
      'cost of plan-time dry runs (no target)'],
    ...upgradeRows(bench),
  ];
}

/** Measured before per-layer summaries and bounded plan lines, with 10,000 objects in 20 layers (issue 9). */
const BEFORE = { tofuMb: 1700, providerMb: 270, stateMb: 5.9 };

function upgradeRows(bench: ReconcileBench): Row[] {
  const large = bench.objects > 5000;
  const was = (text: string) => (large ? `before: ${text}` : '');
  const mb = (value: number) => `${value.toFixed(0)} MB`;
  const ratio = (now: number, before: number) => (large ? `${(now / before).toFixed(2)}x` : '');
  return [
    [`tofu peak memory, apply of that upgrade`, mb(bench.upgradeTofuPeakMb), was(`${BEFORE.tofuMb} MB`), ratio(bench.upgradeTofuPeakMb, BEFORE.tofuMb),
      large ? `< 500 MB: ${met(bench.upgradeTofuPeakMb < 500)}` : 'no target'],
    [`provider peak memory, apply of that upgrade`, mb(bench.upgradeProviderPeakMb), was(`${BEFORE.providerMb} MB`), ratio(bench.upgradeProviderPeakMb, BEFORE.providerMb), 'no target'],
    [`state file after that upgrade`, `${(bench.stateBytes / 1e6).toFixed(2)} MB`, was(`${BEFORE.stateMb} MB`), ratio(bench.stateBytes / 1e6, BEFORE.stateMb), 'no target'],
    [`  of which strata_cluster beside its profile`, `${(bench.clusterStateBytes / 1e3).toFixed(1)} kB`, '', '', 'the profile text is kept by each resource that holds it'],
  ];
}

async function main(): Promise<void> {
  const runs = Number(process.env.STRATA_BENCH_RUNS ?? 25);
  // STRATA_BENCH_LARGE=0 skips the 10,000-object run (minutes on 2 cores).
  const large = process.env.STRATA_BENCH_LARGE !== '0';
  const startup = await benchStartup(runs);
  const small = await benchReconcile({ layers: 10, perLayer: 100 });
  const big = large ? await benchReconcile({ layers: 20, perLayer: 500 }) : undefined;
  print([
    [`start-up to handshake (median of ${runs})`, `${startup.provider.toFixed(1)} ms`, `node -e '' ${startup.floor.toFixed(1)} ms`,
      `${(startup.provider / startup.floor).toFixed(2)}x`, `< 150 ms: ${met(startup.provider < 150)}, within 1.3x: ${met(startup.provider <= 1.3 * startup.floor)}`],
    ...reconcileRows(small, { planMs: 2000 }),
    ...(big ? reconcileRows(big, { planMs: 5000 }) : []),
  ]);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

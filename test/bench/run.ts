// `npm run bench`: speed targets measured against a peer in the same run, printed as ratios.
import { benchReconcile } from './reconcile';
import { benchStartup } from './startup';

type Row = [string, string, string, string, string];

function print(rows: Row[]): void {
  const header: Row = ['benchmark', 'strata', 'peer', 'ratio', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
}

const met = (ok: boolean) => (ok ? 'met' : 'MISSED');

async function main(): Promise<void> {
  const runs = Number(process.env.STRATA_BENCH_RUNS ?? 25);
  const startup = await benchStartup(runs);
  const reconcile = await benchReconcile();
  print([
    [`start-up to handshake (median of ${runs})`, `${startup.provider.toFixed(1)} ms`, `node -e '' ${startup.floor.toFixed(1)} ms`,
      `${(startup.provider / startup.floor).toFixed(2)}x`, `< 150 ms: ${met(startup.provider < 150)}`],
    [`apply ${reconcile.objects} objects in 10 layers`, `tofu apply ${(reconcile.strataApplyMs / 1000).toFixed(2)} s`,
      `kubectl apply --server-side ${(reconcile.kubectlApplyMs / 1000).toFixed(2)} s`, `${(reconcile.strataApplyMs / reconcile.kubectlApplyMs).toFixed(2)}x`,
      `no slower: ${met(reconcile.strataApplyMs <= reconcile.kubectlApplyMs)}`],
    ['no-op plan of that cluster', `tofu plan ${(reconcile.noopPlanMs / 1000).toFixed(2)} s, ${reconcile.noopPlanWrites} writes`,
      `tofu plan of one profile ${(reconcile.floorPlanMs / 1000).toFixed(2)} s`, `${(reconcile.noopPlanMs / reconcile.floorPlanMs).toFixed(2)}x`,
      `< 2 s and 0 writes: ${met(reconcile.noopPlanMs < 2000 && reconcile.noopPlanWrites === 0)}`],
    [`upgrade plan changing ${reconcile.objects - 1} objects`, `tofu plan ${(reconcile.upgradePlanMs / 1000).toFixed(2)} s, ${reconcile.upgradeDryRuns} dry runs`,
      `no-op plan ${(reconcile.noopPlanMs / 1000).toFixed(2)} s`, `${(reconcile.upgradePlanMs / reconcile.noopPlanMs).toFixed(2)}x`,
      'cost of plan-time dry runs (no target)'],
  ]);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

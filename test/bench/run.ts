// `npm run bench`: speed targets measured against a peer in the same run, printed as ratios.
import { benchStartup } from './startup';

async function main(): Promise<void> {
  const runs = Number(process.env.STRATA_BENCH_RUNS ?? 25);
  const startup = await benchStartup(runs);
  const rows = [
    ['start-up to handshake (median of ' + runs + ')', `${startup.provider.toFixed(1)} ms`, `node -e '' ${startup.floor.toFixed(1)} ms`,
      `${(startup.provider / startup.floor).toFixed(2)}x`, startup.provider < 150 ? 'target < 150 ms: met' : 'target < 150 ms: MISSED'],
  ];
  const header = ['benchmark', 'strata', 'peer', 'ratio', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

// The peak resident memory of the provider processes tofu starts while `work` runs: Linux keeps
// each process's high-water mark (VmHWM in /proc/<pid>/status), read here while they live.
import { readdirSync, readFileSync } from 'node:fs';

const PROVIDER_SCRIPT = 'strata-provider.js';

function providerPeaksKb(): Map<number, number> {
  const peaks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(PROVIDER_SCRIPT)) continue;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'));
      if (hwm) peaks.set(Number(entry), Number(hwm[1]));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return peaks;
}

/** Runs `work`, sampling every 100 ms; resolves with its result and the largest provider peak in MB (0 where /proc is missing). */
export async function withProviderPeak<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peakKb = 0;
  const sample = () => {
    for (const kb of providerPeaksKb().values()) peakKb = Math.max(peakKb, kb);
  };
  const timer = setInterval(sample, 100);
  try {
    const result = await work();
    sample();
    return { result, peakMb: peakKb / 1024 };
  } finally {
    clearInterval(timer);
  }
}

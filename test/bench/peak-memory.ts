// The peak resident memory of the processes this bench starts while `work` runs (tofu, and the
// provider processes tofu starts): Linux keeps each process's high-water mark (VmHWM in
// /proc/<pid>/status), read here while they live. Only descendants of this process count, so
// other tofu runs on the machine do not.
import { readdirSync, readFileSync } from 'node:fs';

const PROVIDER_SCRIPT = 'strata-provider.js';

export type ProcessKind = 'tofu' | 'provider';

function kindOf(cmdline: string): ProcessKind | undefined {
  if (cmdline.includes(PROVIDER_SCRIPT)) return 'provider';
  const program = cmdline.split('\0')[0] ?? '';
  return /(^|\/)tofu$/.test(program) ? 'tofu' : undefined;
}

/** The high-water mark in kB of each descendant tofu or provider process, by pid. */
function peaksKb(): Map<number, { kind: ProcessKind; kb: number }> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name (field 2) may hold spaces; the parent pid is the second field after it.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  const isDescendant = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) if (p === process.pid) return true;
    return false;
  };
  const peaks = new Map<number, { kind: ProcessKind; kb: number }>();
  for (const pid of parents.keys()) {
    if (!isDescendant(pid)) continue;
    try {
      const kind = kindOf(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
      const hwm = kind && /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (kind && hwm) peaks.set(pid, { kind, kb: Number(hwm[1]) });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return peaks;
}

/** Runs `work`, sampling every 100 ms; resolves with its result and the largest peak of each kind of process in MB (0 where /proc is missing). */
export async function withPeaks<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: Record<ProcessKind, number> }> {
  const peakKb: Record<ProcessKind, number> = { tofu: 0, provider: 0 };
  const sample = () => {
    for (const { kind, kb } of peaksKb().values()) peakKb[kind] = Math.max(peakKb[kind], kb);
  };
  const timer = setInterval(sample, 100);
  try {
    const result = await work();
    sample();
    return { result, peakMb: { tofu: peakKb.tofu / 1024, provider: peakKb.provider / 1024 } };
  } finally {
    clearInterval(timer);
  }
}

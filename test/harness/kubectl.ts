// The pinned kubectl with an environment of the test's choosing: only PATH, HOME and what the test
// gives (KUBECONFIG, proxy variables), so nothing of the machine running the tests leaks in.
import { spawn } from 'node:child_process';
import type { KubectlResult } from './controlplane';
import { ensureTools } from './tools';

export async function runKubectl(args: string[], options: { home: string; env?: NodeJS.ProcessEnv }): Promise<KubectlResult> {
  const { kubectl } = await ensureTools(['kubectl']);
  return new Promise((resolve, reject) => {
    const child = spawn(kubectl, args, { env: { PATH: process.env.PATH, HOME: options.home, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

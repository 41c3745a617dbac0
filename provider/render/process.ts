// Running a helper program (the bundled renderer, or a helm binary) with its input on stdin and its
// output collected: values and credentials never go on a command line or into a file.
import { spawn } from 'node:child_process';

export interface ProcessResult {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Runs `path` to its end; how it ended (code, signal) is the caller's to judge. */
export function runProcess(path: string, args: string[], input: string, env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(path, args, { env, stdio: ['pipe', 'pipe', 'pipe'], ...(signal ? { signal } : {}) });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    // A program that exits before it read everything closes the pipe (EPIPE): its exit status says why.
    child.stdin.on('error', () => undefined);
    child.once('error', reject);
    child.once('close', (code, exitSignal) =>
      resolve({ stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), code, signal: exitSignal }),
    );
    child.stdin.end(input);
  });
}

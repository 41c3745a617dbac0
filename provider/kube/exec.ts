// Exec credential plugins (client.authentication.k8s.io v1 and v1beta1): run the kubeconfig's
// command, read an ExecCredential from its stdout, and reuse it until its expirationTimestamp.
import { spawn } from 'node:child_process';
import type { ExecConfig, KubeconfigCluster } from './kubeconfig';

export interface ExecCredentials {
  token?: string;
  certPem?: string;
  keyPem?: string;
}

// A plugin may log in through a cloud API; a hung one must still not stall the provider forever.
const EXEC_TIMEOUT_MS = 60_000;
// Refresh a little before expiry, so that a credential does not expire on its way to the server.
const EXPIRY_SKEW_MS = 10_000;
const MAX_STDERR = 500;

interface Issued {
  credentials: ExecCredentials;
  expiresAt: number;
}

export class ExecPlugin {
  private issued?: Promise<Issued>;

  constructor(
    private readonly config: ExecConfig,
    private readonly cluster: KubeconfigCluster & { server: string },
  ) {}

  /**
   * The plugin's credentials. Concurrent callers share one run; the result is reused until its
   * expirationTimestamp (for good when it has none); a failure is not kept, so the next call retries.
   */
  async credentials(): Promise<ExecCredentials> {
    const current = this.issued;
    if (current) {
      const value = await current;
      if (Date.now() < value.expiresAt) return value.credentials;
      // Expired: one renewal, shared with concurrent callers.
      if (this.issued === current) this.issue();
    }
    // Freshly issued credentials are used as they come, even if short-lived.
    return (await (this.issued ?? this.issue())).credentials;
  }

  private issue(): Promise<Issued> {
    const issued = this.run();
    this.issued = issued;
    issued.catch(() => {
      if (this.issued === issued) this.issued = undefined;
    });
    return issued;
  }

  private async run(): Promise<Issued> {
    const { command, apiVersion } = this.config;
    const stdout = await this.spawn();
    let credential: { apiVersion?: unknown; kind?: unknown; status?: Record<string, unknown> };
    try {
      credential = JSON.parse(stdout);
    } catch {
      throw new Error(`exec plugin "${command}" printed something other than ExecCredential JSON`);
    }
    if (credential.kind !== 'ExecCredential' || credential.apiVersion !== apiVersion) {
      throw new Error(`exec plugin "${command}" returned ${String(credential.kind)} ${String(credential.apiVersion)}, expected ExecCredential ${apiVersion}`);
    }
    const status = credential.status ?? {};
    const text = (key: string) => (typeof status[key] === 'string' && status[key] !== '' ? (status[key] as string) : undefined);
    const credentials: ExecCredentials = { token: text('token'), certPem: text('clientCertificateData'), keyPem: text('clientKeyData') };
    if (!credentials.token && !(credentials.certPem && credentials.keyPem)) {
      throw new Error(`exec plugin "${command}" returned neither status.token nor status.clientCertificateData and clientKeyData`);
    }
    const expiry = text('expirationTimestamp');
    return { credentials, expiresAt: expiry ? Date.parse(expiry) - EXPIRY_SKEW_MS : Infinity };
  }

  private spawn(): Promise<string> {
    const { command, args, env, installHint } = this.config;
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, {
        env: { ...process.env, ...Object.fromEntries(env.map((entry) => [entry.name, entry.value])), KUBERNETES_EXEC_INFO: this.execInfo() },
        // Never interactive: a provider has no terminal for the plugin to prompt on.
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, EXEC_TIMEOUT_MS);
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.once('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(
          new Error(
            err.code === 'ENOENT'
              ? `exec plugin command "${command}" was not found${installHint ? `. ${installHint.trim()}` : ''}`
              : `exec plugin "${command}" could not be run: ${err.message}`,
          ),
        );
      });
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        if (code === 0) return resolve(stdout);
        const how = timedOut ? `did not finish within ${EXEC_TIMEOUT_MS} ms` : signal ? `was killed by ${signal}` : `exited with code ${code}`;
        const tail = stderr.trim().slice(-MAX_STDERR);
        reject(new Error(`exec plugin "${command}" ${how}${tail ? `: ${tail}` : ''}`));
      });
    });
  }

  // What the plugin learns about the request (KUBERNETES_EXEC_INFO): never interactive, and the
  // cluster only when the kubeconfig asks for it with provideClusterInfo.
  private execInfo(): string {
    const { cluster } = this;
    const spec: Record<string, unknown> = { interactive: false };
    if (this.config.provideClusterInfo) {
      spec.cluster = {
        server: cluster.server,
        'certificate-authority-data': cluster.caPem ? Buffer.from(cluster.caPem).toString('base64') : undefined,
        'insecure-skip-tls-verify': cluster.insecure || undefined,
        'tls-server-name': cluster.tlsServerName,
        config: cluster.execExtension,
      };
    }
    return JSON.stringify({ apiVersion: this.config.apiVersion, kind: 'ExecCredential', spec });
  }
}

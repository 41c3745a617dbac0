// A kubeconfig user's tokenFile as client-go uses it (transport.NewCachedFileTokenSource): read again
// once a minute, because projected service account tokens rotate under a running client; trimmed;
// an empty or unreadable file keeps the last token (or the inline one), and fails only when there is none.
import { readFileSync } from 'node:fs';

const REREAD_MS = 60_000;

export class TokenFile {
  private token?: string;
  private readAt = -Infinity;

  constructor(
    private readonly path: string,
    /** The user's inline token: client-go sends it when the file cannot be read. */
    private readonly fallback: string | undefined,
    /** How messages name the user, e.g. `user "ci" in /home/me/.kube/config`. */
    private readonly owner: string,
  ) {}

  current(now = Date.now()): string {
    if (now - this.readAt < REREAD_MS && this.token) return this.token;
    let problem: string;
    try {
      const text = readFileSync(this.path, 'utf8').trim();
      if (text) {
        this.token = text;
        this.readAt = now;
        return text;
      }
      problem = 'is empty';
    } catch (err) {
      problem = `cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
    }
    const previous = this.token ?? this.fallback;
    if (previous) return previous;
    throw new Error(`the tokenFile "${this.path}" of ${this.owner} ${problem}`);
  }
}

// When the transport sends a request again, and after how long. client-go's rules (rest/with_retry.go):
// a 429 or 5xx answer with Retry-After is retried after that many seconds, a reset connection only
// for a request that is safe to repeat. Beyond client-go: a 429 without Retry-After is retried with
// exponential backoff too (it always means "not run, come back"), and so is a refused connection,
// briefly. A 5xx without Retry-After is an answer, not a hiccup: an aggregated API that is down
// answers 503 to every discovery, and waiting on it would slow every plan.

/** Attempts per request, the first included (client-go makes up to 11, but only where Retry-After says so). */
export const MAX_ATTEMPTS = 6;
/**
 * Attempts when the connection is refused: an API server that is restarting comes back within a
 * few seconds, but one that is not there must be reported at once (a plan against a wrong host).
 */
export const REFUSED_ATTEMPTS = 3;
/** A server's Retry-After is honoured up to this (client-go has no cap; a minute-long wait would look like a hang). */
export const MAX_RETRY_AFTER_MS = 10_000;
// 0.1, 0.2, 0.4, 0.8, 1.6 s at most between the six attempts: a server that keeps dropping the
// connection is reported within about three seconds.
const BACKOFF_BASE_MS = 100;
const BACKOFF_MAX_MS = 1_600;

/** Connection failures after which the request may or may not have reached the server. */
const DROPPED = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

export interface RequestShape {
  method: string;
  contentType?: string;
  /** The caller knows the request is safe to repeat: a DELETE with a precondition, a PUT with a resourceVersion. */
  idempotent?: boolean;
}

/**
 * Whether sending the request twice has the effect of sending it once: reads, server-side apply
 * (the same patch by the same manager gives the same object), and what the caller vouches for (a
 * DELETE with a UID precondition cannot delete a re-created object; a PUT with a resourceVersion
 * fails with 409 Conflict the second time rather than writing twice).
 */
export function isRepeatable({ method, contentType, idempotent }: RequestShape): boolean {
  if (method === 'GET' || method === 'HEAD') return true;
  if (method === 'PATCH' && contentType === 'application/apply-patch+yaml') return true;
  return idempotent === true;
}

export type Outcome = { status: number; retryAfter?: string | string[] } | { errorCode: string };

/** How long to wait before the next attempt, or undefined when the outcome is final. */
export function retryDelay(outcome: Outcome, attempt: number, repeatable: boolean, random: () => number = Math.random): number | undefined {
  if (attempt >= MAX_ATTEMPTS) return undefined;
  const backoff = () => {
    const ceiling = Math.min(BACKOFF_BASE_MS * 2 ** (attempt - 1), BACKOFF_MAX_MS);
    // Half fixed, half random: clients that failed together do not all come back together.
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
  };
  if ('errorCode' in outcome) {
    // Refused: nothing was sent, so even a create may go again; a dropped connection only for a repeatable request.
    if (outcome.errorCode === 'ECONNREFUSED') return attempt < REFUSED_ATTEMPTS ? backoff() : undefined;
    return repeatable && DROPPED.has(outcome.errorCode) ? backoff() : undefined;
  }
  const { status } = outcome;
  const seconds = retryAfterSeconds(outcome.retryAfter);
  // 429 means the request was turned away before it ran (priority and fairness, max-in-flight), so
  // any request may go again; a 5xx may come after a write happened, so only a repeatable one.
  const retryable = status === 429 || (repeatable && status >= 500);
  if (!retryable) return undefined;
  if (seconds !== undefined) return Math.min(seconds * 1000, MAX_RETRY_AFTER_MS);
  return status === 429 ? backoff() : undefined;
}

// client-go reads Retry-After as whole seconds (strconv.Atoi); an HTTP date or anything else counts as absent.
function retryAfterSeconds(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}

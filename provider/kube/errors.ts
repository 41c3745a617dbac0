// The client's errors. Their messages reach Terraform diagnostics and logs, so they name what
// failed and what to check, and never carry a credential (token, key, password).
import { STATUS_CODES } from 'node:http';
import type { ObjectRef } from './types';

/** A connection attribute (or the kubeconfig it points to) is wrong; `attribute` names it. */
export class ConnectionConfigError extends Error {
  override name = 'ConnectionConfigError';

  constructor(
    readonly attribute: string,
    message: string,
  ) {
    super(message);
  }
}

/** The API server could not be reached or trusted: refused, unresolvable, TLS failure, timeout, no credentials. */
export class KubeConnectionError extends Error {
  override name = 'KubeConnectionError';

  constructor(
    readonly host: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The API server answered with an error status. */
export class KubeApiError extends Error {
  override name = 'KubeApiError';

  constructor(
    /** What was attempted, e.g. "apply Deployment default/web". */
    readonly action: string,
    readonly status: number,
    /** The Status reason (NotFound, Conflict, Invalid, …). */
    readonly reason: string,
    /** The API server's own message. */
    readonly apiMessage: string,
    readonly ref?: ObjectRef,
    /** The Status details' causes: which field was refused and why (validation, immutable fields). */
    readonly causes: StatusCause[] = [],
  ) {
    super(`${action}: ${apiMessage} (HTTP ${status} ${reason})`);
  }
}

/** One cause of a refusal, as metav1.StatusCause gives it. */
export interface StatusCause { reason?: string; message?: string; field?: string }

// The reasons the API server itself uses for these statuses (metav1.StatusReason), for bodies that
// are not a Status (proxies, load balancers, aggregated API servers that answer in plain text).
const reasons: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Expired',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

const MAX_TEXT_MESSAGE = 300;

/** Shapes an error response into a KubeApiError, from its Status body when it has one. */
export function apiError(action: string, status: number, body: string, ref?: ObjectRef): KubeApiError {
  let reason = reasons[status] ?? STATUS_CODES[status]?.replace(/\s+/g, '') ?? 'Unknown';
  let message = body.trim().slice(0, MAX_TEXT_MESSAGE) || STATUS_CODES[status] || `HTTP ${status}`;
  let causes: StatusCause[] = [];
  try {
    const parsed = JSON.parse(body) as { kind?: unknown; message?: unknown; reason?: unknown; details?: { causes?: unknown } };
    if (parsed.kind === 'Status') {
      if (typeof parsed.message === 'string' && parsed.message) message = parsed.message;
      if (typeof parsed.reason === 'string' && parsed.reason) reason = parsed.reason;
      if (Array.isArray(parsed.details?.causes)) causes = parsed.details.causes.filter((c): c is StatusCause => typeof c === 'object' && c !== null);
    }
  } catch {
    // Not JSON: the text itself is the best message there is.
  }
  return new KubeApiError(action, status, reason, message, ref, causes);
}

/** "Deployment default/web" or, cluster-scoped, "Namespace web": how messages name an object. */
export function describeRef(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

/** The JSON body of a successful response; anything else means that host is not a Kubernetes API server. */
export function jsonBody<T>(action: string, status: number, body: string): T {
  try {
    return JSON.parse(body) as T;
  } catch {
    throw new KubeApiError(action, status, 'InvalidResponse', 'the answer is not JSON; is host a Kubernetes API server?');
  }
}

// The HTTP(S) requests pack registries need, with node:https: a CA of the registry's own
// (pack_registry.ca_certificate) on top of Node's trusted roots, redirects that keep credentials on
// their origin and never leave https, and a time limit. A request that gets no answer is an UnreachableError.
import { request as httpRequestRaw, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequestRaw } from 'node:https';
import { rootCertificates } from 'node:tls';

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface HttpOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer;
  /** PEM: trusted in addition to Node's roots (and NODE_EXTRA_CA_CERTS when unset). */
  ca?: string;
  signal?: AbortSignal;
}

/** No answer from the server: refused, timed out, DNS, TLS. */
export class UnreachableError extends Error {}

const TIMEOUT_MS = 30_000;
const MAX_REDIRECTS = 5;
/** Archives and indexes are small; a larger answer is refused rather than held in memory. */
const MAX_BODY = 256 * 1024 * 1024;

export async function httpRequest(url: string, options: HttpOptions = {}): Promise<HttpResponse> {
  let current = new URL(url);
  let headers = { ...options.headers };
  for (let hop = 0; ; hop++) {
    const response = await once(current, { ...options, headers });
    const location = response.headers.location;
    if (![301, 302, 303, 307, 308].includes(response.status) || !location || hop >= MAX_REDIRECTS) return response;
    const next = new URL(location, current);
    if (current.protocol === 'https:' && next.protocol !== 'https:') {
      throw new Error(`${current.origin}${current.pathname} redirected to ${next.protocol}//${next.host}, which is not https: the redirect is not followed. Serve the registry over https only`);
    }
    // Credentials go only to the origin they are for (blob storage redirects elsewhere).
    if (next.origin !== current.origin) {
      const { authorization: _, Authorization: __, ...rest } = headers;
      headers = rest;
    }
    current = next;
  }
}

function once(url: URL, options: HttpOptions): Promise<HttpResponse> {
  const secure = url.protocol === 'https:';
  const send = secure ? httpsRequestRaw : httpRequestRaw;
  return new Promise((resolve, reject) => {
    const req = send(url, {
      method: options.method ?? 'GET',
      headers: { ...options.headers, ...(options.body ? { 'content-length': String(options.body.length) } : {}) },
      ...(secure && options.ca ? { ca: [...rootCertificates, options.ca] } : {}),
      timeout: TIMEOUT_MS,
      ...(options.signal ? { signal: options.signal } : {}),
    }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY) {
          res.destroy();
          reject(new Error(`the answer of ${url.origin}${url.pathname} is larger than ${MAX_BODY} bytes`));
        } else chunks.push(chunk);
      });
      res.once('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.once('error', (err) => reject(new UnreachableError(`${url.origin}: ${err.message}`)));
    });
    req.once('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000}s`)));
    req.once('error', (err) => reject(options.signal?.aborted ? err : new UnreachableError(`${url.origin}: ${err.message}`)));
    req.end(options.body);
  });
}

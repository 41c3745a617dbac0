// One HTTP(S) request at a time to the API server, over a shared keep-alive agent: credentials on
// every request, a per-request timeout, a bounded retry of GETs on throttling and resets, and
// network or TLS failures turned into a KubeConnectionError that says what to check.
import * as http from 'node:http';
import * as https from 'node:https';
import type { Credentials, ResolvedConnection } from './connection';
import { KubeConnectionError } from './errors';

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RequestOptions {
  body?: string;
  contentType?: string;
  accept?: string;
}

export interface TransportOptions {
  timeoutMs: number;
  userAgent: string;
}

const MAX_SOCKETS = 16;
// Idle keep-alive connections are closed before load balancers drop them (60 s on AWS): a write on
// a connection dropped under it fails with a reset and, unlike a GET, is not retried.
const IDLE_SOCKET_MS = 30_000;
// GETs only: a write that failed half-way may have happened, so it is never sent twice.
const GET_ATTEMPTS = 3;
const RETRY_BASE_MS = 200;
const MAX_RETRY_AFTER_MS = 5_000;

const TLS_TRUST_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
]);

class RequestTimeout extends Error {
  readonly code = 'TIMEOUT';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Transport {
  writeRequests = 0;
  private agent?: { agent: http.Agent; certPem?: string; keyPem?: string };

  constructor(
    private readonly connection: ResolvedConnection,
    private readonly options: TransportOptions,
  ) {}

  /** Sends one request; resolves with any HTTP status, rejects only when no response came. */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<HttpResponse> {
    const attempts = method === 'GET' ? GET_ATTEMPTS : 1;
    for (let attempt = 1; ; attempt++) {
      const last = attempt === attempts;
      let response: HttpResponse;
      try {
        response = await this.send(method, path, options);
      } catch (err) {
        if (err instanceof KubeConnectionError) throw err;
        if (!last && (err as NodeJS.ErrnoException).code === 'ECONNRESET') {
          await sleep(RETRY_BASE_MS * 2 ** (attempt - 1));
          continue;
        }
        throw this.connectionError(method, path, err as NodeJS.ErrnoException);
      }
      if (last || (response.status !== 429 && response.status !== 503)) return response;
      const retryAfter = Number(response.headers['retry-after']);
      await sleep(retryAfter > 0 ? Math.min(retryAfter * 1000, MAX_RETRY_AFTER_MS) : RETRY_BASE_MS * 2 ** (attempt - 1));
    }
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.agent?.agent.destroy();
    this.agent = undefined;
  }

  private async send(method: string, path: string, options: RequestOptions): Promise<HttpResponse> {
    const credentials = await this.connection.credentials();
    const headers: http.OutgoingHttpHeaders = {
      accept: options.accept ?? 'application/json',
      'user-agent': this.options.userAgent,
    };
    if (credentials.authorization) headers.authorization = credentials.authorization;
    if (options.body !== undefined) {
      headers['content-type'] = options.contentType ?? 'application/json';
      headers['content-length'] = Buffer.byteLength(options.body);
    }
    const url = new URL(this.connection.host + path);
    const agent = this.agentFor(credentials);
    if (method !== 'GET') this.writeRequests++;
    return new Promise((resolve, reject) => {
      const request = (url.protocol === 'https:' ? https.request : http.request)(url, { method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
        });
      });
      let timedOut: RequestTimeout | undefined;
      const timer = setTimeout(() => {
        timedOut = new RequestTimeout(`no answer within ${this.options.timeoutMs} ms`);
        request.destroy(timedOut);
      }, this.options.timeoutMs);
      // After the timeout, whatever error the destroyed request reports is the timeout.
      function fail(err: Error): void {
        clearTimeout(timer);
        reject(timedOut ?? err);
      }
      request.on('error', fail);
      request.end(options.body);
    });
  }

  // One agent per client identity: an exec plugin may hand out a new client certificate, and a TLS
  // connection keeps the one it was opened with. A replaced agent's idle sockets close on their own
  // after IDLE_SOCKET_MS.
  private agentFor(credentials: Credentials): http.Agent {
    const current = this.agent;
    if (current && current.certPem === credentials.certPem && current.keyPem === credentials.keyPem) return current.agent;
    const { tls } = this.connection;
    const agent = this.connection.host.startsWith('https:')
      ? new https.Agent({
          keepAlive: true,
          maxSockets: MAX_SOCKETS,
          timeout: IDLE_SOCKET_MS,
          ca: tls.caPem,
          cert: credentials.certPem,
          key: credentials.keyPem,
          rejectUnauthorized: !tls.insecure,
          servername: tls.serverName,
        })
      : new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS, timeout: IDLE_SOCKET_MS });
    this.agent = { agent, certPem: credentials.certPem, keyPem: credentials.keyPem };
    return agent;
  }

  private connectionError(method: string, path: string, err: NodeJS.ErrnoException): KubeConnectionError {
    const host = this.connection.host;
    const code = err.code ?? '';
    const serverCheck = "that host (or the kubeconfig's server) is right and that the API server is running and reachable from here";
    let cause: string;
    let check = serverCheck;
    if (code === 'TIMEOUT') {
      cause = err.message;
    } else if (TLS_TRUST_CODES.has(code)) {
      cause = `its TLS certificate is not trusted: ${err.message}`;
      check = "that cluster_ca_certificate (or the kubeconfig's certificate-authority) is the CA that signed the API server's certificate";
    } else if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
      cause = `its TLS certificate is not valid for this address: ${err.message}`;
      check = "that host is the name the certificate was issued for, or set tls-server-name in the kubeconfig's cluster";
    } else if (code.startsWith('ERR_OSSL') || /key values mismatch|PEM|private key/i.test(err.message)) {
      cause = `the client certificate or key cannot be used: ${err.message}`;
      check = "that client_certificate and client_key (or the kubeconfig user's) are a matching PEM certificate and private key";
    } else if (code === 'EPROTO' || code.startsWith('ERR_SSL')) {
      cause = `the TLS handshake failed: ${err.message}`;
      check = 'that host has the right scheme and port (the API server speaks https) and that the client certificate, if any, is accepted';
    } else {
      const known: Record<string, string> = {
        ECONNREFUSED: 'connection refused',
        ECONNRESET: 'the connection was reset',
        ENOTFOUND: 'the host name does not resolve',
        EAI_AGAIN: 'the host name could not be resolved (DNS lookup failed)',
        EHOSTUNREACH: 'no route to the host',
        ENETUNREACH: 'the network is unreachable',
        ETIMEDOUT: 'the connection timed out',
      };
      cause = known[code] ? `${known[code]} (${code})` : err.message;
    }
    return new KubeConnectionError(host, `cannot reach the Kubernetes API server at ${host} (${method} ${path}): ${cause}; check ${check}`, { cause: err });
  }
}

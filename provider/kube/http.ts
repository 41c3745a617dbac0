// Requests to the API server over a shared keep-alive agent (direct, or through an HTTP proxy):
// credentials on every request, a per-request timeout that starts when the request gets its
// connection, retries by the rules of retry.ts, and network or TLS failures turned into a
// KubeConnectionError that says what to check.
import * as http from 'node:http';
import * as https from 'node:https';
import type { Credentials, ResolvedConnection } from './connection';
import { KubeConnectionError } from './errors';
import { isRepeatable, retryDelay, type Outcome } from './retry';
import { ProxyError, TunnelAgent } from './tunnel';

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RequestOptions {
  body?: string;
  contentType?: string;
  accept?: string;
  /** Safe to send twice although the method alone does not say so (see retry.ts isRepeatable). */
  idempotent?: boolean;
}

export interface TransportOptions {
  timeoutMs: number;
  userAgent: string;
}

const MAX_SOCKETS = 16;
// Idle keep-alive connections are closed before load balancers drop them (60 s on AWS): a write on
// a connection dropped under it fails with a reset and, unless it is safe to repeat, is not retried.
const IDLE_SOCKET_MS = 30_000;

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

  /** Sends a request, again while retry.ts says so; resolves with any HTTP status, rejects only when no response came. */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<HttpResponse> {
    const repeatable = isRepeatable({ method, contentType: options.contentType, idempotent: options.idempotent });
    for (let attempt = 1; ; attempt++) {
      let response: HttpResponse;
      try {
        response = await this.send(method, path, options);
      } catch (err) {
        if (err instanceof KubeConnectionError) throw err;
        const code = (err as NodeJS.ErrnoException).code ?? '';
        const delay = retryDelay({ errorCode: code }, attempt, repeatable);
        if (delay === undefined) throw this.connectionError(method, path, err as NodeJS.ErrnoException, attempt);
        await sleep(delay);
        continue;
      }
      const outcome: Outcome = { status: response.status, retryAfter: response.headers['retry-after'] };
      const delay = retryDelay(outcome, attempt, repeatable);
      if (delay === undefined) return response;
      await sleep(delay);
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
    const { proxy } = this.connection;
    let target: http.RequestOptions = { method, headers, agent };
    if (url.protocol === 'http:' && proxy) {
      // Plain http through a proxy: the request itself goes to the proxy, with the absolute URL as its target.
      target = { ...target, host: proxy.url.hostname, port: Number(proxy.url.port) || 80, path: url.href };
      headers.host = url.host;
      if (proxy.authorization) headers['proxy-authorization'] = proxy.authorization;
    }
    if (method !== 'GET') this.writeRequests++;
    return new Promise((resolve, reject) => {
      const send = url.protocol === 'https:' ? https.request : http.request;
      const request = (target.path ? send(target) : send(url, target)).on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
        });
      });
      // The clock starts when the request has a connection (new or reused), not while it waits in
      // the agent's queue behind MAX_SOCKETS others: a busy client is not a slow server.
      let timer: NodeJS.Timeout | undefined;
      let timedOut: RequestTimeout | undefined;
      request.once('socket', () => {
        timer = setTimeout(() => {
          timedOut = new RequestTimeout(`no answer within ${this.options.timeoutMs} ms`);
          request.destroy(timedOut);
        }, this.options.timeoutMs);
      });
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
    const { tls, proxy } = this.connection;
    const pool = { keepAlive: true, maxSockets: MAX_SOCKETS, timeout: IDLE_SOCKET_MS };
    let agent: http.Agent;
    if (!this.connection.host.startsWith('https:')) {
      agent = new http.Agent(pool);
    } else {
      const tlsOptions: https.AgentOptions = {
        ...pool,
        ca: tls.caPem,
        cert: credentials.certPem,
        key: credentials.keyPem,
        rejectUnauthorized: !tls.insecure,
        servername: tls.serverName,
      };
      agent = proxy ? new TunnelAgent(proxy, this.options.timeoutMs, tlsOptions) : new https.Agent(tlsOptions);
    }
    this.agent = { agent, certPem: credentials.certPem, keyPem: credentials.keyPem };
    return agent;
  }

  private connectionError(method: string, path: string, err: NodeJS.ErrnoException, attempts: number): KubeConnectionError {
    const { host, proxy } = this.connection;
    const code = err.code ?? '';
    const serverCheck = "that host (or the kubeconfig's server) is right and that the API server is running and reachable from here";
    let cause: string;
    let check = serverCheck;
    if (err instanceof ProxyError) {
      cause = err.message;
      const question = code === 'EPROXY' ? 'does it let this host through?' : 'is it running and reachable from here?';
      check = `${err.proxy.source} (is that the proxy to use, and ${question}), or NO_PROXY`;
    } else if (code === 'TIMEOUT') {
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
    const via = proxy ? ` through the proxy ${proxy.label}` : '';
    const tries = attempts > 1 ? `, ${attempts} attempts` : '';
    return new KubeConnectionError(host, `cannot reach the Kubernetes API server at ${host}${via} (${method} ${path}${tries}): ${cause}; check ${check}`, { cause: err });
  }
}

// A reverse proxy on 127.0.0.1 in front of a real API server, flaky on purpose: by a seeded
// counter it answers a share of requests with 429 or 503 (Retry-After 0 or 1) and drops
// connections, before forwarding or after (the request ran, its answer is lost). Faults that only a
// request safe to repeat can survive (503, drops) hit only GETs and server-side applies, as a
// client that follows client-go's rules retries exactly those; 429 hits everything. One request
// (method and URL) is faulted at most MAX_FAULTS_IN_A_ROW times in a row, so a client with enough
// attempts always gets through: the test checks that it does, not luck.
import { createServer, request as httpsRequest, Agent, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPki } from './certs';

const MAX_FAULTS_IN_A_ROW = 3;

export type Fault = 'throttle' | 'unavailable' | 'dropBefore' | 'dropAfter';

export interface FlakyProxyOptions {
  /** The API server, https://127.0.0.1:PORT. */
  upstream: string;
  upstreamCaPem: string;
  seed: number;
  /** Share of requests (0..1) that get each fault, where the fault applies. */
  shares: Record<Fault, number>;
}

export interface FlakyProxy {
  /** https://127.0.0.1:PORT, serving a certificate of `caCertPem`. */
  url: string;
  caCertPem: string;
  /** Requests received, and faults injected by kind. */
  stats: { requests: number } & Record<Fault, number>;
  stop(): Promise<void>;
}

// mulberry32: a small seeded generator, so a run's faults are the same every time.
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const repeatable = (req: IncomingMessage) => req.method === 'GET' || (req.method === 'PATCH' && req.headers['content-type'] === 'application/apply-patch+yaml');

export async function startFlakyProxy(options: FlakyProxyOptions): Promise<FlakyProxy> {
  const pki = await createPki();
  const random = seeded(options.seed);
  const upstream = new URL(options.upstream);
  const agent = new Agent({ keepAlive: true, ca: options.upstreamCaPem });
  const inARow = new Map<string, number>();
  const stats: FlakyProxy['stats'] = { requests: 0, throttle: 0, unavailable: 0, dropBefore: 0, dropAfter: 0 };

  const pick = (req: IncomingMessage): Fault | undefined => {
    const key = `${req.method} ${req.url}`;
    const roll = random();
    const { shares } = options;
    let fault: Fault | undefined;
    let edge = shares.throttle;
    if (roll < edge) fault = 'throttle';
    else if (repeatable(req)) {
      for (const kind of ['unavailable', 'dropBefore', 'dropAfter'] as const) {
        edge += shares[kind];
        if (roll < edge) {
          fault = kind;
          break;
        }
      }
    }
    const streak = fault ? (inARow.get(key) ?? 0) + 1 : 0;
    if (!fault || streak > MAX_FAULTS_IN_A_ROW) {
      inARow.delete(key);
      return undefined;
    }
    inARow.set(key, streak);
    return fault;
  };

  const forward = (req: IncomingMessage, body: Buffer, done: (status: number, headers: IncomingMessage['headers'], answer: Buffer) => void, failed: () => void) => {
    const out = httpsRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host }, agent },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => done(answer.statusCode ?? 502, answer.headers, Buffer.concat(chunks)));
        answer.on('error', failed);
      },
    );
    out.on('error', failed);
    out.end(body);
  };

  const server: Server = createServer({ cert: pki.servingCertPem, key: pki.servingKeyPem }, (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      stats.requests++;
      const fault = pick(req);
      if (fault) stats[fault]++;
      const status = (code: number, retryAfter: string) => {
        res.writeHead(code, { 'content-type': 'application/json', 'retry-after': retryAfter });
        res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, message: `flaky proxy: ${fault}` }));
      };
      if (fault === 'throttle') return status(429, random() < 0.25 ? '1' : '0');
      if (fault === 'unavailable') return status(503, '0');
      if (fault === 'dropBefore') return void res.socket?.destroy();
      forward(
        req,
        Buffer.concat(chunks),
        (code, headers, answer) => {
          if (fault === 'dropAfter') return void res.socket?.destroy();
          const { connection: _c, 'keep-alive': _k, 'transfer-encoding': _t, ...passed } = headers;
          res.writeHead(code, { ...passed, 'content-length': answer.length });
          res.end(answer);
        },
        () => res.socket?.destroy(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    caCertPem: pki.caCertPem,
    stats,
    stop: () => {
      agent.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

// The retry policy (retry.ts) as a table, and the transport following it against a server on
// 127.0.0.1 that answers 429 and 503 with Retry-After, fails with 5xx, and drops connections.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveConnection } from '../../provider/kube/connection';
import { KubeConnectionError } from '../../provider/kube';
import { Transport } from '../../provider/kube/http';
import { isRepeatable, MAX_ATTEMPTS, MAX_RETRY_AFTER_MS, REFUSED_ATTEMPTS, retryDelay } from '../../provider/kube/retry';

describe('retry policy', () => {
  const half = () => 0.5;

  it('knows which requests are safe to repeat', () => {
    expect(isRepeatable({ method: 'GET' })).toBe(true);
    expect(isRepeatable({ method: 'PATCH', contentType: 'application/apply-patch+yaml' })).toBe(true);
    expect(isRepeatable({ method: 'PATCH', contentType: 'application/merge-patch+json' })).toBe(false);
    expect(isRepeatable({ method: 'POST' })).toBe(false);
    expect(isRepeatable({ method: 'DELETE' })).toBe(false);
    expect(isRepeatable({ method: 'DELETE', idempotent: true })).toBe(true);
    expect(isRepeatable({ method: 'PUT', idempotent: true })).toBe(true);
  });

  it('honours Retry-After (whole seconds, capped) on 429 for every request and on 5xx for repeatable ones', () => {
    expect(retryDelay({ status: 429, retryAfter: '1' }, 1, false)).toBe(1000);
    expect(retryDelay({ status: 429, retryAfter: '0' }, 1, true)).toBe(0);
    expect(retryDelay({ status: 429, retryAfter: '3600' }, 1, true)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryDelay({ status: 503, retryAfter: '2' }, 1, true)).toBe(2000);
    expect(retryDelay({ status: 500, retryAfter: '1' }, 1, true)).toBe(1000);
    expect(retryDelay({ status: 503, retryAfter: '2' }, 1, false)).toBeUndefined();
    expect(retryDelay({ status: 409, retryAfter: '1' }, 1, true)).toBeUndefined();
    // An HTTP date is not whole seconds: as in client-go, it counts as absent.
    expect(retryDelay({ status: 503, retryAfter: 'Wed, 21 Oct 2015 07:28:00 GMT' }, 1, true)).toBeUndefined();
  });

  it('backs off exponentially on a 429 without Retry-After; other statuses without it are final', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelay({ status: 429 }, attempt, true, half))).toEqual([75, 150, 300, 600, 1200]);
    expect(retryDelay({ status: 429 }, 1, false, () => 0)).toBe(50);
    expect(retryDelay({ status: 429 }, 1, false, () => 1)).toBe(100);
    for (const status of [500, 502, 503, 504, 200, 404]) expect(retryDelay({ status }, 1, true)).toBeUndefined();
  });

  it('retries dropped connections of repeatable requests, refused connections of any (briefly), nothing else', () => {
    for (const errorCode of ['ECONNRESET', 'EPIPE', 'ECONNABORTED']) {
      expect(retryDelay({ errorCode }, 1, true, half)).toBe(75);
      expect(retryDelay({ errorCode }, 1, false)).toBeUndefined();
    }
    expect(retryDelay({ errorCode: 'ECONNREFUSED' }, 1, false, half)).toBe(75);
    expect(retryDelay({ errorCode: 'ECONNREFUSED' }, REFUSED_ATTEMPTS, true)).toBeUndefined();
    for (const errorCode of ['TIMEOUT', 'ENOTFOUND', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'EPROXY']) expect(retryDelay({ errorCode }, 1, true)).toBeUndefined();
  });

  it('stops after MAX_ATTEMPTS', () => {
    expect(retryDelay({ status: 429, retryAfter: '0' }, MAX_ATTEMPTS - 1, true)).toBe(0);
    expect(retryDelay({ status: 429, retryAfter: '0' }, MAX_ATTEMPTS, true)).toBeUndefined();
  });
});

type Answer = (req: IncomingMessage, res: ServerResponse, call: number) => void;

describe('the transport against a flaky server', () => {
  let server: Server;
  let answer: Answer;
  let calls: { method: string; url: string }[];
  let transport: Transport;

  beforeEach(async () => {
    calls = [];
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        calls.push({ method: req.method!, url: req.url! });
        answer(req, res, calls.length);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    transport = new Transport(resolveConnection({ host, token: 't' }, {}), { timeoutMs: 2_000, userAgent: 'strata-test' });
  });
  afterEach(async () => {
    transport.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const ok = (res: ServerResponse) => res.end('{}');
  const reply = (res: ServerResponse, status: number, headers: Record<string, string> = {}) => {
    res.writeHead(status, headers);
    res.end('{}');
  };
  const drop = (res: ServerResponse) => res.socket!.destroy();
  const apply = { body: '{}', contentType: 'application/apply-patch+yaml' };

  it('waits as long as Retry-After says on a 429, then succeeds', async () => {
    answer = (_req, res, call) => (call === 1 ? reply(res, 429, { 'retry-after': '1' }) : ok(res));
    const started = Date.now();
    expect((await transport.request('GET', '/api')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(calls).toHaveLength(2);
  });

  it('gives up after MAX_ATTEMPTS and returns the last answer', async () => {
    answer = (_req, res) => reply(res, 503, { 'retry-after': '0' });
    expect((await transport.request('GET', '/api')).status).toBe(503);
    expect(calls).toHaveLength(MAX_ATTEMPTS);
  });

  it('sends a server-side apply again when its connection drops, and a create never', async () => {
    answer = (_req, res, call) => (call === 1 ? drop(res) : ok(res));
    expect((await transport.request('PATCH', '/x', apply)).status).toBe(200);
    expect(calls.map((c) => c.method)).toEqual(['PATCH', 'PATCH']);
    calls = [];
    answer = (_req, res) => drop(res);
    const err = await transport.request('POST', '/x', { body: '{}' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeConnectionError);
    expect((err as Error).message).toMatch(/\(POST \/x\): the connection was reset \(ECONNRESET\); check/);
    expect(calls).toHaveLength(1);
    expect(transport.writeRequests).toBe(3);
  });

  it('retries a create on 429 (turned away before it ran), not on 503', async () => {
    answer = (_req, res, call) => (call === 1 ? reply(res, 429, { 'retry-after': '0' }) : reply(res, 201));
    expect((await transport.request('POST', '/x', { body: '{}' })).status).toBe(201);
    calls = [];
    answer = (_req, res) => reply(res, 503, { 'retry-after': '0' });
    expect((await transport.request('POST', '/x', { body: '{}' })).status).toBe(503);
    expect(calls).toHaveLength(1);
  });

  it('retries what the caller vouches for: a DELETE with a precondition, a PUT with a resourceVersion', async () => {
    answer = (_req, res, call) => (call % 2 === 1 ? drop(res) : ok(res));
    expect((await transport.request('DELETE', '/x', { body: '{}', idempotent: true })).status).toBe(200);
    expect((await transport.request('PUT', '/x', { body: '{}', idempotent: true })).status).toBe(200);
    expect(calls.map((c) => c.method)).toEqual(['DELETE', 'DELETE', 'PUT', 'PUT']);
    await expect(transport.request('DELETE', '/x', { body: '{}' })).rejects.toThrow(KubeConnectionError);
    expect(calls).toHaveLength(5);
  });

  it('does not retry a 503 without Retry-After: that is an answer, not a hiccup', async () => {
    answer = (_req, res) => reply(res, 503);
    expect((await transport.request('GET', '/api')).status).toBe(503);
    expect(calls).toHaveLength(1);
  });

  it('starts the timeout when a request gets its connection, not while it waits for one', async () => {
    // 16 connections per host: the last four requests wait for the first answers (400 ms each).
    answer = (_req, res) => setTimeout(() => ok(res), 400);
    const slowServer = new Transport(resolveConnection({ host: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }, {}), { timeoutMs: 600, userAgent: 't' });
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => slowServer.request('GET', `/r${i}`)));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    // Queued behind the others, the last ones took longer than the timeout in all.
    expect(Date.now() - started).toBeGreaterThanOrEqual(780);
    slowServer.close();
  });
});

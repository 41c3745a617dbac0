// HTTPS through an HTTP proxy: an https.Agent whose connections are TLS sessions inside HTTP
// CONNECT tunnels. The agent pools them like any other, so keep-alive works through the proxy.
import type { ClientRequestArgs } from 'node:http';
import { Agent, type AgentOptions } from 'node:https';
import { connect as netConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import type { Proxy } from './proxy';

// A proxy's answer to CONNECT is a status line and a few headers; more means it is not a proxy.
const MAX_CONNECT_RESPONSE = 16 * 1024;

/** A failure of the proxy itself (or of reaching it); `code` is the socket's code when there is one. */
export class ProxyError extends Error {
  override name = 'ProxyError';

  constructor(
    readonly proxy: Proxy,
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export class TunnelAgent extends Agent {
  constructor(
    private readonly proxy: Proxy,
    /** Connecting to the proxy and its answer to CONNECT, before the request's own timeout starts. */
    private readonly connectTimeoutMs: number,
    options: AgentOptions,
  ) {
    super(options);
  }

  /** Opens a tunnel and TLS inside it; the agent calls this for each new pooled connection. */
  override createConnection(options: ClientRequestArgs, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const done = callback!;
    const target = `${formatHost(options.host ?? 'localhost')}:${options.port ?? 443}`;
    const { proxy } = this;
    const socket = netConnect({ host: proxy.url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(proxy.url.port) || 80 });
    let settled = false;
    const settle = (err: Error | null, stream?: Duplex) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.removeListener('data', onData);
      if (err) {
        socket.destroy();
        done(err, socket);
      } else {
        done(null, stream!);
      }
    };
    const timer = setTimeout(
      () => settle(new ProxyError(proxy, `the proxy ${proxy.label} did not open a tunnel to ${target} within ${this.connectTimeoutMs} ms`, 'ETIMEDOUT')),
      this.connectTimeoutMs,
    );
    socket.once('error', (err: NodeJS.ErrnoException) =>
      settle(new ProxyError(proxy, `the proxy ${proxy.label} cannot be reached: ${err.message}`, err.code ?? 'EPROXY')),
    );
    socket.once('close', () => settle(new ProxyError(proxy, `the proxy ${proxy.label} closed the connection before answering CONNECT ${target}`, 'ECONNRESET')));
    socket.once('connect', () => {
      const headers = [`CONNECT ${target} HTTP/1.1`, `Host: ${target}`];
      if (proxy.authorization) headers.push(`Proxy-Authorization: ${proxy.authorization}`);
      socket.write(`${headers.join('\r\n')}\r\n\r\n`);
    });

    let received = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) {
        if (received.length > MAX_CONNECT_RESPONSE) settle(new ProxyError(proxy, `the proxy ${proxy.label} sent no valid answer to CONNECT`, 'EPROXY'));
        return;
      }
      const statusLine = received.subarray(0, end).toString('latin1').split('\r\n')[0]!;
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1];
      if (status !== '200') {
        const answer = status ? `${status}${statusLine.slice(statusLine.indexOf(status) + 3)}` : 'something that is not HTTP';
        settle(new ProxyError(proxy, `the proxy ${proxy.label} refused CONNECT ${target}: it answered ${answer.trim()}`, 'EPROXY'));
        return;
      }
      // In TLS the client speaks first: anything after the proxy's answer is not from the API server.
      if (received.length > end + 4) {
        settle(new ProxyError(proxy, `the proxy ${proxy.label} sent data after opening the tunnel to ${target}, before TLS began`, 'EPROXY'));
        return;
      }
      socket.removeAllListeners('close');
      socket.removeAllListeners('error');
      settle(null, tlsConnect({ ...(options as ConnectionOptions), socket }));
    };
    socket.on('data', onData);
    return undefined;
  }
}

function formatHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

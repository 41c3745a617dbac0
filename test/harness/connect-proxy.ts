// A small HTTP proxy on 127.0.0.1 for tests: HTTP CONNECT tunnels (counted, with their targets and
// Proxy-Authorization) and plain-http requests in absolute form, as corporate proxies serve them.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ConnectProxyOptions {
  /** Refuse every CONNECT with 403 after recording it: tells whether a client chose the proxy. */
  refuse?: boolean;
  /** Answer 407 unless Proxy-Authorization is exactly this. */
  requireAuthorization?: string;
  /** Where a target host:port really is (default: itself), e.g. a name only the proxy can resolve. */
  route?: (host: string, port: number) => { host: string; port: number };
}

export interface ConnectProxy {
  /** http://127.0.0.1:PORT */
  url: string;
  /** host:port of every CONNECT received, refused ones included. */
  connects: string[];
  /** Tunnels opened (CONNECT answered 200 and connected to the target). */
  tunnels: number;
  /** Proxy-Authorization of every CONNECT or plain request, in order. */
  authorizations: (string | undefined)[];
  /** Absolute URLs of the plain-http requests forwarded. */
  forwarded: string[];
  stop(): Promise<void>;
}

export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const route = options.route ?? ((host, port) => ({ host, port }));
  const sockets = new Set<Socket>();
  const authorized = (req: IncomingMessage) => {
    state.authorizations.push(req.headers['proxy-authorization']);
    return !options.requireAuthorization || req.headers['proxy-authorization'] === options.requireAuthorization;
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (!authorized(req)) return void res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' }).end();
    const target = new URL(req.url!);
    state.forwarded.push(target.href);
    const to = route(target.hostname, Number(target.port) || 80);
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const upstream = request({ host: to.host, port: to.port, method: req.method, path: target.pathname + target.search, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });

  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    state.connects.push(req.url!);
    if (!authorized(req)) return void client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n');
    if (options.refuse) return void client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    const [host, port] = splitTarget(req.url!);
    const to = route(host, port);
    const upstream = connect(to.port, to.host, () => {
      state.tunnels++;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const state: ConnectProxy = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connects: [],
    tunnels: 0,
    authorizations: [],
    forwarded: [],
    stop: () => {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return state;
}

function splitTarget(target: string): [string, number] {
  const colon = target.lastIndexOf(':');
  return [target.slice(0, colon).replace(/^\[(.*)\]$/, '$1'), Number(target.slice(colon + 1))];
}

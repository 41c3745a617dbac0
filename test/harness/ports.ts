// Free TCP ports on 127.0.0.1 for servers that take their port on the command line.
import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { randomInt } from 'node:crypto';

function listen(port: number): Promise<Server | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/**
 * Ports below the kernel's ephemeral range: outgoing connections (tofu's, kubectl's, the API
 * server's own) take their local ports from that range, so a port picked there can be taken between
 * the pick and the server's bind. Below it, only another picker can collide, and picks are random.
 */
function pickRange(): [number, number] {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (low && low > 12_000) return [10_000, low];
  } catch {
    // Not Linux: any unprivileged range will do; the bind below checks it.
  }
  return [20_000, 30_000];
}

/**
 * Returns `count` distinct ports that were free a moment ago. All listeners stay open until every
 * port is picked, so one call never returns the same port twice.
 */
export async function freePorts(count: number): Promise<number[]> {
  const [low, high] = pickRange();
  const servers: Server[] = [];
  const ports: number[] = [];
  try {
    while (ports.length < count) {
      const port = randomInt(low, high);
      if (ports.includes(port)) continue;
      const server = await listen(port);
      if (!server) continue;
      servers.push(server);
      ports.push(port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  }
}

export async function freePort(): Promise<number> {
  return (await freePorts(1))[0]!;
}

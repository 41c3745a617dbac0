// Where the plugin listens: a unix socket (go-plugin's default off Windows, in
// PLUGIN_UNIX_SOCKET_DIR when the client sets it), or 127.0.0.1 within PLUGIN_MIN_PORT..MAX_PORT.
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ListenAddress } from './handshake';

export interface ListenPlan {
  /** Addresses to try in order, as grpc-js bind targets with the address the handshake reports. */
  candidates: { target: string; listen: ListenAddress }[];
}

export function planListener(env: NodeJS.ProcessEnv, platform = process.platform): ListenPlan {
  const wantTcp = platform === 'win32' || env.STRATA_PLUGIN_NETWORK === 'tcp';
  if (!wantTcp) {
    const path = join(env.PLUGIN_UNIX_SOCKET_DIR || tmpdir(), `strata-plugin-${randomBytes(6).toString('hex')}.sock`);
    return { candidates: [{ target: `unix:${path}`, listen: { network: 'unix', address: path } }] };
  }
  const min = Number.parseInt(env.PLUGIN_MIN_PORT ?? '', 10);
  const max = Number.parseInt(env.PLUGIN_MAX_PORT ?? '', 10);
  if (Number.isInteger(min) && Number.isInteger(max) && min > 0 && max >= min) {
    const ports = Array.from({ length: max - min + 1 }, (_, i) => min + i);
    return { candidates: ports.map((port) => ({ target: `127.0.0.1:${port}`, listen: { network: 'tcp', address: `127.0.0.1:${port}` } })) };
  }
  return { candidates: [{ target: '127.0.0.1:0', listen: { network: 'tcp', address: '127.0.0.1:0' } }] };
}

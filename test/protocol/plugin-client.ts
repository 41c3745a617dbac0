// An in-process go-plugin client for protocol tests: launches the provider bundle the way
// OpenTofu does (cookie, protocol list, AutoMTLS client certificate), reads the handshake line and
// connects over the advertised socket with mutual TLS.
import * as grpc from '@grpc/grpc-js';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { generateServerCertificate } from '../../provider/plugin/certificate';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../../provider/plugin/handshake';
import { loadRoot, serviceDefinition } from '../../provider/plugin/service-definition';
import tfplugin6 from '../../provider/protocol/gen/tfplugin6.json';
import goPlugin from '../../provider/protocol/gen/goplugin.json';
import health from '../../provider/protocol/gen/health.json';

export const BUNDLE = join(__dirname, '..', '..', 'bundle', 'strata-provider.js');

export interface Handshake { core: string; protocol: string; network: string; address: string; kind: string; cert: string }

export interface PluginConnection {
  child: ChildProcess;
  handshake: Handshake;
  stderr: () => string;
  provider: any;
  health: any;
  controller: any;
  stdio: any;
  call(client: any, method: string, request: object): Promise<any>;
  close(): Promise<number | null>;
}

export function derToPem(base64: string): string {
  const lines = Buffer.from(base64, 'base64').toString('base64').match(/.{1,64}/g)!;
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

export async function launch(env: NodeJS.ProcessEnv = {}): Promise<PluginConnection> {
  const client = await generateServerCertificate();
  const child = spawn(process.execPath, [BUNDLE], {
    env: { ...process.env, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '5,6', PLUGIN_CLIENT_CERT: client.certPem, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => { stderr += chunk; });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.split('\n')[0]);
    });
    child.once('exit', (code) => reject(new Error(`provider exited ${code} before the handshake: ${stderr}`)));
  });
  const [core, protocol, network, address, kind, cert] = line.split('|');
  const credentials = grpc.credentials.createSsl(Buffer.from(derToPem(cert)), Buffer.from(client.keyPem), Buffer.from(client.certPem));
  const target = network === 'unix' ? `unix:${address}` : address;
  const options = { 'grpc.ssl_target_name_override': 'localhost', 'grpc.default_authority': 'localhost' };
  const make = (descriptor: object, service: string) => {
    const Client = grpc.makeGenericClientConstructor(serviceDefinition(loadRoot(descriptor), service), service);
    return new Client(target, credentials, options);
  };
  const connection: PluginConnection = {
    child,
    handshake: { core, protocol, network, address, kind, cert },
    stderr: () => stderr,
    provider: make(tfplugin6, 'tfplugin6.Provider'),
    health: make(health, 'grpc.health.v1.Health'),
    controller: make(goPlugin, 'plugin.GRPCController'),
    stdio: make(goPlugin, 'plugin.GRPCStdio'),
    call: (c, method, request) => new Promise((resolve, reject) => c[method](request, (error: Error | null, response: any) => (error ? reject(error) : resolve(response)))),
    close: async () => {
      if (child.exitCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      return exited;
    },
  };
  return connection;
}

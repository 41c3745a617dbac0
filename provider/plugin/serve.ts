// Serving a plugin the way go-plugin clients (Terraform, OpenTofu) launch one: check the cookie,
// negotiate the protocol, set up AutoMTLS, listen, print the handshake line, run until Shutdown.
import * as grpc from '@grpc/grpc-js';
import { unlinkSync } from 'node:fs';
import { log } from '../util/log';
import { generateServerCertificate } from './certificate';
import { brokerService, controllerService, healthService, stdioService } from './go-plugin-services';
import { handshakeLine, launchedByClient, negotiateProtocolVersion, NOT_LAUNCHED_BY_CLIENT, ListenAddress, SUPPORTED_PROTOCOL_VERSIONS } from './handshake';
import { planListener } from './listener';
import { loadRoot, serviceDefinition } from './service-definition';
import goPluginDescriptor from '../protocol/gen/goplugin.json';
import healthDescriptor from '../protocol/gen/health.json';

export interface PluginService {
  definition: grpc.ServiceDefinition;
  implementation: grpc.UntypedServiceImplementation;
}

export interface ServeOptions {
  /** The plugin's own services (tfplugin6.Provider). */
  services: PluginService[];
  /** Provider address for TF_REATTACH_PROVIDERS in debug mode. */
  providerAddress: string;
  debug?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Called once before the process exits, to stop work in flight. */
  onStop?: () => Promise<void> | void;
}

const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

async function bind(server: grpc.Server, candidates: { target: string; listen: ListenAddress }[], credentials: grpc.ServerCredentials): Promise<ListenAddress> {
  let lastError: Error | undefined;
  for (const candidate of candidates) {
    try {
      const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync(candidate.target, credentials, (error, boundPort) => (error ? reject(error) : resolve(boundPort))));
      if (candidate.listen.network === 'tcp') return { network: 'tcp', address: `127.0.0.1:${port}` };
      return candidate.listen;
    } catch (error) {
      lastError = error as Error;
    }
  }
  throw new Error(`could not listen on any of ${candidates.length} address(es): ${lastError?.message}`);
}

/** Runs the plugin server; resolves when it has stopped. Exits the process on fatal start errors. */
export async function servePlugin(options: ServeOptions): Promise<void> {
  const env = options.env ?? process.env;
  if (!options.debug && !launchedByClient(env)) {
    process.stderr.write(NOT_LAUNCHED_BY_CLIENT);
    process.exitCode = 1;
    return;
  }
  const protocolVersion = options.debug ? SUPPORTED_PROTOCOL_VERSIONS[0] : negotiateProtocolVersion(env);
  if (protocolVersion === undefined) {
    process.stderr.write(
      `Strata speaks plugin protocol ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')}, but the client offered ` +
      `${env.PLUGIN_PROTOCOL_VERSIONS}. Use Terraform >= 1.0 or OpenTofu >= 1.6.\n`);
    process.exitCode = 1;
    return;
  }

  const clientCert = options.debug ? undefined : env.PLUGIN_CLIENT_CERT;
  const certificate = clientCert ? await generateServerCertificate() : undefined;
  const credentials = certificate
    ? grpc.ServerCredentials.createSsl(Buffer.from(clientCert!), [{ private_key: Buffer.from(certificate.keyPem), cert_chain: Buffer.from(certificate.certPem) }], true)
    : grpc.ServerCredentials.createInsecure();

  const server = new grpc.Server({ 'grpc.max_receive_message_length': MAX_MESSAGE_BYTES, 'grpc.max_send_message_length': MAX_MESSAGE_BYTES });
  const openStreams = new Set<grpc.ServerWritableStream<unknown, unknown> | grpc.ServerDuplexStream<unknown, unknown>>();
  let listen: ListenAddress | undefined;
  let stopping: Promise<void> | undefined;
  let markStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => { markStopped = resolve; });

  const stop = (why: string): Promise<void> => {
    stopping ??= (async () => {
      log.debug('plugin stopping', { reason: why });
      await options.onStop?.();
      for (const stream of openStreams) stream.end();
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
      if (listen?.network === 'unix') {
        try { unlinkSync(listen.address); } catch { /* already gone */ }
      }
      markStopped();
    })();
    return stopping;
  };

  const goPlugin = loadRoot(goPluginDescriptor);
  server.addService(serviceDefinition(goPlugin, 'plugin.GRPCController'), controllerService(() => void stop('client asked to shut down')));
  server.addService(serviceDefinition(goPlugin, 'plugin.GRPCStdio'), stdioService(openStreams as Set<grpc.ServerWritableStream<unknown, unknown>>));
  server.addService(serviceDefinition(goPlugin, 'plugin.GRPCBroker'), brokerService(openStreams as Set<grpc.ServerDuplexStream<unknown, unknown>>));
  server.addService(serviceDefinition(loadRoot(healthDescriptor), 'grpc.health.v1.Health'), healthService());
  for (const service of options.services) server.addService(service.definition, service.implementation);

  listen = await bind(server, planListener(env).candidates, credentials);

  // Terraform interrupts the whole process group on Ctrl-C and then asks the provider to stop
  // through the protocol; a plugin that died on SIGINT would lose the state of an apply in flight.
  process.on('SIGINT', () => {
    if (options.debug) void stop('interrupted').then(() => process.exit(0));
    else log.debug('interrupt received; waiting for the client to stop the provider');
  });
  process.on('SIGTERM', () => void stop('terminated').then(() => process.exit(0)));

  if (options.debug) {
    const reattach = {
      [options.providerAddress]: {
        Protocol: 'grpc', ProtocolVersion: protocolVersion, Pid: process.pid, Test: true,
        Addr: { Network: listen.network, String: listen.address },
      },
    };
    process.stdout.write(
      'Strata provider started in debug mode. To attach OpenTofu or Terraform, set in their environment:\n\n' +
      `\tTF_REATTACH_PROVIDERS='${JSON.stringify(reattach)}'\n\nPress Ctrl-C to stop.\n`);
  } else {
    process.stdout.write(handshakeLine(protocolVersion, listen, certificate?.certBase64 ?? ''));
  }
  log.debug('plugin serving', { network: listen.network, address: listen.address, protocol_version: protocolVersion, tls: !!certificate });
  await stopped;
}

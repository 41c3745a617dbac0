// The tfplugin6.Provider gRPC service: decodes each call, hands it to the handlers, and makes sure
// every RPC answers — a thrown error becomes an error diagnostic, an RPC Strata does not offer
// answers with a diagnostic that says so, never a crash, an UNIMPLEMENTED status or a hang.
import type * as grpc from '@grpc/grpc-js';
import { log } from '../util/log';
import { diagnosticFromError, Diagnostic, toWire } from './diagnostics';
import { loadRoot, serviceDefinition } from '../plugin/service-definition';
import tfplugin6Descriptor from './gen/tfplugin6.json';

/** A decoded request or response: snake_case fields as in tfplugin6.proto. */
export type Message = Record<string, any>;

/** What the provider implements; each returns the response message without `diagnostics`, plus the diagnostics. */
export type Handler = (request: Message) => Promise<{ response?: Message; diagnostics?: Diagnostic[] }>;

export type UnaryRpc =
  | 'GetMetadata' | 'GetProviderSchema' | 'GetResourceIdentitySchemas' | 'ValidateProviderConfig'
  | 'ValidateResourceConfig' | 'ValidateDataResourceConfig' | 'UpgradeResourceState' | 'UpgradeResourceIdentity'
  | 'ConfigureProvider' | 'ReadResource' | 'PlanResourceChange' | 'ApplyResourceChange' | 'ImportResourceState'
  | 'MoveResourceState' | 'ReadDataSource' | 'ValidateEphemeralResourceConfig' | 'OpenEphemeralResource'
  | 'RenewEphemeralResource' | 'CloseEphemeralResource' | 'ValidateListResourceConfig' | 'GetFunctions' | 'CallFunction'
  | 'ValidateActionConfig' | 'PlanAction' | 'ValidateStateStoreConfig' | 'ConfigureStateStore' | 'LockState'
  | 'UnlockState' | 'GetStates' | 'DeleteState';

export type ProviderHandlers = Partial<Record<UnaryRpc, Handler>> & {
  /** StopProvider: cancel work in flight; resolves to an error text or ''. */
  stop(): Promise<string>;
};

function notOffered(rpc: string, what: string): Diagnostic {
  return {
    severity: 'error',
    summary: `Strata does not support ${what}`,
    detail: `The client called ${rpc}, but this version of the Strata provider offers no ${what}. ` +
      'Remove the block that uses it, or check the provider documentation for what is available.',
  };
}

const UNSUPPORTED_WHAT: Partial<Record<string, string>> = {
  ValidateEphemeralResourceConfig: 'ephemeral resources', OpenEphemeralResource: 'ephemeral resources',
  RenewEphemeralResource: 'ephemeral resources', CloseEphemeralResource: 'ephemeral resources',
  ValidateListResourceConfig: 'list resources', ListResource: 'list resources',
  ValidateActionConfig: 'actions', PlanAction: 'actions', InvokeAction: 'actions',
  ValidateStateStoreConfig: 'state stores', ConfigureStateStore: 'state stores', ReadStateBytes: 'state stores',
  WriteStateBytes: 'state stores', LockState: 'state stores', UnlockState: 'state stores', GetStates: 'state stores',
  DeleteState: 'state stores',
};

function unary(rpc: UnaryRpc, handlers: () => ProviderHandlers): grpc.handleUnaryCall<Message, Message> {
  return (call, reply) => {
    const started = Date.now();
    const handler = handlers()[rpc];
    const run = handler
      ? handler(call.request).catch((error) => ({ response: {}, diagnostics: [diagnosticFromError(error, rpc)] }))
      : Promise.resolve({ response: {}, diagnostics: [notOffered(rpc, UNSUPPORTED_WHAT[rpc] ?? rpc)] });
    void run.then(({ response = {}, diagnostics = [] }) => {
      const type = call.request?.type_name ? { type_name: call.request.type_name } : {};
      log.debug('rpc done', { rpc, ...type, ms: Date.now() - started, diagnostics: diagnostics.length });
      // CallFunction's response has no diagnostics: an error there is its FunctionError.
      const [error] = diagnostics.filter((d) => d.severity === 'error');
      reply(null, rpc === 'CallFunction'
        ? { ...response, ...(error ? { error: { text: `${error.summary}: ${error.detail}` } } : {}) }
        : { ...response, diagnostics: toWire(diagnostics) });
    });
  };
}

/**
 * `loadHandlers` runs on the first call, not at start-up: the provider's resources pull in YAML,
 * JSON Schema and Kubernetes code that the handshake does not need, and Terraform waits for the
 * handshake of every provider it starts.
 */
export function providerService(loadHandlers: () => ProviderHandlers): { definition: grpc.ServiceDefinition; implementation: grpc.UntypedServiceImplementation } {
  let loaded: ProviderHandlers | undefined;
  const handlers = () => (loaded ??= loadHandlers());
  const definition = serviceDefinition(loadRoot(tfplugin6Descriptor), 'tfplugin6.Provider');
  const implementation: grpc.UntypedServiceImplementation = {};
  for (const rpc of Object.keys(definition)) {
    if (definition[rpc].requestStream || definition[rpc].responseStream) continue;
    if (rpc === 'StopProvider') continue;
    implementation[rpc] = unary(rpc as UnaryRpc, handlers);
  }
  implementation.StopProvider = ((_call, reply) => {
    void handlers().stop().then((error) => reply(null, { Error: error }), (error) => reply(null, { Error: String(error) }));
  }) as grpc.handleUnaryCall<Message, Message>;
  implementation.ListResource = ((call: grpc.ServerWritableStream<Message, Message>) => {
    call.write({ diagnostic: toWire([notOffered('ListResource', 'list resources')]) });
    call.end();
  }) as grpc.handleServerStreamingCall<Message, Message>;
  implementation.InvokeAction = ((call: grpc.ServerWritableStream<Message, Message>) => {
    call.write({ completed: { diagnostics: toWire([notOffered('InvokeAction', 'actions')]) } });
    call.end();
  }) as grpc.handleServerStreamingCall<Message, Message>;
  implementation.ReadStateBytes = ((call: grpc.ServerWritableStream<Message, Message>) => {
    call.write({ diagnostics: toWire([notOffered('ReadStateBytes', 'state stores')]) });
    call.end();
  }) as grpc.handleServerStreamingCall<Message, Message>;
  implementation.WriteStateBytes = ((call: grpc.ServerReadableStream<Message, Message>, reply: grpc.sendUnaryData<Message>) => {
    call.on('data', () => undefined);
    call.on('end', () => reply(null, { diagnostics: toWire([notOffered('WriteStateBytes', 'state stores')]) }));
  }) as grpc.handleClientStreamingCall<Message, Message>;
  return { definition, implementation };
}

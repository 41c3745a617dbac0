// Implementations of the services a go-plugin server runs beside the plugin itself.
import type * as grpc from '@grpc/grpc-js';

const SERVING = 1;

export function healthService(): grpc.UntypedServiceImplementation {
  return {
    Check: (_call: grpc.ServerUnaryCall<unknown, unknown>, reply: grpc.sendUnaryData<unknown>) => reply(null, { status: SERVING }),
    // Answer once and hold the stream open: the status of a running provider does not change.
    Watch: (call: grpc.ServerWritableStream<unknown, unknown>) => { call.write({ status: SERVING }); },
  };
}

export function controllerService(shutdown: () => void): grpc.UntypedServiceImplementation {
  return {
    Shutdown: (_call: grpc.ServerUnaryCall<unknown, unknown>, reply: grpc.sendUnaryData<unknown>) => {
      reply(null, {});
      setImmediate(shutdown);
    },
  };
}

/** Strata never writes to stdout after the handshake; the stream stays open until shutdown. */
export function stdioService(open: Set<grpc.ServerWritableStream<unknown, unknown>>): grpc.UntypedServiceImplementation {
  return {
    StreamStdio: (call: grpc.ServerWritableStream<unknown, unknown>) => {
      open.add(call);
      call.on('cancelled', () => open.delete(call));
    },
  };
}

/** Strata opens no broker sub-connections; the client's stream is accepted and held. */
export function brokerService(open: Set<grpc.ServerDuplexStream<unknown, unknown>>): grpc.UntypedServiceImplementation {
  return {
    StartStream: (call: grpc.ServerDuplexStream<unknown, unknown>) => {
      open.add(call);
      call.on('data', () => undefined);
      call.on('end', () => { open.delete(call); call.end(); });
      call.on('cancelled', () => open.delete(call));
    },
  };
}

// gRPC service definitions straight from protobufjs JSON descriptors (generated at build time from
// our .proto files). @grpc/proto-loader would do the same but also builds reflection descriptors
// that nobody asks a provider for, which costs start-up time.
import type { ServiceDefinition, MethodDefinition } from '@grpc/grpc-js';
import * as protobuf from 'protobufjs/light';

const conversion: protobuf.IConversionOptions = { longs: Number, bytes: Buffer, defaults: true, oneofs: true };

/**
 * `descriptor` is a generated JSON file; its literal type is too deep to check against INamespace.
 * Unlike Root.fromJSON this does not resolve every type up front: codecs resolve theirs on first use.
 */
export function loadRoot(descriptor: object): protobuf.Root {
  const root = new protobuf.Root();
  root.addJSON((descriptor as protobuf.INamespace).nested ?? {});
  return root;
}

/** Resolves the message type on first use: resolving all of tfplugin6 up front costs start-up time. */
function codec(resolve: () => protobuf.Type): { serialize: (value: object) => Buffer; deserialize: (bytes: Buffer) => any } {
  let type: protobuf.Type | undefined;
  const get = () => (type ??= resolve());
  return {
    serialize: (value) => Buffer.from(get().encode(get().fromObject(value)).finish()),
    deserialize: (bytes) => get().toObject(get().decode(bytes), conversion),
  };
}

export function serviceDefinition(root: protobuf.Root, serviceName: string): ServiceDefinition {
  const service = root.lookupService(serviceName);
  const definition: Record<string, MethodDefinition<object, object>> = {};
  for (const method of Object.values(service.methods)) {
    const request = codec(() => (method.resolve(), method.resolvedRequestType!));
    const response = codec(() => (method.resolve(), method.resolvedResponseType!));
    definition[method.name] = {
      path: `/${serviceName}/${method.name}`,
      requestStream: !!method.requestStream,
      responseStream: !!method.responseStream,
      requestSerialize: request.serialize,
      requestDeserialize: request.deserialize,
      responseSerialize: response.serialize,
      responseDeserialize: response.deserialize,
      originalName: method.name,
    };
  }
  return definition;
}

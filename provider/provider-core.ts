// Everything behind the protocol service: the framework, the resources and the engine. The
// entry point loads it on the first RPC, and it is bundled apart, so that the handshake only
// parses the transport (Terraform waits for the handshake of every provider it starts).
import { providerHandlers } from './framework/provider-server';
import type { ProviderHandlers } from './protocol/provider-service';
import { strataProvider } from './provider';

export function loadProvider(): ProviderHandlers {
  return providerHandlers(strataProvider);
}

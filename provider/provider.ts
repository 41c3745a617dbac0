// The Strata provider: its configuration schema and the resource types it offers.
import type { ProviderDefinition } from './framework/provider-server';
import { profileResource } from './resources/profile';
import { profileVersionResource } from './resources/profile-version';

export const PROVIDER_ADDRESS = 'registry.opentofu.org/strata/strata';

export const strataProvider: ProviderDefinition = {
  schema: {
    version: 0,
    description: 'Strata gives any Kubernetes cluster cluster profiles: ordered stacks of layers, immutable versions, per-cluster overrides, and a one-line rollback.',
    attributes: {},
    blocks: {},
  },
  resources: [profileResource, profileVersionResource],
};

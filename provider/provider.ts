// The Strata provider: its configuration schema, the resource types and the functions it offers.
import type { ProviderDefinition } from './framework/provider-server';
import { string } from './framework/schema';
import { diffFunction } from './functions/diff';
import { clusterResource } from './resources/cluster';
import { profileResource } from './resources/profile';
import { profileVersionResource } from './resources/profile-version';
import { settings } from './settings';

export const strataProvider: ProviderDefinition = {
  name: 'strata',
  schema: {
    version: 0,
    description: 'Strata gives any Kubernetes cluster cluster profiles: ordered stacks of layers, immutable versions, per-cluster overrides, and a one-line rollback.',
    attributes: {
      helm_path: string({ optional: true, description: 'The `helm` executable used to render Helm layers. Defaults to `STRATA_HELM_PATH`, else `helm` on PATH.' }),
    },
    blocks: {},
  },
  resources: [profileResource, profileVersionResource, clusterResource],
  functions: [diffFunction],
  configure(config) {
    if (typeof config.helm_path === 'string' && config.helm_path !== '') settings.helmPath = config.helm_path;
  },
};

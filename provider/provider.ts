// The Strata provider: its configuration schema, the resource types and the functions it offers.
import type { ProviderDefinition } from './framework/provider-server';
import { string } from './framework/schema';
import { diffFunction } from './functions/diff';
import { clusterResource } from './resources/cluster';
import { kubernetesConnection } from './resources/cluster-schema';
import type { CtyValue } from './protocol/cty';
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
      kubernetes: { ...kubernetesConnection, required: false, optional: true, description: 'The default connection of every `strata_cluster` that sets no `kubernetes` of its own (the same attributes as HashiCorp\'s kubernetes provider). Terraform passes provider configuration to every plan, apply, refresh, import and destroy and never stores it, so a cluster that uses it keeps no credential in state.' },
    },
    blocks: {},
  },
  resources: [profileResource, profileVersionResource, clusterResource],
  functions: [diffFunction],
  configure(config) {
    if (typeof config.helm_path === 'string' && config.helm_path !== '') settings.helmPath = config.helm_path;
    settings.kubernetes = config.kubernetes === null || config.kubernetes === undefined ? undefined : (config.kubernetes as Record<string, CtyValue>);
  },
};

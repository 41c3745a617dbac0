// The Strata provider: its configuration schema, the resource types, data sources and functions it offers.
import type { ProviderDefinition } from './framework/provider-server';
import { listBlock, string } from './framework/schema';
import { packsDataSource } from './data-sources/packs';
import { renderedLayersDataSource } from './data-sources/rendered-layers';
import { diffFunction } from './functions/diff';
import { clusterResource } from './resources/cluster';
import { clusterOverrideResource } from './resources/cluster-override';
import { kubernetesConnection } from './resources/cluster-schema';
import { isWhollyKnown, type CtyValue } from './protocol/cty';
import type { Diagnostics } from './protocol/diagnostics';
import { profileResource } from './resources/profile';
import { profileVersionResource } from './resources/profile-version';
import { configureHelmRepositories, repositoryProblems, type HelmRepository } from './render/helm-repositories';
import { configurePackRegistries, type RegistryCredentials } from './render/pack';
import { settings } from './settings';

export const strataProvider: ProviderDefinition = {
  name: 'strata',
  schema: {
    version: 0,
    description: 'Strata gives any Kubernetes cluster cluster profiles: ordered stacks of layers, immutable versions, per-cluster overrides, and a one-line rollback.',
    attributes: {
      helm_path: string({ optional: true, description: 'A `helm` executable to render Helm layers with instead of the Helm renderer bundled with the provider (Helm\'s Go SDK). Defaults to `STRATA_HELM_PATH`; unset, the bundled renderer is used, and no `helm` is needed. The binary renders without the cluster (`lookup` finds nothing) and cannot use `helm_repository` credentials.' }),
      kubernetes: { ...kubernetesConnection, required: false, optional: true, description: 'The default connection of every `strata_cluster` that sets no `kubernetes` of its own (the same attributes as HashiCorp\'s kubernetes provider). Terraform passes provider configuration to every plan, apply, refresh, import and destroy and never stores it, so a cluster that uses it keeps no credential in state.' },
    },
    blocks: {
      helm_repository: listBlock({
        description: 'Credentials and certificates for a chart repository or OCI registry, used by the bundled Helm renderer to pull charts and build chart dependencies. They are sent only to the scheme, host and port of `url`, never shown in any message, and, as provider configuration, never stored in state.',
        attributes: {
          url: string({ required: true, description: '`https://` or `http://` chart repository, or `oci://` registry, e.g. `https://charts.example.com` or `oci://registry.example.com`. Of several blocks for one host, the one whose path is the longest prefix of a request\'s path is used.' }),
          username: string({ optional: true, sensitive: true, description: 'Basic authentication (HTTP repositories) or registry login (OCI), with `password`.' }),
          password: string({ optional: true, sensitive: true, description: 'The password or token for `username`.' }),
          ca_certificate: string({ optional: true, description: 'PEM CA certificate trusted for this host, in addition to the system\'s.' }),
          client_certificate: string({ optional: true, description: 'PEM client certificate for TLS client authentication, with `client_key`.' }),
          client_key: string({ optional: true, sensitive: true, description: 'PEM private key of `client_certificate`.' }),
        },
      }),
      pack_registry: listBlock({
        description: 'Credentials and a CA certificate for an `oci://` or `https://` pack registry (docs/packs.md). They are sent only to the scheme, host and port of `url`, never shown in any message, and, as provider configuration, never stored in state.',
        attributes: {
          url: string({ required: true, description: 'The registry as pack layers name it, e.g. `oci://registry.example.com/packs` or `https://packs.example.com`. Of several blocks for one host, the one whose path is the longest prefix of the registry\'s path is used.' }),
          username: string({ optional: true, sensitive: true, description: 'Registry login (OCI: answers a basic or token challenge) or basic authentication (https), with `password`.' }),
          password: string({ optional: true, sensitive: true, description: 'The password or token for `username`.' }),
          ca_certificate: string({ optional: true, description: 'PEM CA certificate trusted for this host, in addition to Node.js\'s trusted roots.' }),
        },
      }),
    },
  },
  resources: [profileResource, profileVersionResource, clusterResource, clusterOverrideResource],
  dataSources: [renderedLayersDataSource, packsDataSource],
  functions: [diffFunction],
  configure(config, diagnostics) {
    if (typeof config.helm_path === 'string' && config.helm_path !== '') settings.helmPath = config.helm_path;
    configureHelmRepositories(helmRepositoryBlocks(config.helm_repository, diagnostics));
    configurePackRegistries(packRegistryBlocks(config.pack_registry, diagnostics));
    settings.kubernetes = config.kubernetes === null || config.kubernetes === undefined ? undefined : (config.kubernetes as Record<string, CtyValue>);
  },
};

/**
 * The known, valid helm_repository blocks. A block with values not known yet (during a plan) is left
 * out: its host is then reached without credentials, and apply has them.
 */
function helmRepositoryBlocks(blocks: CtyValue, diagnostics: Diagnostics): HelmRepository[] {
  return credentialBlocks('helm_repository', blocks, diagnostics);
}

/** The known, valid pack_registry blocks, as for helm_repository. */
function packRegistryBlocks(blocks: CtyValue, diagnostics: Diagnostics): RegistryCredentials[] {
  return credentialBlocks('pack_registry', blocks, diagnostics);
}

function credentialBlocks(block: string, blocks: CtyValue, diagnostics: Diagnostics): HelmRepository[] {
  if (!Array.isArray(blocks)) return [];
  const repositories: HelmRepository[] = [];
  blocks.forEach((value, index) => {
    if (!isWhollyKnown(value)) return;
    const repository = Object.fromEntries(Object.entries(value as Record<string, CtyValue>).filter(([, v]) => v !== null && v !== '')) as unknown as HelmRepository;
    const problems = repositoryProblems(repository);
    for (const { attribute, detail } of problems) diagnostics.error(`Invalid ${block}`, `${block} ${index + 1}: ${attribute}: ${detail}`, [block, index, attribute]);
    if (problems.length === 0) repositories.push(repository);
  });
  return repositories;
}

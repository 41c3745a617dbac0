// Credentials and certificates for pack registries: the provider block's `pack_registry` blocks.
// As provider configuration they are never stored in state; layers name only the registry URL.
import { repositoriesFor, type HelmRepository } from '../helm-repositories';

export type RegistryCredentials = Pick<HelmRepository, 'url' | 'username' | 'password' | 'ca_certificate'>;

let configured: readonly RegistryCredentials[] = [];

export function configurePackRegistries(registries: readonly RegistryCredentials[]): void {
  configured = registries;
}

/** The block for `url`'s scheme, host and port whose path is the longest prefix of `url`'s. */
export function credentialsFor(url: string, registries: readonly RegistryCredentials[] = configured): RegistryCredentials | undefined {
  const path = (u: string) => new URL(u.replace(/^oci:\/\//i, 'https://')).pathname.replace(/\/+$/, '');
  const wanted = path(url);
  return repositoriesFor(url, registries as HelmRepository[])
    .filter((r) => wanted === path(r.url) || wanted.startsWith(`${path(r.url)}/`))
    .sort((a, b) => path(b.url).length - path(a.url).length)[0];
}

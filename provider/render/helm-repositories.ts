// Credentials for chart repositories and OCI registries: the provider block's `helm_repository`
// blocks. They live in the provider process only. Provider configuration is never stored in state,
// while everything in a layer is, through every snapshot; so credentials are not layer attributes.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { withoutUserinfo, type Secrets } from './scrub';

export interface HelmRepository {
  /** `https://`, `http://` or `oci://` and a host; credentials go only to this scheme, host and port. */
  url: string;
  username?: string;
  password?: string;
  /** PEM: trusted in addition to the system's CAs. */
  ca_certificate?: string;
  /** PEM: a client certificate, with `client_key`. */
  client_certificate?: string;
  client_key?: string;
}

let configured: readonly HelmRepository[] = [];

/** Called when the provider is configured. */
export function configureHelmRepositories(repositories: readonly HelmRepository[]): void {
  configured = repositories;
}

export function helmRepositories(): readonly HelmRepository[] {
  return configured;
}

/** What scrub() must hide of these repositories. */
export function repositorySecrets(repositories: readonly HelmRepository[]): Secrets {
  return {
    secrets: repositories.flatMap((r) => [r.password, r.client_key]),
    usernames: repositories.map((r) => r.username),
  };
}

/** The entries whose scheme, host and port are those of `url` (OCI registries are reached over HTTPS). */
export function repositoriesFor(url: string, repositories: readonly HelmRepository[]): HelmRepository[] {
  const origin = originOf(url);
  return origin === undefined ? [] : repositories.filter((r) => originOf(r.url) === origin);
}

function originOf(url: string): string | undefined {
  try {
    const u = new URL(url.replace(/^oci:\/\//i, 'https://'));
    return `${u.protocol}//${u.hostname.toLowerCase()}:${u.port || (u.protocol === 'http:' ? '80' : '443')}`;
  } catch {
    return undefined;
  }
}

/** Problems with one entry, by attribute; the messages never quote a credential. */
export function repositoryProblems(repository: HelmRepository): { attribute: keyof HelmRepository; detail: string }[] {
  const problems: { attribute: keyof HelmRepository; detail: string }[] = [];
  let url: URL | undefined;
  try {
    url = new URL(repository.url);
  } catch {
    // reported below
  }
  if (!url || !['https:', 'http:', 'oci:'].includes(url.protocol) || !url.hostname) {
    const shown = withoutUserinfo(JSON.stringify(repository.url));
    problems.push({ attribute: 'url', detail: `${shown} is not a repository URL: write https://, http:// or oci:// and a host (a path is allowed).` });
  } else if (url.username || url.password) {
    problems.push({ attribute: 'url', detail: 'the URL holds credentials; give them as username and password instead, which are never shown.' });
  }
  if (repository.ca_certificate) {
    try {
      new X509Certificate(repository.ca_certificate);
    } catch {
      problems.push({ attribute: 'ca_certificate', detail: 'it is not a PEM certificate ("-----BEGIN CERTIFICATE-----").' });
    }
  }
  if (Boolean(repository.client_certificate) !== Boolean(repository.client_key)) {
    problems.push({
      attribute: repository.client_certificate ? 'client_key' : 'client_certificate',
      detail: 'client_certificate and client_key go together: set both or neither.',
    });
  } else if (repository.client_certificate && repository.client_key) {
    try {
      const certificate = new X509Certificate(repository.client_certificate);
      if (!certificate.checkPrivateKey(createPrivateKey(repository.client_key))) {
        problems.push({ attribute: 'client_key', detail: 'the key is not the private key of client_certificate.' });
      }
    } catch {
      problems.push({ attribute: 'client_certificate', detail: 'client_certificate and client_key must be a PEM certificate and its PEM private key.' });
    }
  }
  if (Boolean(repository.username) !== Boolean(repository.password)) {
    problems.push({ attribute: repository.username ? 'password' : 'username', detail: 'username and password go together: set both or neither.' });
  }
  return problems;
}

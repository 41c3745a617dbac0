// Connection attributes (those of HashiCorp's kubernetes provider) to one resolved endpoint: the
// kubeconfig's context first, then every explicit attribute that is set on top of it.
import { ConnectionConfigError, KubeConnectionError } from './errors';
import { ExecPlugin } from './exec';
import { loadKubeconfig, type KubeconfigContext } from './kubeconfig';
import type { ConnectionConfig } from './types';

export interface TlsSettings {
  caPem?: string;
  insecure: boolean;
  serverName?: string;
}

/** What a request carries to authenticate; an exec plugin may change it over time. */
export interface Credentials {
  authorization?: string;
  certPem?: string;
  keyPem?: string;
}

export interface ResolvedConnection {
  /** scheme://host[:port][/path], without a trailing slash. */
  host: string;
  /** The context's namespace, else "default": where namespaced objects without one go. */
  namespace: string;
  tls: TlsSettings;
  credentials(): Promise<Credentials>;
}

// Like the kubernetes provider (schema.ResourceData.GetOk), an empty string means "not set".
const given = (value: string | null | undefined): string | undefined => (value == null || value === '' ? undefined : value);

export function resolveConnection(config: ConnectionConfig): ResolvedConnection {
  const path = given(config.config_path);
  const content = given(config.config_content);
  const contextName = given(config.config_context);
  if (path && content) throw new ConnectionConfigError('config_content', 'config_content and config_path are both set; set only one');
  if (contextName && !path && !content) {
    throw new ConnectionConfigError('config_context', 'config_context is set, but neither config_path nor config_content is');
  }
  const kube: KubeconfigContext | undefined = path || content ? loadKubeconfig(path ? { path } : { content: content! }, contextName) : undefined;

  const explicitHost = given(config.host);
  const server = explicitHost ?? kube?.cluster.server;
  if (!server) {
    throw kube
      ? new ConnectionConfigError('host', `cluster "${kube.cluster.name}" in ${kube.where} has no server, and host is not set`)
      : new ConnectionConfigError('host', 'no cluster to connect to: set host (with token or client_certificate and client_key), config_path or config_content');
  }
  const host = explicitHost
    ? normalizeHost(server, 'host', 'host')
    : normalizeHost(server, kube!.attribute, `the server of cluster "${kube!.cluster.name}" in ${kube!.where}`);

  const explicitCa = pem(config.cluster_ca_certificate, 'cluster_ca_certificate', 'CERTIFICATE');
  const tls: TlsSettings = {
    caPem: explicitCa ?? kube?.cluster.caPem,
    insecure: config.insecure ?? kube?.cluster.insecure ?? false,
    serverName: kube?.cluster.tlsServerName,
  };

  const explicitCert = pem(config.client_certificate, 'client_certificate', 'CERTIFICATE');
  const explicitKey = pem(config.client_key, 'client_key', 'PRIVATE KEY');
  if (explicitCert && !explicitKey) throw new ConnectionConfigError('client_key', 'client_certificate is set, but client_key is not');
  if (explicitKey && !explicitCert) throw new ConnectionConfigError('client_certificate', 'client_key is set, but client_certificate is not');
  const user = kube?.user ?? {};
  const certPem = explicitCert ?? user.clientCertPem;
  const keyPem = explicitKey ?? user.clientKeyPem;
  if (!explicitCert && kube && Boolean(user.clientCertPem) !== Boolean(user.clientKeyPem)) {
    throw new ConnectionConfigError(kube.attribute, `user "${user.name}" in ${kube.where} has a client certificate or a client key, but not both`);
  }

  // An explicit token replaces every kind of kubeconfig authentication; an exec plugin replaces the static ones.
  const token = given(config.token);
  let credentials: () => Promise<Credentials>;
  if (!token && user.exec) {
    const plugin = new ExecPlugin(user.exec, { ...kube!.cluster, server: host, caPem: tls.caPem });
    credentials = async () => {
      let issued;
      try {
        issued = await plugin.credentials();
      } catch (err) {
        const where = `user "${user.name}" in ${kube!.where}`;
        throw new KubeConnectionError(host, `getting credentials for ${host}: ${(err as Error).message}; check the exec settings of ${where}`, { cause: err });
      }
      return {
        authorization: issued.token ? `Bearer ${issued.token}` : undefined,
        certPem: certPem ?? issued.certPem,
        keyPem: keyPem ?? issued.keyPem,
      };
    };
  } else {
    const bearer = token ?? user.token;
    const basic = user.username && user.password ? Buffer.from(`${user.username}:${user.password}`).toString('base64') : undefined;
    const fixed: Credentials = {
      authorization: bearer ? `Bearer ${bearer}` : basic ? `Basic ${basic}` : undefined,
      certPem,
      keyPem,
    };
    credentials = () => Promise.resolve(fixed);
  }
  return { host, namespace: kube?.namespace ?? 'default', tls, credentials };
}

function normalizeHost(server: string, attribute: string, label: string): string {
  // The kubernetes provider (like client-go) takes a bare host[:port] as https.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(server) ? server : `https://${server}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ConnectionConfigError(attribute, `${label} "${server}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConnectionConfigError(attribute, `${label} "${server}" must be an https:// (or http://) URL`);
  }
  if (url.username || url.password) {
    // Not quoted back: the text holds a credential.
    throw new ConnectionConfigError(attribute, `${label} must not contain a user name or password; use token or client certificates`);
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/** A PEM attribute, checked for the block it must hold; the value itself never appears in messages. */
function pem(value: string | null | undefined, attribute: string, label: string): string | undefined {
  const text = given(value);
  if (!text) return undefined;
  if (text.includes(`${label}-----`)) return text;
  const decoded = Buffer.from(text, 'base64').toString('utf8');
  const hint = decoded.includes(`${label}-----`) ? '; it looks base64-encoded (as in a kubeconfig\'s …-data fields): decode it first, e.g. with base64decode()' : '';
  throw new ConnectionConfigError(attribute, `${attribute} is not PEM text with a ${label} block${hint}`);
}

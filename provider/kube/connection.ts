// Connection attributes (those of HashiCorp's kubernetes provider) to one resolved endpoint: the
// kubeconfig's context first (config_path, config_content, or else the KUBECONFIG list of the
// provider's environment), then every explicit attribute that is set on top of it, with client-go's
// rules for how they combine; the proxy to go through; and what each request authenticates with.
import { ConnectionConfigError, KubeConnectionError } from './errors';
import { ExecPlugin } from './exec';
import { kubeconfigPaths, loadKubeconfig, type KubeconfigContext, type KubeconfigSource, type KubeconfigUser } from './kubeconfig';
import { isLoopback, proxyFor, type Proxy } from './proxy';
import { TokenFile } from './token-file';
import type { ConnectionConfig } from './types';

export interface TlsSettings {
  caPem?: string;
  insecure: boolean;
  serverName?: string;
}

/** What a request carries to authenticate; an exec plugin or a token file may change it over time. */
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
  /** The HTTP proxy every request goes through; undefined for a direct connection. */
  proxy?: Proxy;
  credentials(): Promise<Credentials>;
}

// Like the kubernetes provider (schema.ResourceData.GetOk), an empty string means "not set".
const given = (value: string | null | undefined): string | undefined => (value == null || value === '' ? undefined : value);

/**
 * Resolves a connection without contacting the server; throws ConnectionConfigError naming the
 * attribute to fix. `env` supplies KUBECONFIG (when no kubeconfig or host is configured) and the
 * proxy variables.
 */
export function resolveConnection(config: ConnectionConfig, env: NodeJS.ProcessEnv = process.env): ResolvedConnection {
  const path = given(config.config_path);
  const content = given(config.config_content);
  const contextName = given(config.config_context);
  const explicitHost = given(config.host);
  if (path && content) throw new ConnectionConfigError('config_content', 'config_content and config_path are both set; set only one');
  const envPaths = path || content || explicitHost ? [] : kubeconfigPaths(env);
  const source: KubeconfigSource | undefined = path ? { path } : content ? { content } : envPaths.length > 0 ? { paths: envPaths } : undefined;
  if (contextName && !source) {
    throw new ConnectionConfigError('config_context', 'config_context is set, but neither config_path nor config_content is (nor KUBECONFIG in the provider\'s environment)');
  }
  const kube = source ? loadKubeconfig(source, contextName) : undefined;

  const server = explicitHost ?? kube?.cluster.server;
  if (!server) {
    throw kube
      ? new ConnectionConfigError(kube.attribute, `cluster "${kube.cluster.name}" in ${kube.cluster.where} has no server, and host is not set`)
      : new ConnectionConfigError('host', 'no cluster to connect to: set host (with token or client_certificate and client_key), config_path or config_content, or KUBECONFIG in the environment tofu runs in');
  }
  const host = explicitHost
    ? normalizeHost(server, 'host', 'host')
    : normalizeHost(server, kube!.attribute, `the server of cluster "${kube!.cluster.name}" in ${kube!.cluster.where}`);

  const proxyUrl = kube?.cluster.proxyUrl;
  const proxy = proxyFor(
    new URL(host),
    proxyUrl ? { url: proxyUrl, source: `the proxy-url of cluster "${kube!.cluster.name}" in ${kube!.cluster.where}`, attribute: kube!.attribute } : undefined,
    env,
  );
  const tls = tlsSettings(config, kube, Boolean(explicitHost));
  const credentials = credentialsOf(config, kube, host, tls);
  return { host, namespace: kube?.namespace ?? 'default', tls, proxy, credentials };
}

// client-go's overrides (clientcmd getCluster): insecure = true or an explicit CA replaces both the
// kubeconfig's CA and its insecure flag; an explicit host drops the kubeconfig's tls-server-name.
// Beyond client-go, an explicit insecure = false turns verification back on.
function tlsSettings(config: ConnectionConfig, kube: KubeconfigContext | undefined, explicitHost: boolean): TlsSettings {
  const explicitCa = pem(config.cluster_ca_certificate, 'cluster_ca_certificate', 'CERTIFICATE');
  let caPem = kube?.cluster.caPem;
  let insecure = kube?.cluster.insecure ?? false;
  if (config.insecure === true || explicitCa) {
    caPem = explicitCa;
    insecure = config.insecure === true;
  } else if (config.insecure === false) {
    insecure = false;
  }
  if (caPem && insecure) {
    // client-go's transport refuses this ("specifying a root certificates file with the insecure flag is not allowed").
    throw explicitCa
      ? new ConnectionConfigError('insecure', 'insecure = true and cluster_ca_certificate are both set; a CA to verify with and no verification contradict each other (kubectl refuses this too): set only one')
      : new ConnectionConfigError(
          kube!.attribute,
          `cluster "${kube!.cluster.name}" in ${kube!.cluster.where} sets both a certificate authority and insecure-skip-tls-verify: true; ` +
            'kubectl refuses that too ("specifying a root certificates file with the insecure flag is not allowed"): remove one of them there, or set insecure or cluster_ca_certificate on the connection',
        );
  }
  return { caPem, insecure, serverName: explicitHost ? undefined : kube?.cluster.tlsServerName };
}

function credentialsOf(config: ConnectionConfig, kube: KubeconfigContext | undefined, host: string, tls: TlsSettings): () => Promise<Credentials> {
  const explicitCert = pem(config.client_certificate, 'client_certificate', 'CERTIFICATE');
  const explicitKey = pem(config.client_key, 'client_key', 'PRIVATE KEY');
  if (explicitCert && !explicitKey) throw new ConnectionConfigError('client_key', 'client_certificate is set, but client_key is not');
  if (explicitKey && !explicitCert) throw new ConnectionConfigError('client_certificate', 'client_key is set, but client_certificate is not');
  const user: KubeconfigUser = kube?.user ?? {};
  const owner = `user "${user.name}" in ${user.where}`;
  if (!explicitCert && kube && Boolean(user.clientCertPem) !== Boolean(user.clientKeyPem)) {
    throw new ConnectionConfigError(kube.attribute, `${owner} has a client certificate or a client key, but not both`);
  }
  const certPem = explicitCert ?? user.clientCertPem;
  const keyPem = explicitKey ?? user.clientKeyPem;

  // An explicit token replaces every kind of kubeconfig authentication; a tokenFile wins over the
  // inline token; a token wins over a username and password (all as in client-go).
  const token = given(config.token);
  const tokenFile = !token && user.tokenFile ? new TokenFile(user.tokenFile, user.token, owner) : undefined;
  const bearer = token ?? (tokenFile ? undefined : user.token);
  const basic = !token && user.username ? Buffer.from(`${user.username}:${user.password ?? ''}`).toString('base64') : undefined;
  // client-go runs an exec plugin only when the user has no other credential (exec.go UpdateTransportConfig).
  const exec = !bearer && !tokenFile && !basic && !certPem ? user.exec : undefined;

  const sent = token ? { attribute: 'token', what: 'token' }
    : explicitCert ? { attribute: 'client_certificate', what: 'client_certificate' }
    : kube && (bearer || tokenFile || basic || certPem || exec)
      ? { attribute: kube.attribute, what: `the ${tokenFile || bearer ? 'token' : basic ? 'username and password' : certPem ? 'client certificate' : 'exec plugin\'s credentials'} of ${owner}` }
      : undefined;
  const url = new URL(host);
  if (sent && url.protocol === 'http:' && url.hostname !== 'localhost' && !isLoopback(url.hostname)) {
    throw new ConnectionConfigError(
      sent.attribute,
      `${host} is plain http://, so ${sent.what} would cross the network unencrypted; use the API server's https:// address (Strata sends credentials over http:// only to localhost or a loopback address)`,
    );
  }

  const failed = (err: unknown, check: string) =>
    new KubeConnectionError(host, `getting credentials for ${host}: ${(err as Error).message}; check ${check}`, { cause: err });
  if (exec) {
    const plugin = new ExecPlugin(exec, { ...kube!.cluster, server: host, caPem: tls.caPem });
    return async () => {
      let issued;
      try {
        issued = await plugin.credentials();
      } catch (err) {
        throw failed(err, `the exec settings of ${owner}`);
      }
      return { authorization: issued.token ? `Bearer ${issued.token}` : undefined, certPem: issued.certPem, keyPem: issued.keyPem };
    };
  }
  return async () => {
    let authorization: string | undefined;
    try {
      authorization = bearer ? `Bearer ${bearer}` : tokenFile ? `Bearer ${tokenFile.current()}` : basic ? `Basic ${basic}` : undefined;
    } catch (err) {
      throw failed(err, 'that the file exists and holds a token');
    }
    return { authorization, certPem, keyPem };
  };
}

function normalizeHost(server: string, attribute: string, label: string): string {
  // The kubernetes provider (like client-go) takes a bare host[:port] as https.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(server) ? server : `https://${server}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    // Quoted back only when it cannot hold a user name and password.
    throw new ConnectionConfigError(attribute, `${label}${server.includes('@') ? '' : ` "${server}"`} is not a URL`);
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

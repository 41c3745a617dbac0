// Kubeconfig files as kubectl reads them: named clusters, users and contexts; the current context
// or a chosen one; credentials inline (…-data) or in files, relative paths resolved against the
// kubeconfig's own folder, `~` expanded.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse } from 'yaml';
import { ConnectionConfigError } from './errors';

/** A users[].user.exec credential plugin (client.authentication.k8s.io ExecConfig). */
export interface ExecConfig {
  apiVersion: string;
  /** A path when the kubeconfig gave one (resolved like other paths), else a name looked up on PATH. */
  command: string;
  args: string[];
  env: { name: string; value: string }[];
  installHint?: string;
  provideClusterInfo: boolean;
}

export interface KubeconfigCluster {
  name: string;
  server?: string;
  caPem?: string;
  insecure: boolean;
  tlsServerName?: string;
  /** extensions["client.authentication.k8s.io/exec"], passed to exec plugins that ask for cluster info. */
  execExtension?: unknown;
}

export interface KubeconfigUser {
  name?: string;
  token?: string;
  clientCertPem?: string;
  clientKeyPem?: string;
  username?: string;
  password?: string;
  exec?: ExecConfig;
}

/** One context of a kubeconfig with everything it references, files already read. */
export interface KubeconfigContext {
  /** The attribute that supplied the kubeconfig, for error messages. */
  attribute: 'config_path' | 'config_content';
  /** How messages name the kubeconfig: its path, or "config_content". */
  where: string;
  context: string;
  namespace?: string;
  cluster: KubeconfigCluster;
  user: KubeconfigUser;
}

export type KubeconfigSource = { path: string } | { content: string };

const EXEC_API_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'];

export function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path;
}

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Reads a kubeconfig and resolves `contextName` (or its current-context). */
export function loadKubeconfig(source: KubeconfigSource, contextName?: string): KubeconfigContext {
  const attribute = 'path' in source ? 'config_path' : 'config_content';
  const where = 'path' in source ? expandHome(source.path) : 'config_content';
  const fail = (message: string, attr: string = attribute) => new ConnectionConfigError(attr, message);

  let text: string;
  if ('path' in source) {
    try {
      text = readFileSync(where, 'utf8');
    } catch (err) {
      throw fail(`config_path "${where}" cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  } else {
    text = source.content;
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    // Only the first line: the rest is a code frame that quotes the file, credentials and all.
    const reason = (err as Error).message.split('\n')[0]!.replace(/:$/, '');
    throw fail(`${where} is not valid YAML: ${reason}`);
  }
  if (!isObj(doc)) throw fail(`${where} is not a kubeconfig (expected a mapping with clusters, users and contexts)`);

  // Relative file references are relative to the kubeconfig; inline content has no folder but the working one.
  const base = 'path' in source ? dirname(resolve(where)) : process.cwd();
  const filePath = (path: string) => resolve(base, expandHome(path));
  const named = (list: string) => {
    const entries = Array.isArray(doc[list]) ? (doc[list] as unknown[]).filter(isObj) : [];
    return {
      names: () => entries.map((entry) => String(entry.name)).join(', ') || '(none)',
      find: (name: string) => entries.find((entry) => entry.name === name),
    };
  };
  const contexts = named('contexts');
  const clusters = named('clusters');
  const users = named('users');

  const wanted = contextName || str(doc['current-context']);
  if (!wanted) throw fail(`${where} has no current-context; set config_context to one of: ${contexts.names()}`, 'config_context');
  const contextEntry = contexts.find(wanted);
  if (!contextEntry) {
    throw contextName
      ? fail(`config_context "${contextName}" is not in ${where}; contexts: ${contexts.names()}`, 'config_context')
      : fail(`the current-context "${wanted}" of ${where} is not among its contexts: ${contexts.names()}`);
  }
  const context = isObj(contextEntry.context) ? contextEntry.context : {};

  const clusterName = str(context.cluster);
  if (!clusterName) throw fail(`context "${wanted}" in ${where} names no cluster`);
  const clusterEntry = clusters.find(clusterName);
  if (!clusterEntry) throw fail(`context "${wanted}" in ${where} refers to cluster "${clusterName}", which is not in its clusters: ${clusters.names()}`);
  const cluster = isObj(clusterEntry.cluster) ? clusterEntry.cluster : {};

  // A file named by the kubeconfig, or its inline base64 twin (which wins, as in client-go).
  const read = (owner: string, entry: Obj, key: string, pemLabel: string): string | undefined => {
    const data = str(entry[`${key}-data`]);
    if (data) {
      const text = Buffer.from(data, 'base64').toString('utf8');
      if (!text.includes('-----BEGIN ')) throw fail(`${owner} in ${where}: ${key}-data is not base64-encoded PEM (${pemLabel})`);
      return text;
    }
    const file = str(entry[key]);
    if (!file) return undefined;
    try {
      return readFileSync(filePath(file), 'utf8');
    } catch (err) {
      throw fail(`${owner} in ${where}: ${key} "${filePath(file)}" cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  };

  const clusterOwner = `cluster "${clusterName}"`;
  const extensions = Array.isArray(cluster.extensions) ? cluster.extensions.filter(isObj) : [];
  const resolved: KubeconfigContext = {
    attribute,
    where,
    context: wanted,
    namespace: str(context.namespace),
    cluster: {
      name: clusterName,
      server: str(cluster.server),
      caPem: read(clusterOwner, cluster, 'certificate-authority', 'a CA certificate'),
      insecure: cluster['insecure-skip-tls-verify'] === true,
      tlsServerName: str(cluster['tls-server-name']),
      execExtension: extensions.find((ext) => ext.name === 'client.authentication.k8s.io/exec')?.extension,
    },
    user: {},
  };

  // A context without a user is anonymous, as in kubectl.
  const userName = str(context.user);
  if (!userName) return resolved;
  const userEntry = users.find(userName);
  if (!userEntry) throw fail(`context "${wanted}" in ${where} refers to user "${userName}", which is not in its users: ${users.names()}`);
  const user = isObj(userEntry.user) ? userEntry.user : {};
  const owner = `user "${userName}"`;

  let token = str(user.token);
  const tokenFile = str(user.tokenFile);
  if (!token && tokenFile) {
    try {
      token = readFileSync(filePath(tokenFile), 'utf8').trim();
    } catch (err) {
      throw fail(`${owner} in ${where}: tokenFile "${filePath(tokenFile)}" cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  if (isObj(user['auth-provider']) && !token && !isObj(user.exec)) {
    throw fail(`${owner} in ${where} uses an auth-provider, which is not supported (kubectl dropped it too); use an exec credential plugin`);
  }
  resolved.user = {
    name: userName,
    token,
    clientCertPem: read(owner, user, 'client-certificate', 'a client certificate'),
    clientKeyPem: read(owner, user, 'client-key', 'a client key'),
    username: str(user.username),
    password: str(user.password),
    exec: isObj(user.exec) ? execConfig(user.exec, owner, filePath, fail) : undefined,
  };
  return resolved;
}

function execConfig(exec: Obj, owner: string, filePath: (path: string) => string, fail: (message: string) => Error): ExecConfig {
  const apiVersion = str(exec.apiVersion) ?? '';
  if (!EXEC_API_VERSIONS.includes(apiVersion)) {
    throw fail(`${owner}: exec apiVersion "${apiVersion}" is not supported; use one of ${EXEC_API_VERSIONS.join(', ')}`);
  }
  const command = str(exec.command);
  if (!command) throw fail(`${owner}: exec has no command`);
  if (exec.interactiveMode === 'Always') {
    throw fail(`${owner}: exec plugin "${command}" needs interactiveMode Always, but a provider has no terminal to prompt on`);
  }
  const env = Array.isArray(exec.env) ? exec.env.filter(isObj) : [];
  return {
    apiVersion,
    // As in client-go: a command with a path separator is a path, relative to the kubeconfig; a bare name is looked up on PATH.
    command: !isAbsolute(command) && command.includes('/') ? filePath(command) : command,
    args: Array.isArray(exec.args) ? exec.args.map(String) : [],
    env: env.map((entry) => ({ name: String(entry.name), value: String(entry.value ?? '') })),
    installHint: str(exec.installHint),
    provideClusterInfo: exec.provideClusterInfo === true,
  };
}

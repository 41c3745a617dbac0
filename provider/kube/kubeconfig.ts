// Kubeconfig files as kubectl (client-go's clientcmd) reads them: one file, inline content, or the
// KUBECONFIG list merged by kubectl's rules; named clusters, users and contexts; the current context
// or a chosen one; credentials inline (…-data) or in files, relative paths resolved against the file
// that names them, `~` expanded. Nothing read from a kubeconfig is ever quoted in a message.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, resolve } from 'node:path';
import { ConnectionConfigError } from './errors';
import { parseKubeconfigYaml } from './kubeconfig-yaml';

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
  /** The file (or "config_content") that defines this cluster, for messages. */
  where: string;
  server?: string;
  caPem?: string;
  insecure: boolean;
  tlsServerName?: string;
  /** proxy-url: every request to this cluster goes through it, whatever the proxy variables say. */
  proxyUrl?: string;
  /** extensions["client.authentication.k8s.io/exec"], passed to exec plugins that ask for cluster info. */
  execExtension?: unknown;
}

export interface KubeconfigUser {
  name?: string;
  /** The file (or "config_content") that defines this user, for messages. */
  where?: string;
  token?: string;
  /** An absolute path; client-go reads it again every minute (projected tokens rotate), and it wins over token. */
  tokenFile?: string;
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
  context: string;
  namespace?: string;
  cluster: KubeconfigCluster;
  user: KubeconfigUser;
}

/** One file (config_path), inline YAML (config_content), or the KUBECONFIG list in precedence order. */
export type KubeconfigSource = { path: string } | { content: string } | { paths: string[] };

const EXEC_API_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'];
// client-go's parseProxyURL accepts these; the transport says which of them it can use.
const PROXY_SCHEMES = ['http:', 'https:', 'socks5:'];

export function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path;
}

/**
 * The files KUBECONFIG lists, as kubectl splits it (the platform's path-list separator, ':' here),
 * empty entries and repeats dropped; [] when it is unset. Unlike kubectl, no ~/.kube/config
 * fallback: like HashiCorp's kubernetes provider, Strata never picks a cluster nobody named.
 */
export function kubeconfigPaths(env: NodeJS.ProcessEnv = process.env): string[] {
  return [...new Set((env.KUBECONFIG ?? '').split(delimiter).filter((path) => path !== ''))];
}

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Where an entry came from: how messages name it, and the folder its relative paths start from. */
interface Origin {
  where: string;
  base: string;
}

interface Entry {
  name: string;
  body: Obj;
  origin: Origin;
}

const SECTIONS = { clusters: 'cluster', users: 'user', contexts: 'context' } as const;
type Section = keyof typeof SECTIONS;

/** Every file of a source, merged: the first file to name a cluster, user or context wins it whole. */
interface Merged {
  where: string;
  entries: Record<Section, Map<string, Entry>>;
  currentContext?: string;
}

/** Reads a kubeconfig (or merges the KUBECONFIG list) and resolves `contextName` (or its current-context). */
export function loadKubeconfig(source: KubeconfigSource, contextName?: string): KubeconfigContext {
  const attribute = 'content' in source ? 'config_content' : 'config_path';
  const fail = (message: string, attr: string = attribute) => new ConnectionConfigError(attr, message);
  const merged = merge(readSource(source, fail), 'paths' in source ? `KUBECONFIG (${source.paths.join(delimiter)})` : undefined, fail);
  const { where, entries } = merged;
  const names = (section: Section) => [...entries[section].keys()].join(', ') || '(none)';

  const wanted = contextName || merged.currentContext;
  if (!wanted) throw fail(`${where} has no current-context; set config_context to one of: ${names('contexts')}`, 'config_context');
  const contextEntry = entries.contexts.get(wanted);
  if (!contextEntry) {
    throw contextName
      ? fail(`config_context "${contextName}" is not in ${where}; contexts: ${names('contexts')}`, 'config_context')
      : fail(`the current-context "${wanted}" of ${where} is not among its contexts: ${names('contexts')}`);
  }
  const contextWhere = contextEntry.origin.where;
  const context = fields(contextEntry, `context "${wanted}" in ${contextWhere}`, fail);

  const clusterName = context.string('cluster');
  if (!clusterName) throw fail(`context "${wanted}" in ${contextWhere} names no cluster`);
  const clusterEntry = entries.clusters.get(clusterName);
  if (!clusterEntry) throw fail(`context "${wanted}" in ${contextWhere} refers to cluster "${clusterName}", which is not in ${where}: ${names('clusters')}`);

  const resolved: KubeconfigContext = {
    attribute,
    context: wanted,
    namespace: context.string('namespace'),
    cluster: cluster(clusterEntry, fail),
    user: {},
  };

  // A context without a user is anonymous, as in kubectl. (kubectl also goes anonymous when the user
  // is missing; a typo there is more likely than a wish for anonymity, so that is an error here.)
  const userName = context.string('user');
  if (!userName) return resolved;
  const userEntry = entries.users.get(userName);
  if (!userEntry) throw fail(`context "${wanted}" in ${contextWhere} refers to user "${userName}", which is not in ${where}: ${names('users')}`);
  resolved.user = user(userEntry, fail);
  return resolved;
}

type Fail = (message: string, attribute?: string) => ConnectionConfigError;

function readSource(source: KubeconfigSource, fail: Fail): { doc: Obj; origin: Origin }[] {
  const reason = (err: unknown) => (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  const parsed = (text: string, where: string, base: string) => ({ doc: parseKubeconfigYaml(text, where, fail), origin: { where, base } });
  if ('content' in source) return [parsed(source.content, 'config_content', process.cwd())];
  if ('path' in source) {
    const where = expandHome(source.path);
    let text: string;
    try {
      text = readFileSync(where, 'utf8');
    } catch (err) {
      throw fail(`config_path "${where}" cannot be read: ${reason(err)}`);
    }
    return [parsed(text, where, dirname(resolve(where)))];
  }
  // kubectl skips the files of the list that do not exist; any other read error is one.
  const files: { doc: Obj; origin: Origin }[] = [];
  for (const path of source.paths) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw fail(`"${path}" (in KUBECONFIG) cannot be read: ${reason(err)}`);
    }
    files.push(parsed(text, path, dirname(resolve(path))));
  }
  if (files.length === 0) throw fail(`none of the files in KUBECONFIG exists: ${source.paths.join(', ') || '(KUBECONFIG is empty)'}`);
  return files;
}

function merge(files: { doc: Obj; origin: Origin }[], listLabel: string | undefined, fail: Fail): Merged {
  const merged: Merged = { where: listLabel ?? files[0]!.origin.where, entries: { clusters: new Map(), users: new Map(), contexts: new Map() } };
  for (const { doc, origin } of files) {
    for (const section of Object.keys(SECTIONS) as Section[]) {
      for (const entry of namedList(doc, section, origin, fail)) {
        if (!merged.entries[section].has(entry.name)) merged.entries[section].set(entry.name, entry);
      }
    }
    const current = doc['current-context'];
    if (current !== undefined && current !== null && typeof current !== 'string') throw fail(`${origin.where}: current-context must be a string`);
    merged.currentContext ||= current || undefined;
  }
  return merged;
}

// clusters, users or contexts of one file: a list of { name, <cluster|user|context>: {...} }. Like
// client-go, a name used twice in one file is an error (there, one that prints the entries).
function namedList(doc: Obj, section: Section, origin: Origin, fail: Fail): Entry[] {
  const list = doc[section];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw fail(`${origin.where}: ${section} must be a list`);
  const seen = new Set<string>();
  return list.map((item, index) => {
    if (!isObj(item) || typeof item.name !== 'string' || item.name === '') throw fail(`${origin.where}: ${section}[${index}] has no name`);
    if (seen.has(item.name)) throw fail(`${origin.where}: ${section} has two entries named "${item.name}"; kubectl refuses that too: keep one`);
    seen.add(item.name);
    const body = item[SECTIONS[section]] ?? {};
    if (!isObj(body)) throw fail(`${origin.where}: ${section} entry "${item.name}" has a ${SECTIONS[section]} that is not a mapping`);
    return { name: item.name, body, origin };
  });
}

/** Typed access to one entry's fields; a field of the wrong type is an error, as in kubectl. */
function fields(entry: Entry, owner: string, fail: Fail) {
  const { body, origin } = entry;
  const string = (key: string): string | undefined => {
    const value = body[key];
    if (value === undefined || value === null || value === '') return undefined;
    // The value is not quoted back: it may be the credential.
    if (typeof value !== 'string') throw fail(`${owner}: ${key} must be a string (quote it in the YAML)`);
    return value;
  };
  const path = (key: string) => {
    const value = string(key);
    return value === undefined ? undefined : resolve(origin.base, expandHome(value));
  };
  // A file named by the kubeconfig, or its inline base64 twin; kubectl refuses both at once.
  const pem = (key: string, what: string): string | undefined => {
    const data = string(`${key}-data`);
    const file = path(key);
    if (data && file) throw fail(`${owner}: both ${key} and ${key}-data are set; kubectl refuses that too: keep one`);
    if (data) {
      const text = Buffer.from(data, 'base64').toString('utf8');
      if (!text.includes('-----BEGIN ')) throw fail(`${owner}: ${key}-data is not base64-encoded PEM (${what})`);
      return text;
    }
    return file === undefined ? undefined : readText(file, `${owner}: ${key}`, fail);
  };
  const boolean = (key: string): boolean => {
    const value = body[key];
    if (value === undefined || value === null) return false;
    if (typeof value !== 'boolean') throw fail(`${owner}: ${key} must be true or false`);
    return value;
  };
  return { body, string, path, pem, boolean };
}

function readText(file: string, what: string, fail: Fail): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw fail(`${what} "${file}" cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

function cluster(entry: Entry, fail: Fail): KubeconfigCluster {
  const owner = `cluster "${entry.name}" in ${entry.origin.where}`;
  const get = fields(entry, owner, fail);
  const proxyUrl = get.string('proxy-url');
  if (proxyUrl !== undefined) {
    let scheme: string | undefined;
    try {
      scheme = new URL(proxyUrl).protocol;
    } catch {
      throw fail(`${owner}: proxy-url is not a URL`);
    }
    if (!PROXY_SCHEMES.includes(scheme)) throw fail(`${owner}: proxy-url has the scheme "${scheme.slice(0, -1)}"; it must be http, https or socks5`);
  }
  const extensions = Array.isArray(get.body.extensions) ? get.body.extensions.filter(isObj) : [];
  return {
    name: entry.name,
    where: entry.origin.where,
    server: get.string('server'),
    caPem: get.pem('certificate-authority', 'a CA certificate'),
    insecure: get.boolean('insecure-skip-tls-verify'),
    tlsServerName: get.string('tls-server-name'),
    proxyUrl,
    execExtension: extensions.find((ext) => ext.name === 'client.authentication.k8s.io/exec')?.extension,
  };
}

function user(entry: Entry, fail: Fail): KubeconfigUser {
  const owner = `user "${entry.name}" in ${entry.origin.where}`;
  const get = fields(entry, owner, fail);
  const token = get.string('token');
  const tokenFile = get.path('tokenFile');
  const username = get.string('username');
  const password = get.string('password');
  if (token && (username || password)) {
    throw fail(`${owner} has both a token and a username/password; kubectl refuses more than one authentication method too: keep one`);
  }
  // Without an inline token the file is the credential: read now, so that a missing file fails early, as in kubectl.
  if (!token && tokenFile) readText(tokenFile, `${owner}: tokenFile`, fail);
  const exec = get.body.exec;
  if (get.body['auth-provider'] !== undefined) {
    if (exec !== undefined) throw fail(`${owner} has both an auth-provider and an exec plugin; kubectl refuses that too: keep the exec plugin`);
    if (!token && !tokenFile) throw fail(`${owner} uses an auth-provider, which is not supported (kubectl dropped it too); use an exec credential plugin`);
  }
  if (exec !== undefined && !isObj(exec)) throw fail(`${owner}: exec must be a mapping`);
  return {
    name: entry.name,
    where: entry.origin.where,
    token,
    tokenFile,
    clientCertPem: get.pem('client-certificate', 'a client certificate'),
    clientKeyPem: get.pem('client-key', 'a client key'),
    username,
    password,
    exec: exec ? execConfig(exec, owner, entry.origin, fail) : undefined,
  };
}

function execConfig(exec: Obj, owner: string, origin: Origin, fail: Fail): ExecConfig {
  const apiVersion = typeof exec.apiVersion === 'string' ? exec.apiVersion : '';
  if (!EXEC_API_VERSIONS.includes(apiVersion)) {
    throw fail(`${owner}: exec apiVersion "${apiVersion}" is not supported; use one of ${EXEC_API_VERSIONS.join(', ')}`);
  }
  const command = typeof exec.command === 'string' ? exec.command : '';
  if (!command) throw fail(`${owner}: exec has no command`);
  if (exec.interactiveMode === 'Always') {
    throw fail(`${owner}: exec plugin "${command}" needs interactiveMode Always, but a provider has no terminal to prompt on`);
  }
  const env = Array.isArray(exec.env) ? exec.env.filter(isObj) : [];
  if (env.some((entry) => typeof entry.name !== 'string' || entry.name === '')) throw fail(`${owner}: an exec env entry has no name`);
  return {
    apiVersion,
    // As in client-go: a command with a path separator is a path, relative to the kubeconfig; a bare name is looked up on PATH.
    command: !isAbsolute(command) && command.includes('/') ? resolve(origin.base, expandHome(command)) : command,
    args: Array.isArray(exec.args) ? exec.args.map(String) : [],
    env: env.map((entry) => ({ name: String(entry.name), value: String(entry.value ?? '') })),
    installHint: typeof exec.installHint === 'string' && exec.installHint !== '' ? exec.installHint : undefined,
    provideClusterInfo: exec.provideClusterInfo === true,
  };
}

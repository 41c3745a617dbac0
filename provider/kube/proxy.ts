// Which HTTP proxy a request to the API server goes through, as client-go decides it: the
// cluster's proxy-url when the kubeconfig sets one (always, loopback included); otherwise Go's
// http.ProxyFromEnvironment (golang.org/x/net/http/httpproxy): HTTPS_PROXY for https servers,
// HTTP_PROXY for http ones (upper case first), never for "localhost" or a loopback IP, and not for
// hosts that NO_PROXY matches (IPs, CIDRs, domains with their subdomains, ".domain" for subdomains
// only, optional ports, "*" for everything).
import { BlockList, isIP } from 'node:net';
import { ConnectionConfigError } from './errors';

export interface Proxy {
  /** An http:// proxy: the only kind the transport speaks. */
  url: URL;
  /** scheme://host:port, without credentials: how messages name it. */
  label: string;
  /** Where it was configured, for messages: `proxy-url of cluster "x" in file`, or HTTPS_PROXY. */
  source: string;
  /** Basic credentials from the proxy URL's user info, sent as Proxy-Authorization (as Go does). */
  authorization?: string;
}

type Env = NodeJS.ProcessEnv;

/** client-go's choice of proxy for `target`; undefined means a direct connection. */
export function proxyFor(target: URL, clusterProxy: { url: string; source: string; attribute: string } | undefined, env: Env): Proxy | undefined {
  if (clusterProxy) return httpProxy(new URL(clusterProxy.url), clusterProxy.source, clusterProxy.attribute);
  const chosen = environmentProxy(target, env);
  // No attribute sets the variable: the error points at the endpoint it was chosen for.
  return chosen && httpProxy(chosen.url, chosen.variable, 'host');
}

/** The variable and proxy that Go's ProxyFromEnvironment picks for `target`, if any. */
export function environmentProxy(target: URL, env: Env): { variable: string; url: URL } | undefined {
  const https = target.protocol === 'https:';
  const variable = firstSet(env, https ? ['HTTPS_PROXY', 'https_proxy'] : ['HTTP_PROXY', 'http_proxy']);
  if (!variable) return undefined;
  const url = parseProxy(env[variable]!);
  if (!url) return undefined;
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = target.port || (https ? '443' : '80');
  if (!useProxy(host, port, env[firstSet(env, ['NO_PROXY', 'no_proxy']) ?? ''] ?? '')) return undefined;
  return { variable, url };
}

function firstSet(env: Env, names: string[]): string | undefined {
  return names.find((name) => env[name] !== undefined && env[name] !== '');
}

// httpproxy's parseProxy: a value that is not an http, https or socks5 URL is tried as "http://" + value
// ("proxy:3128"); one that parses neither way is ignored, as Go ignores it.
function parseProxy(value: string): URL | undefined {
  const parse = (text: string) => {
    try {
      return new URL(text);
    } catch {
      return undefined;
    }
  };
  const url = parse(value);
  if (url && ['http:', 'https:', 'socks5:'].includes(url.protocol)) return url;
  return parse(`http://${value}`) ?? url;
}

function useProxy(host: string, port: string, noProxy: string): boolean {
  if (host === 'localhost') return false;
  const family = isIP(host);
  if (family !== 0 && isLoopback(host)) return false;
  for (const rule of noProxy.split(',')) {
    const entry = rule.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return false;
    if (matches(entry, host, port, family)) return false;
  }
  return true;
}

function matches(entry: string, host: string, port: string, family: number): boolean {
  const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
  if (cidr && isIP(cidr[1]!) !== 0) {
    if (family === 0) return false;
    const list = new BlockList();
    const type = isIP(cidr[1]!) === 4 ? 'ipv4' : 'ipv6';
    try {
      list.addSubnet(cidr[1]!, Number(cidr[2]), type);
    } catch {
      return false;
    }
    return list.check(host, family === 4 ? 'ipv4' : 'ipv6');
  }
  const split = splitHostPort(entry);
  let ruleHost = split ? split.host : entry;
  const rulePort = split?.port ?? '';
  if (ruleHost === '') return false;
  const portMatches = rulePort === '' || rulePort === port;
  if (isIP(ruleHost) !== 0) return family !== 0 && sameIp(ruleHost, host) && portMatches;
  // "*.example.com" is ".example.com"; "example.com" matches itself and its subdomains, ".example.com" only the latter.
  if (ruleHost.startsWith('*.')) ruleHost = ruleHost.slice(1);
  const matchHost = !ruleHost.startsWith('.');
  const suffix = matchHost ? `.${ruleHost}` : ruleHost;
  return (host.endsWith(suffix) || (matchHost && host === ruleHost)) && portMatches;
}

// Go's net.SplitHostPort: "host:port" or "[v6]:port"; undefined when there is no port (or too many colons).
function splitHostPort(text: string): { host: string; port: string } | undefined {
  const bracketed = /^\[([^\]]*)\]:([^:]*)$/.exec(text);
  if (bracketed) return { host: bracketed[1]!, port: bracketed[2]! };
  const colon = text.indexOf(':');
  if (colon < 0 || colon !== text.lastIndexOf(':') || text.includes('[')) return undefined;
  return { host: text.slice(0, colon), port: text.slice(colon + 1) };
}

function sameIp(a: string, b: string): boolean {
  const list = new BlockList();
  const family = isIP(a) === 4 ? 'ipv4' : 'ipv6';
  list.addAddress(a, family);
  return isIP(b) === isIP(a) && list.check(b, family);
}

/** 127.0.0.0/8 and ::1, as Go's IP.IsLoopback. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return sameIp('::1', bare);
  return false;
}

function httpProxy(url: URL, source: string, attribute: string): Proxy {
  const label = `${url.protocol}//${url.host}`;
  if (url.protocol !== 'http:') {
    throw new ConnectionConfigError(
      attribute,
      `${source} names the proxy ${label}, but Strata speaks to http:// proxies only (HTTP CONNECT); use an http:// proxy` +
        `${source.includes('PROXY') ? ', or add the API server to NO_PROXY' : ''}`,
    );
  }
  const authorization = url.username
    ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`
    : undefined;
  return { url, label, source, authorization };
}

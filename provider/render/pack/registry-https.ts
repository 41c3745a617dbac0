// A pack registry served over HTTPS: the directory layout (index.json and archives) under a base URL.
import { httpRequest } from './http';
import { PackError, type PackRegistry } from './registry';
import { indexedRegistry } from './registry-indexed';
import type { RegistryCredentials } from './credentials';

export function httpsRegistry(url: string, credentials: RegistryCredentials | undefined, signal?: AbortSignal): PackRegistry {
  const base = url.endsWith('/') ? url : `${url}/`;
  const headers: Record<string, string> = credentials?.username
    ? { authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password ?? ''}`).toString('base64')}` }
    : {};
  return indexedRegistry(url, async (path) => {
    const target = new URL(path, base).toString();
    let response;
    try {
      response = await httpRequest(target, { headers, ...(credentials?.ca_certificate ? { ca: credentials.ca_certificate } : {}), ...(signal ? { signal } : {}) });
    } catch (err) {
      throw new PackError('unreachable', `cannot reach pack registry ${url}: ${(err as Error).message}. Check the URL and the network; a registry whose certificate is signed by a private CA needs a pack_registry block with ca_certificate (or NODE_EXTRA_CA_CERTS).`, { cause: err });
    }
    if (response.status === 200) return response.body;
    const why = response.status === 401 || response.status === 403
      ? 'it wants credentials: add a pack_registry block for this URL with username and password'
      : 'check the URL (the base of index.json) and that the registry was published there';
    throw new PackError('unreachable', `pack registry ${url} answered ${response.status} for ${path}: ${why}.`);
  });
}

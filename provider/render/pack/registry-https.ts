// A pack registry served over HTTPS: the directory layout (index.json and archives) under a base URL.
import { httpRequest } from './http';
import { PackError, type PackRegistry } from './registry';
import { indexedRegistry } from './registry-indexed';
import type { RegistryCredentials } from './credentials';

/** The URL of a file of the registry; a PackError when the index's path would lead off the registry (another origin, or above its folder). */
export function registryFileUrl(url: string, path: string): string {
  const base = new URL(url.endsWith('/') ? url : `${url}/`);
  const target = new URL(path, base);
  if (target.origin !== base.origin || !target.pathname.startsWith(base.pathname) || /[:%\\]/.test(path)) {
    throw new PackError('invalid-registry', `the index of pack registry ${url} names ${JSON.stringify(path)}, which is not a file under the registry's URL: the pack_registry credentials are sent only there. Publish into it again with \`npm run pack:publish\`, or fix index.json.`);
  }
  return target.toString();
}

export function httpsRegistry(url: string, credentials: RegistryCredentials | undefined, signal?: AbortSignal): PackRegistry {
  const headers: Record<string, string> = credentials?.username
    ? { authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password ?? ''}`).toString('base64')}` }
    : {};
  return indexedRegistry(url, async (path) => {
    const target = registryFileUrl(url, path);
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

// The registry a layer names, by the form of its URL.
import { PackError, type PackRegistry } from './registry';
import { directoryRegistry } from './registry-dir';
import { httpsRegistry } from './registry-https';
import { ociRegistry } from './registry-oci';
import { credentialsFor } from './credentials';

/** `oci://host/prefix`, `https://base`, or a directory (`file://`, absolute, or relative to `workDir`). */
export function openRegistry(url: string, workDir: string, signal?: AbortSignal): PackRegistry {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'oci') return ociRegistry(url, signal);
  if (scheme === 'https') return httpsRegistry(url, credentialsFor(url), signal);
  if (scheme === undefined || scheme === 'file') return directoryRegistry(url, workDir);
  throw new PackError('invalid-registry', `${JSON.stringify(url)} is not a pack registry: write oci://host/path, https://host/path (a base URL serving index.json), or a directory path.`);
}

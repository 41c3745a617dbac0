// A pack registry in an OCI registry: `oci://host[:port]/prefix` holds each pack as repository
// `prefix/<name>`, each version as an artifact tagged with it (`+` written `_`, as Helm does).
// The artifact: artifactType PACK_ARTIFACT, the empty config, one layer that is the pack archive;
// the layer's digest is the pack's digest, the same as in a directory registry.
import type { PackMetadata, PackVersionEntry } from './format';
import { checkDigest } from './digest';
import { credentialsFor } from './credentials';
import { OCI_MANIFEST, OciClient, OciError, type OciManifest } from './oci-client';
import { PackError, type PackRegistry } from './registry';
import { isExactVersion } from './resolve';

export const PACK_ARTIFACT = 'application/vnd.strata.pack.v1';
export const PACK_LAYER = 'application/vnd.strata.pack.layer.v1.tar+gzip';
const EMPTY_CONFIG = 'application/vnd.oci.empty.v1+json';
const TYPE_ANNOTATION = 'dev.strata.pack.type';
const DESCRIPTION_ANNOTATION = 'org.opencontainers.image.description';
const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;

export const tagOf = (version: string) => version.replace(/\+/g, '_');
const versionOf = (tag: string) => tag.replace(/_/g, '+');

/** Host and repository prefix of an `oci://` registry URL. */
export function ociLocation(url: string): { host: string; prefix: string } {
  const parsed = new URL(url.replace(/^oci:\/\//i, 'https://'));
  return { host: parsed.host, prefix: parsed.pathname.replace(/^\/+|\/+$/g, '') };
}

export function ociRegistry(url: string, signal?: AbortSignal): PackRegistry {
  const { host, prefix } = ociLocation(url);
  const client = new OciClient(host, credentialsFor(url), signal);
  const repository = (name: string) => (prefix ? `${prefix}/${name}` : name);
  const wrap = async <T>(what: () => Promise<T>): Promise<T> => {
    try {
      return await what();
    } catch (err) {
      if (err instanceof PackError) throw err;
      if (err instanceof OciError && err.status !== 401 && err.status !== 403 && err.status < 500) {
        throw new PackError('invalid-registry', `pack registry ${url}: ${err.message}.`, { cause: err });
      }
      throw new PackError('unreachable', `cannot read pack registry ${url}: ${(err as Error).message}. Check the URL, the network and the pack_registry block for it (credentials, ca_certificate).`, { cause: err });
    }
  };
  return {
    url,
    packs: () => wrap(async () => {
      const start = prefix ? `${prefix}/` : '';
      return (await client.catalog()).filter((name) => name.startsWith(start) && !name.slice(start.length).includes('/')).map((name) => name.slice(start.length)).sort();
    }),
    versions: (name) => wrap(async () => (await client.tags(repository(name)))?.map(versionOf).filter(isExactVersion)),
    entry: (name, version) => wrap(async () => {
      const manifest = await client.manifest(repository(name), tagOf(version));
      if (!manifest) throw new PackError('unknown-pack', `pack registry ${url} has no version ${version} of pack ${JSON.stringify(name)}.`);
      const layer = manifest.layers?.[0];
      const type = manifest.annotations?.[TYPE_ANNOTATION];
      if (manifest.artifactType !== PACK_ARTIFACT || manifest.layers.length !== 1 || layer?.mediaType !== PACK_LAYER || (type !== 'helm' && type !== 'manifest')) {
        throw new PackError('invalid-pack', `${repository(name)}:${tagOf(version)} in ${url} is not a Strata pack (artifactType ${PACK_ARTIFACT} with one ${PACK_LAYER} layer). Publish packs with \`npm run pack:publish\`.`);
      }
      // The digest names the pack's folder in the render cache: only a sha256 digest is a safe name.
      if (!SHA256_DIGEST.test(layer.digest)) {
        throw new PackError('invalid-pack', `${repository(name)}:${tagOf(version)} in ${url} has the layer digest ${JSON.stringify(layer.digest)}, which is not sha256:<64 hex digits>. Publish the version again with \`npm run pack:publish\`.`);
      }
      const description = manifest.annotations?.[DESCRIPTION_ANNOTATION];
      return { path: tagOf(version), digest: layer.digest, type, ...(description ? { description } : {}) } satisfies PackVersionEntry;
    }),
    download: (name, entry) => wrap(async () => checkDigest(await client.blob(repository(name), entry.digest), entry.digest, `the archive of ${repository(name)}:${entry.path} in ${url}`)),
  };
}

/** Pushes a pack archive as the artifact of its version. */
export async function pushPack(url: string, metadata: PackMetadata, archive: Buffer): Promise<void> {
  const { host, prefix } = ociLocation(url);
  const client = new OciClient(host, credentialsFor(url));
  const repository = prefix ? `${prefix}/${metadata.name}` : metadata.name;
  const config = await client.pushBlob(repository, Buffer.from('{}'));
  const layer = await client.pushBlob(repository, archive);
  const manifest: OciManifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType: PACK_ARTIFACT,
    config: { ...config, mediaType: EMPTY_CONFIG },
    layers: [{ ...layer, mediaType: PACK_LAYER, annotations: { 'org.opencontainers.image.title': `${metadata.name}-${metadata.version}.tgz` } }],
    annotations: {
      'org.opencontainers.image.title': metadata.name,
      'org.opencontainers.image.version': metadata.version,
      [TYPE_ANNOTATION]: metadata.type,
      ...(metadata.description ? { [DESCRIPTION_ANNOTATION]: metadata.description } : {}),
    },
  };
  await client.pushManifest(repository, tagOf(metadata.version), manifest);
}

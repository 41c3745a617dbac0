// A package's integrity, checked as `zarf package deploy` checks it before anything is used:
// `metadata.aggregateChecksum` in zarf.yaml is the SHA-256 of checksums.txt; checksums.txt lists
// `<sha256> <path>` for every file of the package but zarf.yaml, checksums.txt and zarf.yaml.sig,
// and nothing else may be there. zarf.yaml itself is covered by the signature only: cosign's
// `sign-blob` of zarf.yaml with an ECDSA key, a base64 ASN.1 signature over its SHA-256.
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { PackageArchive } from './archive';
import type { ZarfPackage } from './package';

/** A package that fails its checks; the message says what and what to do. */
export class IntegrityError extends Error {
  override name = 'IntegrityError';
}

const UNLISTED = new Set(['zarf.yaml', 'checksums.txt', 'zarf.yaml.sig']);

/** Checks checksums.txt against the aggregate checksum and every file against checksums.txt. */
export function verifyChecksums(archive: PackageArchive, pkg: ZarfPackage): void {
  const listing = archive.files.get('checksums.txt');
  if (!listing) throw new IntegrityError('the package has no checksums.txt, so its content cannot be verified. Rebuild it with `zarf package create`.');
  const aggregate = createHash('sha256').update(listing).digest('hex');
  if (pkg.metadata.aggregateChecksum !== aggregate) {
    throw new IntegrityError(
      `checksums.txt does not match metadata.aggregateChecksum of zarf.yaml (${pkg.metadata.aggregateChecksum ?? 'none'}, the file hashes to ${aggregate}): the package was changed after it was built. ` +
        'Use the package as `zarf package create` wrote it, or build it again.',
    );
  }
  const unchecked = new Set([...archive.digests.keys()].filter((path) => !UNLISTED.has(path)));
  for (const line of listing.toString('utf8').split('\n')) {
    if (line === '') continue;
    const [sha, path, ...rest] = line.split(' ');
    if (!sha || !path || rest.length > 0) throw new IntegrityError(`checksums.txt has an invalid line ${JSON.stringify(line)}. Build the package again.`);
    const actual = archive.digests.get(path);
    if (actual === undefined) throw new IntegrityError(`checksums.txt lists ${path}, which the package does not contain. Build the package again.`);
    if (actual !== sha) {
      throw new IntegrityError(`${path} does not match its checksum in checksums.txt (expected ${sha}, got ${actual}): the package was changed after it was built. Use the package as \`zarf package create\` wrote it, or build it again.`);
    }
    unchecked.delete(path);
  }
  if (unchecked.size > 0) {
    throw new IntegrityError(`the package contains files that checksums.txt does not list (${[...unchecked].sort().join(', ')}): the package was changed after it was built. Build it again.`);
  }
}

/** Whether the package says it is signed (`build.signed`), or, for packages before that field, has a signature. */
export function isSigned(archive: PackageArchive, pkg: ZarfPackage): boolean {
  return pkg.build?.signed ?? archive.files.has('zarf.yaml.sig');
}

/** Reads a PEM public key; an IntegrityError when it is none. */
export function publicKey(pem: string): KeyObject {
  try {
    return createPublicKey(pem.trim());
  } catch (err) {
    throw new IntegrityError(`public_key is not a PEM public key (${(err as Error).message}). Give the content of the cosign.pub that \`zarf tools gen-key\` wrote (for example file("cosign.pub")).`);
  }
}

/** Checks zarf.yaml.sig against zarf.yaml with the key. */
export function verifySignature(archive: PackageArchive, key: KeyObject): void {
  const signature = archive.files.get('zarf.yaml.sig');
  if (!signature) throw new IntegrityError('public_key is set but the package is not signed (it has no zarf.yaml.sig). Sign it with `zarf package create --signing-key`, or remove public_key.');
  const der = Buffer.from(signature.toString('utf8').trim(), 'base64');
  const ok = (() => {
    try {
      return verify('sha256', archive.files.get('zarf.yaml')!, key, der);
    } catch {
      return false;
    }
  })();
  if (!ok) {
    throw new IntegrityError('the signature zarf.yaml.sig does not match zarf.yaml with public_key: the package was changed after it was signed, or signed with another key. Use the package as it was signed, or the public key of the key that signed it.');
  }
}

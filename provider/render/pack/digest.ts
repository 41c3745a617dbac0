// Pack archives checked against the sha256 digest a registry lists for them (as OCI writes digests).
import { sha256 } from '../../profile/digest';
import { PackError } from './registry';

/** The archive, or a PackError when it is not what the registry said it is. */
export function checkDigest(bytes: Buffer, expected: string, what: string): Buffer {
  const actual = sha256(bytes);
  if (actual !== expected) {
    throw new PackError('invalid-pack', `${what} has digest ${actual}, but the registry lists ${expected}: the archive was changed or damaged after it was published. Publish the version again (or restore the archive).`);
  }
  return bytes;
}

// sha256 digests of pack archives, written as OCI writes them.
import { createHash } from 'node:crypto';
import { PackError } from './registry';

export const archiveDigest = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** The archive, or a PackError when it is not what the registry said it is. */
export function checkDigest(bytes: Buffer, expected: string, what: string): Buffer {
  const actual = archiveDigest(bytes);
  if (actual !== expected) {
    throw new PackError('invalid-pack', `${what} has digest ${actual}, but the registry lists ${expected}: the archive was changed or damaged after it was published. Publish the version again (or restore the archive).`);
  }
  return bytes;
}

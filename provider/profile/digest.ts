import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical';
import type { ProfileContent } from './model';

/**
 * `sha256:<hex>` of the canonical JSON of the layers, and of the variable declarations when there
 * are any (so content without variables keeps the digest it always had). Metadata is left out on
 * purpose: a profile and a version of it with the same content have the same digest, whatever
 * their names or versions.
 */
export function contentDigest(content: ProfileContent): string {
  const hashed = content.variables && content.variables.length > 0 ? { layers: content.layers, variables: content.variables } : content.layers;
  return sha256(canonicalJson(hashed));
}

/** `sha256:<hex>` of a text (as UTF-8) or of bytes. */
export function sha256(data: string | Uint8Array): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical';
import type { ProfileContent } from './model';

/**
 * `sha256:<hex>` of the canonical JSON of the layers. Metadata is left out on purpose: a profile
 * and a version of it with the same layers have the same digest, whatever their names or versions.
 */
export function contentDigest(content: ProfileContent): string {
  return `sha256:${createHash('sha256').update(canonicalJson(content.layers), 'utf8').digest('hex')}`;
}

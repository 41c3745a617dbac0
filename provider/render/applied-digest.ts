// The digest a cluster records as applied: the profile content's digest, extended by what the
// layers were rendered from beyond their definitions — the versions and archives pack layers
// resolved to (a range that resolves to a newer version is a change to apply) and the Zarf
// packages' source digests (a package changed at the same URL is a change too).
import { canonicalJson } from '../profile/canonical';
import { sha256 } from '../profile/digest';
import type { ResolvedPack } from './pack/render';

interface Rendered { name: string; pack?: ResolvedPack; sourceDigest?: string }

/** Unchanged for a profile without pack or Zarf layers, and, for pack layers alone, what it was before Zarf sources joined it. */
export function appliedDigestWithSources(contentDigest: string, layers: readonly Rendered[]): string {
  const packs = layers.filter((l) => l.pack).map((l) => ({ layer: l.name, ...l.pack! }));
  // A pack layer's sourceDigest is its resolution, already in packs.
  const sources = layers.filter((l) => !l.pack && l.sourceDigest).map((l) => ({ layer: l.name, digest: l.sourceDigest! }));
  if (packs.length === 0 && sources.length === 0) return contentDigest;
  return sha256(canonicalJson({ content: contentDigest, ...(packs.length > 0 ? { packs } : {}), ...(sources.length > 0 ? { sources } : {}) }));
}

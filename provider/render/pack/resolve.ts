// Which version of a pack a layer gets: the exact version it names, or the highest version in
// its semver range (pre-releases only when the range names one, as npm and Helm decide).
import semver from 'semver';

/**
 * Whether `wanted` is an exact version as written on semver.org, build metadata included (which
 * `semver.valid` drops), and not a range that matches one version (`=1.0.0`, `v1.0.0`).
 */
export const isExactVersion = (wanted: string): boolean => /^\d/.test(wanted) && wanted === wanted.trim() && semver.parse(wanted) !== null;

/** A range as Helm writes them too (`>=1.0.0, <2.0.0`); null when it is not one. */
export function packRange(wanted: string): string | null {
  return semver.validRange(wanted.replace(/,/g, ' '));
}

/** The version `wanted` picks among `available`; undefined when none matches. */
export function resolveVersion(available: readonly string[], wanted: string): string | undefined {
  const versions = available.filter(isExactVersion);
  if (isExactVersion(wanted)) return versions.find((v) => v === wanted);
  const range = packRange(wanted);
  return range === null ? undefined : semver.maxSatisfying(versions, range) ?? undefined;
}

/** Versions newest first, for messages and listings. */
export const newestFirst = (versions: readonly string[]): string[] => versions.filter(isExactVersion).sort(semver.rcompare);

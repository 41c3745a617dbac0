// A pack registry, whatever its kind: a directory, an https:// base URL (both with index.json), or
// an oci:// registry whose repositories are packs and whose tags are versions.
import type { PackVersionEntry } from './format';

export interface PackRegistry {
  /** As the layer wrote it, for messages. */
  readonly url: string;
  /** The names of the registry's packs, sorted. */
  packs(): Promise<string[]>;
  /** The versions of a pack (exact semantic versions, any order); undefined when there is no such pack. */
  versions(name: string): Promise<string[] | undefined>;
  /** Where a version's archive is and its digest. */
  entry(name: string, version: string): Promise<PackVersionEntry>;
  /** The archive of a version, checked against `entry.digest`. */
  download(name: string, entry: PackVersionEntry): Promise<Buffer>;
}

/** What went wrong with a pack, by kind: each kind is a diagnostic summary of its own. */
export type PackProblem = 'unknown-pack' | 'no-matching-version' | 'invalid-values' | 'unreachable' | 'invalid-registry' | 'invalid-pack';

export const PROBLEM_SUMMARIES: Record<PackProblem, string> = {
  'unknown-pack': 'Unknown pack',
  'no-matching-version': 'No pack version matches',
  'invalid-values': 'Pack values do not match the pack\'s schema',
  unreachable: 'Pack registry unreachable',
  'invalid-registry': 'Invalid pack registry',
  'invalid-pack': 'Invalid pack',
};

/** A problem with a registry or pack; the message says what is wrong and ends with what to do. */
export class PackError extends Error {
  constructor(readonly problem: PackProblem, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PackError';
  }
}

// One object, one text: YAML with sorted keys, no folded lines and no anchors, so that the same
// object always reads the same and two renderings diff line by line.
import { stringify } from 'yaml';
import { normalize } from '../profile';

/**
 * Keys sorted as canonical JSON sorts them; unset (null) members dropped, as in the profile's digests.
 * Written with YAML 1.1's scalar rules, so a string such as `on` or `yes` is quoted and reads as the
 * string it is to every reader, kubectl's and a person's included.
 */
export function canonicalYaml(value: unknown): string {
  return stringify(normalize(value), { sortMapEntries: true, lineWidth: 0, aliasDuplicateObjects: false, version: '1.1' });
}

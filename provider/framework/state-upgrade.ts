// Stored state, as OpenTofu and Terraform keep it (JSON, of some schema version), in the current
// schema's shape: what UpgradeResourceState answers, and what MoveResourceState must answer too.
import { CtyCodecError, decodeJsonValue, type CtyValue } from '../protocol/cty';
import type { Diagnostics } from '../protocol/diagnostics';
import type { ResourceType } from './resource';
import { objectType } from './schema';

/** The upgraded state, or undefined after an error diagnostic with `summary`. */
export function upgradeStoredState(type: ResourceType, version: number, json: Uint8Array | undefined, diagnostics: Diagnostics, summary = 'State cannot be upgraded'): Record<string, CtyValue> | undefined {
  try {
    return upgrade(type, version, json, diagnostics, summary);
  } catch (error) {
    if (!(error instanceof CtyCodecError)) throw error;
    diagnostics.error(summary,
      `The stored state of ${type.typeName} (schema version ${version}) does not fit the schema of this Strata version: ${error.message}. ` +
      'Use the Strata version that wrote it, or remove it from state (`tofu state rm`) and import the resource again.');
    return undefined;
  }
}

function upgrade(type: ResourceType, version: number, json: Uint8Array | undefined, diagnostics: Diagnostics, summary: string): Record<string, CtyValue> | undefined {
  if (!json || json.length === 0) {
    diagnostics.error(summary, `The stored state of ${type.typeName} is not in JSON form; it was written by a provider Strata cannot read. Remove it with \`tofu state rm\` and import the resource again.`);
    return undefined;
  }
  const ctyType = objectType(type.schema);
  // Attributes removed from the schema without a version bump are dropped, not an error. The text
  // is decoded as cty reads it: numbers exactly, any key, strings NFC-normalised.
  if (version === type.schema.version) return decodeJsonValue(json, ctyType, { dropUnknownAttributes: true }) as Record<string, CtyValue>;
  if (!type.upgradeState) {
    diagnostics.error(summary, `The state of ${type.typeName} was written with schema version ${version}; this provider has version ${type.schema.version} and no upgrade from it. Use the provider version that wrote it, or remove and import the resource.`);
    return undefined;
  }
  const upgraded = type.upgradeState(version, JSON.parse(Buffer.from(json).toString('utf8')), diagnostics);
  return decodeJsonValue(JSON.stringify(upgraded), ctyType) as Record<string, CtyValue>;
}

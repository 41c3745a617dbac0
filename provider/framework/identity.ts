// Resource identity (Terraform 1.12, OpenTofu 1.12): the few attributes that name a resource's
// object, stored beside its state, so that an `import` block can name the object by its identity
// instead of an ID string, and the CLI can tell when a refresh found another object.
import { decodeJsonValue, decodeMsgpack, encodeMsgpack, isWhollyKnown, typeJson, type CtyType, type CtyValue } from '../protocol/cty';
import type { Message } from '../protocol/provider-service';

export interface IdentityAttribute {
  description: string;
  /** Must be given in an `import` block's identity (else optional there). */
  requiredForImport: boolean;
}

export interface ResourceIdentity<M = any> {
  version: number;
  /** String attributes only: every identity Strata has is a set of names. */
  attributes: Record<string, IdentityAttribute>;
  /** The identity of the object a state describes. */
  of(state: M): Record<string, string | null>;
  /** The import ID that names the same object as an `import` block's identity. */
  importId(identity: Record<string, string | null>): string;
}

type Identity = Record<string, CtyValue>;

const identityTypes = new WeakMap<ResourceIdentity, CtyType>();

/** Derived once per resource type, as schema types are. */
export function identityType(identity: ResourceIdentity): CtyType {
  let type = identityTypes.get(identity);
  if (!type) identityTypes.set(identity, (type = ['object', Object.fromEntries(Object.keys(identity.attributes).map((name) => [name, 'string' as CtyType]))]));
  return type;
}

/** GetResourceIdentitySchemas' entry for one resource type. */
export function wireIdentitySchema(identity: ResourceIdentity): Message {
  return {
    version: identity.version,
    identity_attributes: Object.entries(identity.attributes).map(([name, attribute]) => ({
      name,
      type: Buffer.from(typeJson('string')),
      required_for_import: attribute.requiredForImport,
      optional_for_import: !attribute.requiredForImport,
      description: attribute.description,
    })),
  };
}

/** The wire identity of a state; none while any part of it is unknown (a create whose name comes from elsewhere). */
export function encodeIdentity(identity: ResourceIdentity | undefined, state: unknown): Message | undefined {
  if (!identity || state === null || state === undefined) return undefined;
  const value = identity.of(state) as Identity;
  if (!isWhollyKnown(value)) return undefined;
  return { identity_data: { msgpack: Buffer.from(encodeMsgpack(value, identityType(identity))) } };
}

export function decodeIdentity(identity: ResourceIdentity, data: Message | null | undefined): Record<string, string | null> | null {
  const bytes: Buffer | undefined = data?.identity_data?.msgpack;
  if (!bytes || bytes.length === 0) return null;
  return decodeMsgpack(bytes, identityType(identity)) as Record<string, string | null> | null;
}

/** UpgradeResourceIdentity: every identity so far is at version 0, so upgrading is reading it. */
export function upgradeIdentity(identity: ResourceIdentity, rawJson: Buffer | undefined): Message {
  const value = decodeJsonValue(rawJson ?? Buffer.from('{}'), identityType(identity));
  return { identity_data: { msgpack: Buffer.from(encodeMsgpack(value, identityType(identity))) } };
}

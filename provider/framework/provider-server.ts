// Turns a provider definition (resource types declared with the framework) into the handlers of the
// tfplugin6 service: decoding and encoding values, schema-driven planning, diagnostics.
import { decodeJsonValue, decodeMsgpack, encodeMsgpack, isWhollyKnown, type CtyValue } from '../protocol/cty';
import { Diagnostics, type Diagnostic } from '../protocol/diagnostics';
import type { Message, ProviderHandlers } from '../protocol/provider-service';
import { log } from '../util/log';
import { wireSchema } from './protocol-schema';
import { planFromSchema, replacePaths, runValidators } from './plan';
import type { ResourceType } from './resource';
import { objectType, type ResourceSchema } from './schema';

export interface ProviderDefinition {
  schema: ResourceSchema;
  resources: ResourceType[];
  configure?(config: Record<string, CtyValue>, diagnostics: Diagnostics): void;
}

type Obj = Record<string, CtyValue>;

function decode(dynamic: Message | null | undefined, schema: ResourceSchema): Obj | null {
  const bytes: Buffer | undefined = dynamic?.msgpack;
  if (bytes && bytes.length > 0) return decodeMsgpack(bytes, objectType(schema)) as Obj | null;
  const json: Buffer | undefined = dynamic?.json;
  if (json && json.length > 0) return decodeJsonValue(json, objectType(schema)) as Obj | null;
  return null;
}

function encode(value: Obj | null, schema: ResourceSchema): Message {
  return { msgpack: Buffer.from(encodeMsgpack(value, objectType(schema))) };
}

const SERVER_CAPABILITIES = { plan_destroy: true, get_provider_schema_optional: false, move_resource_state: false };

export function providerHandlers(definition: ProviderDefinition): ProviderHandlers {
  const byType = new Map(definition.resources.map((r) => [r.typeName, r]));
  let abort = new AbortController();

  const resource = (typeName: string): ResourceType => {
    const found = byType.get(typeName);
    if (!found) throw new Error(`unknown resource type "${typeName}"; this provider offers ${[...byType.keys()].join(', ')}`);
    return found;
  };
  const done = (response: Message, diagnostics: Diagnostics | Diagnostic[] = []) =>
    ({ response, diagnostics: Array.isArray(diagnostics) ? diagnostics : diagnostics.items });

  return {
    async GetMetadata() {
      return done({
        server_capabilities: SERVER_CAPABILITIES,
        resources: definition.resources.map((r) => ({ type_name: r.typeName })),
        data_sources: [],
      });
    },

    async GetProviderSchema() {
      return done({
        provider: wireSchema(definition.schema),
        resource_schemas: Object.fromEntries(definition.resources.map((r) => [r.typeName, wireSchema(r.schema)])),
        data_source_schemas: {},
        server_capabilities: SERVER_CAPABILITIES,
      });
    },

    async GetResourceIdentitySchemas() {
      return done({ identity_schemas: {} });
    },

    async ValidateProviderConfig(request) {
      const diagnostics = new Diagnostics();
      const config = decode(request.config, definition.schema);
      if (config) runValidators(definition.schema, config, diagnostics);
      return done({}, diagnostics);
    },

    async ConfigureProvider(request) {
      const diagnostics = new Diagnostics();
      const config = decode(request.config, definition.schema) ?? {};
      log.info('provider configured', { client: request.terraform_version });
      definition.configure?.(config, diagnostics);
      return done({}, diagnostics);
    },

    async ValidateResourceConfig(request) {
      const type = resource(request.type_name);
      const diagnostics = new Diagnostics();
      const config = decode(request.config, type.schema);
      if (config) {
        runValidators(type.schema, config, diagnostics);
        type.validate?.(config, diagnostics);
      }
      return done({}, diagnostics);
    },

    async UpgradeResourceState(request) {
      const type = resource(request.type_name);
      const diagnostics = new Diagnostics();
      const json: Buffer | undefined = request.raw_state?.json;
      if (!json || json.length === 0) {
        diagnostics.error('State cannot be upgraded', `The stored state of ${type.typeName} is not in JSON form; it was written by a provider Strata cannot read. Remove it with \`tofu state rm\` and import the resource again.`);
        return done({}, diagnostics);
      }
      let text = json.toString('utf8');
      if (request.version === type.schema.version) {
        // Attributes removed from the schema without a version bump are dropped, not an error.
        const stored = JSON.parse(text) as Record<string, unknown>;
        const known = new Set([...Object.keys(type.schema.attributes), ...Object.keys(type.schema.blocks)]);
        text = JSON.stringify(Object.fromEntries(Object.entries(stored).filter(([name]) => known.has(name))));
      } else {
        if (!type.upgradeState) {
          diagnostics.error('State cannot be upgraded', `The state of ${type.typeName} was written with schema version ${request.version}; this provider has version ${type.schema.version} and no upgrade from it. Use the provider version that wrote it, or remove and import the resource.`);
          return done({}, diagnostics);
        }
        text = JSON.stringify(type.upgradeState(request.version, JSON.parse(text), diagnostics));
      }
      const value = decodeJsonValue(text, objectType(type.schema)) as Obj;
      return done({ upgraded_state: encode(value, type.schema) }, diagnostics);
    },

    async ReadResource(request) {
      const type = resource(request.type_name);
      const diagnostics = new Diagnostics();
      const current = decode(request.current_state, type.schema);
      if (!current) return done({ new_state: encode(null, type.schema) }, diagnostics);
      const result = await type.read({ current, diagnostics, privateData: request.private ?? Buffer.alloc(0), signal: abort.signal });
      return done({ new_state: encode(result.state as Obj | null, type.schema), private: result.private ?? request.private }, diagnostics);
    },

    async PlanResourceChange(request) {
      const type = resource(request.type_name);
      const diagnostics = new Diagnostics();
      const prior = decode(request.prior_state, type.schema);
      const proposed = decode(request.proposed_new_state, type.schema);
      const config = decode(request.config, type.schema);
      if (!proposed) return done({ planned_state: encode(null, type.schema), planned_private: request.prior_private }, diagnostics);
      const planned = planFromSchema(type.schema, proposed, config, prior === null);
      const context = {
        prior, planned, config: config ?? {}, priorPrivate: request.prior_private ?? Buffer.alloc(0),
        diagnostics, requiresReplace: [] as (string | number | { key: string })[][], plannedPrivate: undefined as Buffer | undefined,
      };
      if (config) runValidators(type.schema, config, diagnostics);
      if (!diagnostics.hasErrors) await type.plan?.(context);
      const requiresReplace = prior ? [...replacePaths(type.schema, prior, context.planned), ...context.requiresReplace] : [];
      return done({
        planned_state: encode(context.planned, type.schema),
        planned_private: context.plannedPrivate ?? request.prior_private,
        requires_replace: requiresReplace.map((path) => ({
          steps: path.map((s) => typeof s === 'number' ? { element_key_int: s } : typeof s === 'object' ? { element_key_string: s.key } : { attribute_name: s }),
        })),
      }, diagnostics);
    },

    async ApplyResourceChange(request) {
      const type = resource(request.type_name);
      const diagnostics = new Diagnostics();
      const prior = decode(request.prior_state, type.schema);
      const planned = decode(request.planned_state, type.schema);
      const config = decode(request.config, type.schema) ?? {};
      const plannedPrivate: Buffer = request.planned_private ?? Buffer.alloc(0);
      const signal = abort.signal;
      if (!planned) {
        if (prior) await type.delete({ prior, diagnostics, signal, privateData: plannedPrivate });
        // A failed delete leaves the object in place: report the prior state so nothing is forgotten.
        return done({ new_state: encode(diagnostics.hasErrors ? prior : null, type.schema) }, diagnostics);
      }
      const context = { prior, planned, config, plannedPrivate, diagnostics, signal };
      const result = prior ? await type.update({ ...context, prior }) : await type.create(context);
      const state = result.state as Obj | null;
      if (state && !isWhollyKnown(state)) {
        diagnostics.error('Provider produced an incomplete result', `${type.typeName} left some attributes unknown after apply. This is a bug in Strata; please report it.`);
      }
      // Planned private data is for apply only; it is not kept in state unless the resource says so.
      return done({ new_state: encode(state, type.schema), private: result.private ?? Buffer.alloc(0) }, diagnostics);
    },

    async ImportResourceState(request) {
      const type = resource(request.type_name);
      const diagnostics = new Diagnostics();
      const state = await type.importState({ id: request.id, diagnostics, signal: abort.signal });
      const imported = state ? [{ type_name: type.typeName, state: encode(state as Obj, type.schema) }] : [];
      return done({ imported_resources: imported }, diagnostics);
    },

    async stop() {
      log.info('stop requested; cancelling work in flight');
      abort.abort(new Error('the client asked the provider to stop'));
      abort = new AbortController();
      return '';
    },
  };
}

// Turns a provider definition (resource types declared with the framework) into the handlers of the
// tfplugin6 service: decoding and encoding values, schema-driven planning, diagnostics.
import { decodeJsonValue, decodeMsgpack, encodeMsgpack, isWhollyKnown, type CtyValue } from '../protocol/cty';
import { Diagnostics, type Diagnostic } from '../protocol/diagnostics';
import type { Message, ProviderHandlers } from '../protocol/provider-service';
import { log } from '../util/log';
import { unlessStopped } from './cancel';
import type { DataSourceType } from './data-source';
import { decodeIdentity, encodeIdentity, upgradeIdentity, wireIdentitySchema } from './identity';
import { callFunction, wireFunction, type ProviderFunction } from './function';
import { wireSchema } from './protocol-schema';
import { planFromSchema, replacePaths, runValidators } from './plan';
import type { PlanContext, ResourceType } from './resource';
import { objectType, type ObjectSchema, type ResourceSchema } from './schema';
import { upgradeStoredState } from './state-upgrade';

export interface ProviderDefinition {
  /** The provider's type name (`strata`): the last part of its address, and the `provider::strata::` of its functions. */
  name: string;
  schema: ResourceSchema;
  resources: ResourceType[];
  dataSources: DataSourceType[];
  functions: ProviderFunction[];
  configure?(config: Record<string, CtyValue>, diagnostics: Diagnostics): void;
}

type Obj = Record<string, CtyValue>;


function decode(dynamic: Message | null | undefined, schema: ObjectSchema): Obj | null {
  const bytes: Buffer | undefined = dynamic?.msgpack;
  if (bytes && bytes.length > 0) return decodeMsgpack(bytes, objectType(schema)) as Obj | null;
  const json: Buffer | undefined = dynamic?.json;
  if (json && json.length > 0) return decodeJsonValue(json, objectType(schema)) as Obj | null;
  return null;
}

function encode(value: Obj | null, schema: ObjectSchema): Message {
  return { msgpack: Buffer.from(encodeMsgpack(value, objectType(schema))) };
}

/**
 * get_provider_schema_optional: every RPC works without a GetProviderSchema first, so OpenTofu and
 * Terraform fetch the schema once per command and reuse it for each provider process they start
 * (without it, OpenTofu also asks each new process, sometimes twice from concurrent callers).
 */
const SERVER_CAPABILITIES = { plan_destroy: true, get_provider_schema_optional: true, move_resource_state: true };

/**
 * The result of a read with every argument exactly as configured: Terraform rejects a data source
 * whose non-computed attributes differ from its configuration.
 */
function withConfiguredValues(schema: ObjectSchema, result: Obj, config: Obj): Obj {
  const state: Obj = { ...result };
  for (const [name, attr] of Object.entries(schema.attributes)) if (!attr.computed) state[name] = config[name] ?? null;
  for (const name of Object.keys(schema.blocks)) state[name] = config[name] ?? null;
  return state;
}

/** The schema's validators, then the type's own checks, on a configuration whose values may be unknown. */
function validateConfig(type: { schema: ObjectSchema; validate?(config: Obj, diagnostics: Diagnostics): void }, dynamic: Message | null | undefined): Diagnostics {
  const diagnostics = new Diagnostics();
  const config = decode(dynamic, type.schema);
  if (config) {
    runValidators(type.schema, config, diagnostics);
    type.validate?.(config, diagnostics);
  }
  return diagnostics;
}

export function providerHandlers(definition: ProviderDefinition): ProviderHandlers {
  const byType = new Map(definition.resources.map((r) => [r.typeName, r]));
  const dataSources = new Map(definition.dataSources.map((d) => [d.typeName, d]));
  const functions = new Map(definition.functions.map((f) => [f.name, f]));
  let abort = new AbortController();
  let schemaResponse: Message | undefined;

  const resource = (typeName: string): ResourceType => {
    const found = byType.get(typeName);
    if (!found) throw new Error(`unknown resource type "${typeName}"; this provider offers ${[...byType.keys()].join(', ')}`);
    return found;
  };
  const dataSource = (typeName: string): DataSourceType => {
    const found = dataSources.get(typeName);
    if (!found) throw new Error(`unknown data source "${typeName}"; this provider offers ${[...dataSources.keys()].join(', ')}`);
    return found;
  };
  const wireFunctions = () => Object.fromEntries(definition.functions.map((f) => [f.name, wireFunction(f)]));
  const done = (response: Message, diagnostics: Diagnostics | Diagnostic[] = []) =>
    ({ response, diagnostics: Array.isArray(diagnostics) ? diagnostics : diagnostics.items });

  return {
    async GetMetadata() {
      return done({
        server_capabilities: SERVER_CAPABILITIES,
        resources: definition.resources.map((r) => ({ type_name: r.typeName })),
        data_sources: definition.dataSources.map((d) => ({ type_name: d.typeName })),
        functions: definition.functions.map((f) => ({ name: f.name })),
      });
    },

    async GetProviderSchema() {
      schemaResponse ??= {
        provider: wireSchema(definition.schema),
        resource_schemas: Object.fromEntries(definition.resources.map((r) => [r.typeName, wireSchema(r.schema)])),
        data_source_schemas: Object.fromEntries(definition.dataSources.map((d) => [d.typeName, wireSchema(d.schema)])),
        server_capabilities: SERVER_CAPABILITIES,
        functions: wireFunctions(),
      };
      return done(schemaResponse);
    },

    async GetFunctions() {
      return done({ functions: wireFunctions() });
    },

    async CallFunction(request) {
      const fn = functions.get(request.name);
      if (!fn) {
        const offered = [...functions.keys()].map((name) => `provider::${definition.name}::${name}`).join(', ');
        return done({ error: { text: `Strata has no function "${request.name}"; it offers ${offered}. Check the name in the call.` } });
      }
      return done(callFunction(definition.name, fn, request.arguments ?? []));
    },

    async GetResourceIdentitySchemas() {
      const withIdentity = definition.resources.filter((r) => r.identity);
      return done({ identity_schemas: Object.fromEntries(withIdentity.map((r) => [r.typeName, wireIdentitySchema(r.identity!)])) });
    },

    async UpgradeResourceIdentity(request) {
      const type = resource(request.type_name);
      const diagnostics = new Diagnostics();
      if (!type.identity) {
        diagnostics.error('Resource has no identity', `${type.typeName} has no resource identity in this Strata version; remove the identity from its state or import block.`);
        return done({}, diagnostics);
      }
      return done({ upgraded_identity: upgradeIdentity(type.identity, request.raw_identity?.json) }, diagnostics);
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
      return done({}, validateConfig(resource(request.type_name), request.config));
    },

    async ValidateDataResourceConfig(request) {
      return done({}, validateConfig(dataSource(request.type_name), request.config));
    },

    async ReadDataSource(request) {
      const type = dataSource(request.type_name);
      const diagnostics = new Diagnostics();
      const config = decode(request.config, type.schema);
      if (!config || !isWhollyKnown(config)) {
        // Terraform defers the read of a data source until its configuration is known.
        diagnostics.error('Data source configuration is not known', `${type.typeName} was asked to read with values not known yet. This is a bug in the client; please report it.`);
        return done({}, diagnostics);
      }
      // Terraform validated this configuration (ValidateDataResourceConfig) before asking for the read.
      const signal = abort.signal;
      const result = await unlessStopped(signal, () => type.read({ config, diagnostics, signal }), `reading ${type.typeName}`) as Obj | null;
      if (!result) {
        if (!diagnostics.hasErrors) diagnostics.error('Provider produced no result', `${type.typeName} returned nothing and said not why. This is a bug in Strata; please report it.`);
        return done({}, diagnostics);
      }
      const state = withConfiguredValues(type.schema, result, config);
      if (!isWhollyKnown(state)) {
        diagnostics.error('Provider produced an incomplete result', `${type.typeName} left some attributes unknown after reading. This is a bug in Strata; please report it.`);
        return done({}, diagnostics);
      }
      return done({ state: encode(state, type.schema) }, diagnostics);
    },

    async UpgradeResourceState(request) {
      const type = resource(request.type_name);
      const diagnostics = new Diagnostics();
      const value = upgradeStoredState(type, request.version, request.raw_state?.json, diagnostics);
      return done(value ? { upgraded_state: encode(value, type.schema) } : {}, diagnostics);
    },

    async MoveResourceState(request) {
      const diagnostics = new Diagnostics();
      const { source_type_name: sourceType, source_provider_address: sourceProvider, target_type_name: targetType } = request;
      const target = byType.get(targetType);
      // Only Strata's own state moves: the same resource type under another address of this
      // provider (registry.terraform.io/strata/strata to a mirror's host, say).
      if (!target || sourceType !== targetType || sourceProvider.split('/').at(-1) !== definition.name) {
        diagnostics.error('Cannot move resource state',
          `A moved block asks Strata to turn a ${sourceType} of provider ${sourceProvider} into a ${targetType}. Strata moves state only between addresses of ` +
          `the Strata provider itself, and only to the same resource type. Remove the moved block, then either keep the old resource, or remove it from state ` +
          '(`tofu state rm`) and import the new one (`tofu import`; the Import section of each resource\'s page under docs/resources/ gives its import ID).');
        return done({}, diagnostics);
      }
      const value = upgradeStoredState(target, request.source_schema_version, request.source_state?.json, diagnostics, 'Cannot move resource state');
      return done(value ? { target_state: encode(value, target.schema), target_private: request.source_private } : {}, diagnostics);
    },

    async ReadResource(request) {
      const type = resource(request.type_name);
      const diagnostics = new Diagnostics();
      const current = decode(request.current_state, type.schema);
      if (!current) return done({ new_state: encode(null, type.schema) }, diagnostics);
      const signal = abort.signal;
      const result = await unlessStopped(signal, () => type.read({ current, diagnostics, privateData: request.private ?? Buffer.alloc(0), signal }), `refreshing ${type.typeName}`);
      return done({
        new_state: encode(result.state as Obj | null, type.schema), private: result.private ?? request.private, new_identity: encodeIdentity(type.identity, result.state),
      }, diagnostics);
    },

    async PlanResourceChange(request) {
      const type = resource(request.type_name);
      const diagnostics = new Diagnostics();
      const prior = decode(request.prior_state, type.schema);
      const proposed = decode(request.proposed_new_state, type.schema);
      const config = decode(request.config, type.schema);
      if (!proposed) return done({ planned_state: encode(null, type.schema), planned_private: request.prior_private }, diagnostics);
      const planned = planFromSchema(type.schema, proposed, config, prior === null);
      const signal = abort.signal;
      const context: PlanContext<Obj> = {
        prior, planned, config: config ?? {}, priorPrivate: request.prior_private ?? Buffer.alloc(0), diagnostics, requiresReplace: [], signal,
      };
      if (config) runValidators(type.schema, config, diagnostics);
      const plan = type.plan;
      if (plan && !diagnostics.hasErrors) await unlessStopped(signal, async () => plan(context), `planning ${type.typeName}`);
      const requiresReplace = prior ? [...replacePaths(type.schema, prior, context.planned), ...context.requiresReplace] : [];
      return done({
        planned_state: encode(context.planned, type.schema),
        planned_private: context.plannedPrivate ?? request.prior_private,
        planned_identity: encodeIdentity(type.identity, context.planned),
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
      return done({ new_state: encode(state, type.schema), private: result.private ?? Buffer.alloc(0), new_identity: encodeIdentity(type.identity, state) }, diagnostics);
    },

    async ImportResourceState(request) {
      const type = resource(request.type_name);
      const diagnostics = new Diagnostics();
      const signal = abort.signal;
      // An import block names the object either by ID or by identity; both come to the same ID.
      const identity = type.identity && !request.id ? decodeIdentity(type.identity, request.identity) : null;
      const id = identity ? type.identity!.importId(identity) : request.id;
      const state = await unlessStopped(signal, () => type.importState({ id, diagnostics, signal }), `importing ${type.typeName}`);
      const imported = state ? [{ type_name: type.typeName, state: encode(state as Obj, type.schema), identity: encodeIdentity(type.identity, state) }] : [];
      return done({ imported_resources: imported }, diagnostics);
    },

    async stop() {
      // Plans, refreshes and imports in flight end at once (see unlessStopped); apply stops at its next safe point.
      log.info('stop requested; cancelling work in flight');
      abort.abort(new Error('the client asked the provider to stop'));
      abort = new AbortController();
      return '';
    },
  };
}

// What a resource implements. Resources are thin: they receive decoded values shaped by their
// schema (ModelOf) and return new values plus diagnostics; the framework does the protocol.
import type { CtyValue } from '../protocol/cty';
import type { AttributePath, Diagnostics } from '../protocol/diagnostics';
import type { ResourceIdentity } from './identity';
import type { ResourceSchema } from './schema';

export interface PlanContext<M> {
  /** The state before this plan, or null on create. */
  prior: M | null;
  /** The planned new state so far (config merged over prior, defaults applied, computed unknowns set); the resource edits it. */
  planned: Record<string, CtyValue>;
  /** The configuration as written; values may be unknown until apply. */
  config: Record<string, CtyValue>;
  priorPrivate: Buffer;
  diagnostics: Diagnostics;
  /** Paths the resource wants replaced (on top of the schema's requiresReplace attributes). */
  requiresReplace: AttributePath[];
  /** Bytes carried verbatim to apply. */
  plannedPrivate?: Buffer;
  /** Aborted when the client stops the provider; the framework then answers at once (see cancel.ts). */
  signal: AbortSignal;
}

export interface ApplyContext<M> {
  prior: M | null;
  planned: M;
  config: Record<string, CtyValue>;
  plannedPrivate: Buffer;
  diagnostics: Diagnostics;
  signal: AbortSignal;
}

export interface ApplyResult<M> {
  /** The state that is really there after apply, even when it failed half-way (null: nothing exists). */
  state: M | null;
  private?: Buffer;
}

export interface ResourceType<M = any> {
  typeName: string;
  schema: ResourceSchema;
  /** What names the resource's object, for `import` blocks with an identity (Terraform and OpenTofu 1.12). */
  identity?: ResourceIdentity<M>;
  /** Checks beyond the schema's validators; values may be unknown. */
  validate?(config: Record<string, CtyValue>, diagnostics: Diagnostics): void;
  plan?(context: PlanContext<M>): Promise<void> | void;
  create(context: ApplyContext<M>): Promise<ApplyResult<M>>;
  update(context: ApplyContext<M> & { prior: M }): Promise<ApplyResult<M>>;
  delete(context: { prior: M; diagnostics: Diagnostics; signal: AbortSignal; privateData: Buffer }): Promise<void>;
  /** Refresh: the object as it is now, or null when it is gone. Stopping the provider abandons it (see cancel.ts). */
  read(context: { current: M; diagnostics: Diagnostics; privateData: Buffer; signal: AbortSignal }): Promise<ApplyResult<M>>;
  /** `tofu import`: the state for an import ID (the docs say what the ID holds). Stopping the provider abandons it. */
  importState(context: { id: string; diagnostics: Diagnostics; signal: AbortSignal }): Promise<M | null>;
  /** Converts a state written with an older schema version (JSON as stored) to the current shape. */
  upgradeState?(version: number, state: Record<string, unknown>, diagnostics: Diagnostics): Record<string, unknown>;
}

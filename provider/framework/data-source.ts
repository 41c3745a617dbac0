// What a data source implements. Like resources, data sources are thin: they receive the decoded
// configuration shaped by their schema (ModelOf) and return the whole value, computed attributes
// filled in; the framework does the protocol (ValidateDataResourceConfig, ReadDataSource).
import type { CtyValue } from '../protocol/cty';
import type { Diagnostics } from '../protocol/diagnostics';
import type { ObjectSchema } from './schema';

export interface DataSourceSchema extends ObjectSchema {
  description: string;
}

export interface ReadContext<M> {
  /** The configuration, wholly known: Terraform reads a data source only once its configuration is. */
  config: M;
  diagnostics: Diagnostics;
  /** Aborted when the client stops the provider; the framework then answers at once (see cancel.ts). */
  signal: AbortSignal;
}

export interface DataSourceType<M = any> {
  typeName: string;
  schema: DataSourceSchema;
  /** Checks beyond the schema's validators; values may be unknown. */
  validate?(config: Record<string, CtyValue>, diagnostics: Diagnostics): void;
  /** The configuration with every computed attribute known; null when an error diagnostic says why there is none. */
  read(context: ReadContext<M>): Promise<M | null>;
}

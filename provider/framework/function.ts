// Provider functions (`provider::strata::<name>(...)`), declared once: the protocol's Function
// message, the call and the reference docs all derive from the same declaration.
import { CtyCodecError, decodeMsgpack, encodeMsgpack, isWhollyKnown, typeJson, type CtyType, type CtyValue } from '../protocol/cty';

export interface FunctionParameter {
  name: string;
  type: CtyType;
  /** Markdown. */
  description: string;
}

export interface ProviderFunction {
  name: string;
  /** One line. */
  summary: string;
  /** Markdown: what it returns, in what form. */
  description: string;
  parameters: FunctionParameter[];
  returns: CtyType;
  /** HCL that calls it, for the docs. */
  example: string;
  /**
   * Runs with one known, non-null value per parameter: no parameter allows null or unknown values,
   * so OpenTofu and Terraform check those themselves (an unknown argument gives an unknown result).
   * A bad argument is a FunctionArgumentError.
   */
  run(args: CtyValue[]): CtyValue;
}

/** What is wrong with one argument; `index` counts from 0, as the protocol does. */
export class FunctionArgumentError extends Error {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

const MARKDOWN = 1;

export function wireFunction(fn: ProviderFunction): Record<string, unknown> {
  return {
    parameters: fn.parameters.map((p) => ({
      name: p.name,
      type: Buffer.from(typeJson(p.type)),
      allow_null_value: false,
      allow_unknown_values: false,
      description: p.description,
      description_kind: MARKDOWN,
    })),
    return: { type: Buffer.from(typeJson(fn.returns)) },
    summary: fn.summary,
    description: fn.description,
    description_kind: MARKDOWN,
  };
}

/** `provider::strata::diff(old_snapshot, new_snapshot)`. */
export function callSyntax(providerName: string, fn: ProviderFunction): string {
  return `provider::${providerName}::${fn.name}(${fn.parameters.map((p) => p.name).join(', ')})`;
}

/** CallFunction's response: the result, or a FunctionError that names the argument at fault. */
export function callFunction(providerName: string, fn: ProviderFunction, args: { msgpack?: Uint8Array }[]): Record<string, unknown> {
  const call = callSyntax(providerName, fn);
  const failure = (text: string, index?: number) => ({ error: { text, ...(index === undefined ? {} : { function_argument: index }) } });
  if (args.length !== fn.parameters.length) {
    return failure(`${call} takes ${fn.parameters.length} arguments, got ${args.length}; pass ${fn.parameters.map((p) => p.name).join(' and ')}.`);
  }
  const values: CtyValue[] = [];
  for (const [index, parameter] of fn.parameters.entries()) {
    const argument = `argument ${index + 1} (${parameter.name}) of ${call}`;
    let value: CtyValue;
    try {
      value = decodeMsgpack(args[index]!.msgpack ?? new Uint8Array(), parameter.type);
    } catch (error) {
      if (!(error instanceof CtyCodecError)) throw error;
      return failure(`${argument} does not fit its type ${typeJson(parameter.type)}: ${error.message}.`, index);
    }
    if (value === null || !isWhollyKnown(value)) return failure(`${argument} must be known and not null.`, index);
    values.push(value);
  }
  try {
    return { result: { msgpack: Buffer.from(encodeMsgpack(fn.run(values), fn.returns)) } };
  } catch (error) {
    if (error instanceof FunctionArgumentError) return failure(error.message, error.index);
    throw error;
  }
}

// The parts of the in-cluster record checked against schemas/record.schema.json when read, so that a
// record damaged or edited by hand is refused with what is wrong instead of being half-understood.
import Ajv2020 from 'ajv/dist/2020';
import schema from '../../schemas/record.schema.json';

export type RecordPart = 'head' | 'shard' | 'legacy';

let ajv: Ajv2020 | undefined;

/** undefined when `value` is a valid `part`; else the first problem, with its JSON pointer (never a value). */
export function recordSchemaProblem(part: RecordPart, value: unknown): string | undefined {
  if (!ajv) {
    // Compiled on first use: loading the module stays cheap for processes that never read a record.
    ajv = new Ajv2020({ discriminator: true });
    ajv.addSchema(schema);
  }
  const validate = ajv.getSchema(`${schema.$id}#/$defs/${part}`)!;
  if (validate(value)) return undefined;
  const [error] = validate.errors ?? [];
  return `${error?.instancePath || 'the top level'} ${error?.message ?? 'is not valid'} (${schema.$id}#/$defs/${part})`;
}

// Helm's merge of user values over a chart's (`helm install -f`, `--set`): maps merge key by key,
// a null removes the key, and anything else (lists included) replaces what was there. Pack layers
// merge their values over the pack's defaults this way, and cluster overrides over a layer's.
import { isJsonObject } from '../profile/canonical';

export function mergeValues(base: unknown, over: unknown): unknown {
  if (!isJsonObject(base) || !isJsonObject(over)) return over;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === null) delete result[key];
    else result[key] = mergeValues(result[key], value);
  }
  return result;
}

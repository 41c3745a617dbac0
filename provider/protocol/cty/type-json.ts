// cty's type JSON (cty/json.go): how Terraform writes types in schemas, dynamic values and state.
import { parseJsonText, type JsonNode } from './json-text';
import { CtyCodecError, goStringOrder, optionalAttributes, type CtyPath, type CtyType } from './types';

const PRIMITIVES: ReadonlySet<string> = new Set(['string', 'number', 'bool', 'dynamic']);

/** `path` only places errors: where in a value this type was found. */
export function parseTypeJson(text: string | Uint8Array, path: CtyPath = []): CtyType {
  return typeFromJson(parseJsonText(text, path), path);
}

export function typeFromJson(node: JsonNode, path: CtyPath): CtyType {
  function fail(reason: string): never {
    throw new CtyCodecError(`invalid type JSON: ${reason}`, path);
  }
  if (typeof node === 'string') {
    return PRIMITIVES.has(node) ? (node as CtyType) : fail(`unknown primitive type "${node}"`);
  }
  if (!Array.isArray(node) || typeof node[0] !== 'string') return fail('not a type name or a [kind, ...] array');
  const [kind, ...args] = node;
  switch (kind) {
    case 'list':
    case 'set':
    case 'map':
      if (args.length !== 1) fail(`${kind} takes one element type`);
      return [kind, typeFromJson(args[0], path)];
    case 'tuple': {
      // Go reads null as the empty tuple.
      const elements = args[0] ?? [];
      if (args.length !== 1 || !Array.isArray(elements)) fail('tuple takes an array of element types');
      return ['tuple', elements.map((element) => typeFromJson(element, path))];
    }
    case 'object': {
      const attributes = args[0] ?? new Map<string, JsonNode>();
      if (args.length < 1 || args.length > 2 || !(attributes instanceof Map)) {
        fail('object takes an object of attribute types and maybe an array of optional attribute names');
      }
      const attributeTypes = Object.fromEntries(
        [...attributes].map(([name, type]) => [name, typeFromJson(type, path)]),
      );
      if (args.length === 1) return ['object', attributeTypes];
      const optional = args[1];
      if (!Array.isArray(optional) || !optional.every((name): name is string => typeof name === 'string')) {
        return fail('optional attribute names must be an array of strings');
      }
      for (const name of optional) {
        if (!Object.hasOwn(attributeTypes, name)) fail(`optional attribute "${name}" is not an attribute`);
      }
      // Kept sorted and unique, as cty holds them in a set.
      const names = [...new Set(optional)].sort(goStringOrder);
      return names.length > 0 ? ['object', attributeTypes, names] : ['object', attributeTypes];
    }
    default:
      return fail(`unknown type kind "${kind}"`);
  }
}

/** The type JSON Go writes: compact, object attributes and optional names sorted. */
export function typeJson(type: CtyType): string {
  if (typeof type === 'string') return goJsonString(type);
  switch (type[0]) {
    case 'list':
    case 'set':
    case 'map':
      return `["${type[0]}",${typeJson(type[1])}]`;
    case 'tuple':
      return `["tuple",[${type[1].map(typeJson).join(',')}]]`;
    case 'object': {
      const attributes = type[1];
      const members = Object.keys(attributes)
        .sort(goStringOrder)
        .map((name) => `${goJsonString(name)}:${typeJson(attributes[name])}`);
      const optional = [...optionalAttributes(type)].sort(goStringOrder).map(goJsonString);
      return `["object",{${members.join(',')}}${optional.length > 0 ? `,[${optional.join(',')}]` : ''}]`;
    }
  }
}

/** A string as Go's encoding/json writes it: like JSON.stringify, but <, >, &, U+2028 and U+2029 escaped. */
export function goJsonString(text: string): string {
  return JSON.stringify(text).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

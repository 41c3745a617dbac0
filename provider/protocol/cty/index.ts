// cty values and types for the plugin protocol: msgpack on the wire, JSON in state and schemas.
export {
  CtyCodecError,
  Dynamic,
  UNKNOWN,
  Unknown,
  dictionary,
  isWhollyKnown,
  typeEquals,
  type CtyPath,
  type CtyPrimitiveType,
  type CtyType,
  type CtyValue,
  type UnknownRefinement,
} from './types';
export { CtyNumber, isCtyNumber, numbersEqual } from './number';
export { parseTypeJson, typeJson } from './type-json';
export { decodeMsgpack, encodeMsgpack } from './msgpack';
export { decodeJsonValue, encodeJsonValue } from './json';

import { BSON_ARRAY, BSON_BINARY, BSON_DOCUMENT, BSON_INT32, BSON_STRING, fixedSize } from './bson-types.js';

/**
 * One element of a decoded document. `value` is decoded for the types the protocol uses (string,
 * binData, int32) and is `undefined` for every other type, whose bytes were only walked.
 * @internal
 */
export interface BsonElement {
  readonly key: string;
  readonly type: number;
  readonly value: string | number | Uint8Array | undefined;
  /** binData subtype. */
  readonly subtype?: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const MAX_DEPTH = 100;

/** Why bytes are not a BSON document; the caller adds which payload it was. @internal */
export class BsonFormatError extends Error {
  override readonly name = 'BsonFormatError';
}

function fail(reason: string): never {
  throw new BsonFormatError(reason);
}

// Keys and the payloads' strings are ASCII: decode those without TextDecoder's per-call cost.
function decodeText(bytes: Uint8Array, start: number, end: number): string {
  for (let i = start; i < end; i++) {
    if ((bytes[i] ?? 0) >= 0x80) return utf8.decode(bytes.subarray(start, end));
  }
  return (bytes instanceof Buffer ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).toString('latin1', start, end);
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function readCString(bytes: Uint8Array, at: number, end: number, what: string): [string, number] {
  const nul = bytes.indexOf(0, at);
  if (nul < 0 || nul >= end) fail(`${what} is not NUL-terminated`);
  try {
    return [decodeText(bytes, at, nul), nul + 1];
  } catch {
    return fail(`${what} is not valid UTF-8`);
  }
}

function readString(bytes: Uint8Array, data: DataView, at: number, end: number, key: string): [string, number] {
  if (at + 4 > end) fail(`field "${key}": string length runs past the end of the document`);
  const length = data.getInt32(at, true);
  const stop = at + 4 + length;
  if (length < 1 || stop > end) fail(`field "${key}": string length ${length} does not fit the document`);
  if (bytes[stop - 1] !== 0) fail(`field "${key}": string is not NUL-terminated`);
  try {
    return [decodeText(bytes, at + 4, stop - 1), stop];
  } catch {
    return fail(`field "${key}": string is not valid UTF-8`);
  }
}

function embeddedEnd(bytes: Uint8Array, data: DataView, at: number, end: number, key: string, depth: number): number {
  if (at + 4 > end) fail(`field "${key}": embedded document runs past the end`);
  const length = data.getInt32(at, true);
  if (length < 5 || at + length > end) fail(`field "${key}": embedded document length ${length} does not fit`);
  walk(bytes.subarray(at, at + length), depth + 1);
  return at + length;
}

function binary(bytes: Uint8Array, data: DataView, at: number, end: number, key: string): [Uint8Array, number, number] {
  if (at + 5 > end) fail(`field "${key}": binData header runs past the end`);
  const length = data.getInt32(at, true);
  const subtype = bytes[at + 4] ?? 0;
  const stop = at + 5 + length;
  if (length < 0 || stop > end) fail(`field "${key}": binData length ${length} does not fit the document`);
  // Subtype 2 (the old binary format) repeats the length inside the data.
  if (subtype === 2 && (length < 4 || data.getInt32(at + 5, true) !== length - 4)) fail(`field "${key}": binData subtype 2 has an inconsistent inner length`);
  return [bytes.subarray(at + 5, stop), subtype, stop];
}

// Skips one value of a type the payloads never use, so that the whole document is still checked.
function skip(bytes: Uint8Array, data: DataView, type: number, at: number, end: number, key: string, depth: number): number {
  const fixed = fixedSize(type);
  if (fixed !== undefined) {
    if (at + fixed > end) fail(`field "${key}": value runs past the end of the document`);
    if (type === 0x08 && bytes[at] !== 0 && bytes[at] !== 1) fail(`field "${key}": bool is neither 0 nor 1`);
    return at + fixed;
  }
  switch (type) {
    case 0x0d:
    case 0x0e:
      return readString(bytes, data, at, end, key)[1];
    case 0x0c: {
      const stop = readString(bytes, data, at, end, key)[1] + 12;
      if (stop > end) fail(`field "${key}": dbPointer runs past the end`);
      return stop;
    }
    case 0x0b: {
      const afterPattern = readCString(bytes, at, end, `field "${key}": regex pattern`)[1];
      return readCString(bytes, afterPattern, end, `field "${key}": regex options`)[1];
    }
    case 0x0f: {
      if (at + 4 > end) fail(`field "${key}": code with scope runs past the end`);
      const length = data.getInt32(at, true);
      const stop = at + length;
      if (length < 14 || stop > end) fail(`field "${key}": code with scope length ${length} does not fit`);
      const afterCode = readString(bytes, data, at + 4, stop, key)[1];
      if (embeddedEnd(bytes, data, afterCode, stop, key, depth) !== stop) fail(`field "${key}": code with scope has trailing bytes`);
      return stop;
    }
    default:
      return fail(`field "${key}" has unknown BSON type 0x${type.toString(16).padStart(2, '0')}`);
  }
}

function walk(bytes: Uint8Array, depth: number): BsonElement[] {
  if (depth > MAX_DEPTH) fail(`documents nest deeper than ${MAX_DEPTH} levels`);
  if (bytes.byteLength < 5) fail(`${bytes.byteLength} bytes is shorter than the smallest document (5)`);
  const data = view(bytes);
  const declared = data.getInt32(0, true);
  if (declared !== bytes.byteLength) fail(`the document declares ${declared} bytes but ${bytes.byteLength} were received`);
  const end = bytes.byteLength - 1;
  if (bytes[end] !== 0) fail('the document does not end with a NUL byte');
  const elements: BsonElement[] = [];
  let at = 4;
  while (at < end) {
    const type = bytes[at] ?? 0;
    const [key, valueAt] = readCString(bytes, at + 1, end, 'a field name');
    switch (type) {
      case BSON_STRING: {
        const [value, next] = readString(bytes, data, valueAt, end, key);
        elements.push({ key, type, value });
        at = next;
        break;
      }
      case BSON_INT32:
        if (valueAt + 4 > end) fail(`field "${key}": int32 runs past the end of the document`);
        elements.push({ key, type, value: data.getInt32(valueAt, true) });
        at = valueAt + 4;
        break;
      case BSON_BINARY: {
        const [value, subtype, next] = binary(bytes, data, valueAt, end, key);
        elements.push({ key, type, value, subtype });
        at = next;
        break;
      }
      case BSON_DOCUMENT:
      case BSON_ARRAY:
        at = embeddedEnd(bytes, data, valueAt, end, key, depth);
        elements.push({ key, type, value: undefined });
        break;
      default:
        at = skip(bytes, data, type, valueAt, end, key, depth);
        elements.push({ key, type, value: undefined });
        break;
    }
  }
  if (at !== end) fail('the last element runs into the closing NUL byte');
  return elements;
}

/**
 * Decodes and fully validates one BSON document: lengths, NUL terminators, UTF-8 of keys and
 * strings, every element of every type (nested documents included), no trailing bytes. Returns
 * the top-level elements in order, repeated keys included (the caller rejects them). Throws
 * {@link BsonFormatError}.
 * @internal
 */
export function decodeDocument(bytes: Uint8Array): BsonElement[] {
  // A Buffer view once, so that text decoding does not make one per string.
  return walk(bytes instanceof Buffer ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0);
}

import { BSON_BINARY, BSON_INT32, BSON_STRING } from './bson-types.js';

/**
 * A value of one of the three BSON types the MONGODB-AWS payloads use.
 * @internal
 */
export type FlatValue =
  | { readonly type: 'binary'; readonly bytes: Uint8Array; readonly subtype?: number }
  | { readonly type: 'int32'; readonly value: number }
  | { readonly type: 'string'; readonly value: string };

/** A field of a flat document, in the order it is written. @internal */
export type FlatField = readonly [key: string, value: FlatValue];

function valueSize(value: FlatValue): number {
  switch (value.type) {
    case 'binary':
      return 5 + value.bytes.byteLength;
    case 'int32':
      return 4;
    case 'string':
      return 5 + Buffer.byteLength(value.value, 'utf8');
  }
}

/**
 * Encodes a flat BSON document (no nesting) exactly as the `bson` package serializes the same
 * JavaScript object: `{ r: Uint8Array, p: 110 }` → binData subtype 0 and int32. Keys must not
 * contain NUL; int32 values must be integers in range. Checked by the caller's construction.
 * @internal
 */
export function encodeDocument(fields: readonly FlatField[]): Buffer {
  let size = 5;
  for (const [key, value] of fields) size += 2 + Buffer.byteLength(key, 'utf8') + valueSize(value);
  const out = Buffer.allocUnsafe(size);
  out.writeInt32LE(size, 0);
  let at = 4;
  for (const [key, value] of fields) {
    out[at++] = value.type === 'binary' ? BSON_BINARY : value.type === 'int32' ? BSON_INT32 : BSON_STRING;
    at += out.write(key, at, 'utf8');
    out[at++] = 0;
    switch (value.type) {
      case 'binary':
        out.writeInt32LE(value.bytes.byteLength, at);
        out[at + 4] = value.subtype ?? 0;
        out.set(value.bytes, at + 5);
        at += 5 + value.bytes.byteLength;
        break;
      case 'int32':
        out.writeInt32LE(value.value, at);
        at += 4;
        break;
      case 'string': {
        const length = out.write(value.value, at + 4, 'utf8');
        out.writeInt32LE(length + 1, at);
        out[at + 4 + length] = 0;
        at += 5 + length;
        break;
      }
    }
  }
  out[at] = 0;
  return out;
}

// The BSON element types (bsonspec.org), by the byte that starts an element. The three MONGODB-AWS
// payloads use only string, binary and int32 (plus an optional embedded document in the
// client-final); the others are known so that a payload using them is walked exactly and
// rejected with the type's name.

export const BSON_DOUBLE = 0x01;
export const BSON_STRING = 0x02;
export const BSON_DOCUMENT = 0x03;
export const BSON_ARRAY = 0x04;
export const BSON_BINARY = 0x05;
export const BSON_INT32 = 0x10;

const NAMES: Readonly<Record<number, string>> = {
  0x01: 'double',
  0x02: 'string',
  0x03: 'document',
  0x04: 'array',
  0x05: 'binData',
  0x06: 'undefined',
  0x07: 'objectId',
  0x08: 'bool',
  0x09: 'date',
  0x0a: 'null',
  0x0b: 'regex',
  0x0c: 'dbPointer',
  0x0d: 'javascript',
  0x0e: 'symbol',
  0x0f: 'javascriptWithScope',
  0x10: 'int',
  0x11: 'timestamp',
  0x12: 'long',
  0x13: 'decimal',
  0x7f: 'maxKey',
  0xff: 'minKey',
};

/** The `$type` alias mongod uses for a type byte (`int`, `long`, `binData`, …). */
export function bsonTypeName(type: number): string {
  return NAMES[type] ?? `unknown type 0x${type.toString(16).padStart(2, '0')}`;
}

/** Byte size of the value of a fixed-size type, or undefined for variable-size ones. */
export function fixedSize(type: number): number | undefined {
  switch (type) {
    case 0x06:
    case 0x0a:
    case 0x7f:
    case 0xff:
      return 0;
    case 0x08:
      return 1;
    case 0x10:
      return 4;
    case 0x01:
    case 0x09:
    case 0x11:
    case 0x12:
      return 8;
    case 0x07:
      return 12;
    case 0x13:
      return 16;
    default:
      return undefined;
  }
}

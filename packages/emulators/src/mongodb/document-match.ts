import { BSON, ObjectId, type Document } from 'bson';

function isPlainObject(value: unknown): value is Document {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

function numeric(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  const bson = value as { _bsontype?: string; toNumber?: () => number; valueOf?: () => unknown } | null;
  if (bson !== null && typeof bson === 'object' && (bson._bsontype === 'Long' || bson._bsontype === 'Int32' || bson._bsontype === 'Double')) {
    return Number(bson.valueOf?.() ?? bson.toNumber?.());
  }
  return undefined;
}

/** BSON equality as a simple equality filter needs it: numbers by value, ObjectIds and dates by content, the rest by bytes. */
export function valuesEqual(a: unknown, b: unknown): boolean {
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined || nb !== undefined) return na === nb;
  if (a instanceof ObjectId && b instanceof ObjectId) return a.equals(b);
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  return Buffer.from(BSON.serialize({ v: a })).equals(Buffer.from(BSON.serialize({ v: b })));
}

/** The value at a dotted path (`a.b`), or undefined. */
export function valueAt(document: Document, path: string): unknown {
  let current: unknown = document;
  for (const part of path.split('.')) {
    if (!isPlainObject(current)) return undefined;
    current = current[part];
  }
  return current;
}

/**
 * Whether `document` matches a simple filter: top-level or dotted field equality, `$eq`, and an
 * array field matching one of its elements, as MongoDB's equality does. Other operators are
 * refused by the caller (see {@link unsupportedOperator}).
 */
export function matches(document: Document, filter: Document): boolean {
  for (const [path, condition] of Object.entries(filter)) {
    const wanted: unknown = isPlainObject(condition) && '$eq' in condition ? condition.$eq : condition;
    const actual = valueAt(document, path);
    if (valuesEqual(actual, wanted)) continue;
    if (Array.isArray(actual) && actual.some((element) => valuesEqual(element, wanted))) continue;
    if (wanted === null && actual === undefined) continue;
    return false;
  }
  return true;
}

/** The first query operator a simple filter does not support, if any. */
export function unsupportedOperator(filter: Document): string | undefined {
  for (const [key, condition] of Object.entries(filter)) {
    if (key.startsWith('$')) return key;
    if (isPlainObject(condition)) {
      const operators = Object.keys(condition).filter((k) => k.startsWith('$'));
      const other = operators.find((k) => k !== '$eq');
      if (other !== undefined) return other;
    }
  }
  return undefined;
}

const TYPE_ORDER = (value: unknown): number => {
  if (value === undefined || value === null) return 1;
  if (numeric(value) !== undefined) return 2;
  if (typeof value === 'string') return 3;
  if (isPlainObject(value)) return 4;
  if (Array.isArray(value)) return 5;
  if (value instanceof ObjectId) return 7;
  if (typeof value === 'boolean') return 8;
  if (value instanceof Date) return 9;
  return 10;
};

/** MongoDB's sort order for the common types (null < numbers < strings < objects < arrays < ObjectId < bool < date). */
export function compareValues(a: unknown, b: unknown): number {
  const ta = TYPE_ORDER(a);
  const tb = TYPE_ORDER(b);
  if (ta !== tb) return ta - tb;
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined && nb !== undefined) return na - nb;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (a instanceof ObjectId && b instanceof ObjectId) return a.toHexString().localeCompare(b.toHexString());
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return 0;
}

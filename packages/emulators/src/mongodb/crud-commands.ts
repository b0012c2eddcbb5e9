import { Long, ObjectId, type Document } from 'bson';
import { badValue, commandError, typeMismatch } from './command-errors.js';
import { compareValues, matches, unsupportedOperator, valueAt, valuesEqual } from './document-match.js';
import type { MemoryStore } from './memory-store.js';

const DEFAULT_BATCH = 101;

function collectionName(command: Document, name: string): string | Document {
  const value: unknown = command[name];
  if (typeof value !== 'string' || value === '') return typeMismatch(`collection name has invalid type ${typeof value}`);
  return value;
}

function nonNegative(value: unknown, field: string): number | Document | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === 'number' ? value : value instanceof Long ? value.toNumber() : Number.NaN;
  if (!Number.isInteger(number) || number < 0) return badValue(`${field} must be a non-negative integer`);
  return number;
}

/** `insert`: documents from the body or a kind-1 sequence; `_id` added when missing; duplicate `_id`s refused per document. */
export function insertCommand(store: MemoryStore, db: string, command: Document): Document {
  const name = collectionName(command, 'insert');
  if (typeof name !== 'string') return name;
  const documents: unknown = command.documents;
  if (!Array.isArray(documents) || documents.length === 0) return badValue('insert needs a non-empty documents array');
  const ns = `${db}.${name}`;
  const existing = store.documents(ns);
  const writeErrors: Document[] = [];
  let n = 0;
  const ordered = command.ordered !== false;
  for (const [index, raw] of (documents as unknown[]).entries()) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      writeErrors.push({ index, code: 2, errmsg: 'document to insert must be an object' });
      if (ordered) break;
      continue;
    }
    const document = { ...(raw as Document) };
    if (!('_id' in document)) document._id = new ObjectId();
    const id: unknown = document._id;
    if (existing.some((other) => valuesEqual(other._id, id))) {
      writeErrors.push({ index, code: 11000, errmsg: `E11000 duplicate key error collection: ${ns} index: _id_ dup key: { _id: ${String(id)} }` });
      if (ordered) break;
      continue;
    }
    store.insert(ns, document);
    existing.push(document);
    n++;
  }
  return writeErrors.length === 0 ? { n, ok: 1 } : { n, writeErrors, ok: 1 };
}

/** `find`: simple equality filters, `sort` (any number of fields), `skip`, `limit`, `batchSize`, `singleBatch`. */
export function findCommand(store: MemoryStore, db: string, command: Document): Document {
  const name = collectionName(command, 'find');
  if (typeof name !== 'string') return name;
  const filter: unknown = command.filter ?? {};
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) return typeMismatch('filter must be an object');
  const operator = unsupportedOperator(filter);
  if (operator !== undefined) return commandError(2, 'BadValue', `the MongoDB emulator supports equality filters only, not ${operator}`);
  const limit = nonNegative(command.limit, 'limit');
  const skip = nonNegative(command.skip, 'skip');
  const batchSize = nonNegative(command.batchSize, 'batchSize');
  for (const value of [limit, skip, batchSize]) if (typeof value === 'object') return value;
  const ns = `${db}.${name}`;
  let results = store.documents(ns).filter((document) => matches(document, filter as Document));
  const sort: unknown = command.sort;
  if (typeof sort === 'object' && sort !== null && Object.keys(sort).length > 0) {
    const keys = Object.entries(sort as Document).map(([field, direction]) => [field, Number(direction) < 0 ? -1 : 1] as const);
    results = results.sort((a, b) => {
      for (const [field, direction] of keys) {
        const order = compareValues(valueAt(a, field), valueAt(b, field));
        if (order !== 0) return order * direction;
      }
      return 0;
    });
  }
  results = results.slice((skip as number | undefined) ?? 0);
  if (typeof limit === 'number' && limit > 0) results = results.slice(0, limit);
  const firstSize = typeof batchSize === 'number' ? batchSize : DEFAULT_BATCH;
  const firstBatch = firstSize === 0 ? [] : results.splice(0, firstSize);
  const more = results.length > 0 && command.singleBatch !== true;
  const id = more ? store.openCursor(ns, results) : Long.fromInt(0);
  return { cursor: { firstBatch, id, ns }, ok: 1 };
}

/** `getMore` on a cursor `find` opened. */
export function getMoreCommand(store: MemoryStore, db: string, command: Document): Document {
  const raw: unknown = command.getMore;
  const id = raw instanceof Long ? raw.toBigInt() : typeof raw === 'number' ? BigInt(raw) : undefined;
  const name = collectionName(command, 'collection');
  if (id === undefined) return typeMismatch('getMore cursor id must be a long');
  if (typeof name !== 'string') return name;
  const ns = `${db}.${name}`;
  const batchSize = nonNegative(command.batchSize, 'batchSize');
  if (typeof batchSize === 'object') return batchSize;
  const next = store.next(id, ns, batchSize ?? Number.MAX_SAFE_INTEGER);
  if (next === undefined) return commandError(43, 'CursorNotFound', `cursor id ${id} not found`);
  return { cursor: { nextBatch: next.batch, id: next.exhausted ? Long.fromInt(0) : Long.fromBigInt(id), ns }, ok: 1 };
}

/** `killCursors`. */
export function killCursorsCommand(store: MemoryStore, command: Document): Document {
  const ids: unknown = command.cursors;
  if (!Array.isArray(ids)) return typeMismatch('cursors must be an array');
  const cursorsKilled: Long[] = [];
  const cursorsNotFound: Long[] = [];
  for (const raw of ids as unknown[]) {
    const id = raw instanceof Long ? raw : typeof raw === 'number' ? Long.fromNumber(raw) : undefined;
    if (id === undefined) continue;
    (store.kill(id.toBigInt()) ? cursorsKilled : cursorsNotFound).push(id);
  }
  return { cursorsKilled, cursorsNotFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
}

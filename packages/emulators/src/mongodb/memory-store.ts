import { BSON, Long, type Document } from 'bson';

interface Cursor {
  readonly ns: string;
  readonly remaining: Document[];
}

/**
 * The emulator's data: collections of documents per database, kept as BSON bytes (so what a
 * client reads back is exactly what it wrote), and open cursors.
 */
export class MemoryStore {
  readonly #collections = new Map<string, Buffer[]>();
  readonly #cursors = new Map<bigint, Cursor>();
  #nextCursor = 1n;

  /** Every document of `db.collection`, decoded afresh (callers may change them). */
  documents(namespace: string): Document[] {
    return (this.#collections.get(namespace) ?? []).map((bytes) => BSON.deserialize(bytes));
  }

  insert(namespace: string, document: Document): void {
    let collection = this.#collections.get(namespace);
    if (collection === undefined) {
      collection = [];
      this.#collections.set(namespace, collection);
    }
    collection.push(Buffer.from(BSON.serialize(document)));
  }

  drop(namespace: string): boolean {
    return this.#collections.delete(namespace);
  }

  /** Remembers the rest of a result for getMore; returns its id. */
  openCursor(ns: string, remaining: Document[]): Long {
    const id = this.#nextCursor++;
    this.#cursors.set(id, { ns, remaining });
    return Long.fromBigInt(id);
  }

  /** Up to `batchSize` more documents, and whether the cursor is now exhausted (and closed). */
  next(id: bigint, ns: string, batchSize: number): { readonly batch: Document[]; readonly exhausted: boolean } | undefined {
    const cursor = this.#cursors.get(id);
    if (cursor?.ns !== ns) return undefined;
    const batch = cursor.remaining.splice(0, batchSize);
    const exhausted = cursor.remaining.length === 0;
    if (exhausted) this.#cursors.delete(id);
    return { batch, exhausted };
  }

  kill(id: bigint): boolean {
    return this.#cursors.delete(id);
  }

  get openCursors(): number {
    return this.#cursors.size;
  }
}

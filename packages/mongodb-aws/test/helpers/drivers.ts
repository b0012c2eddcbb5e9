// The two driver majors the adapter supports, installed side by side (`mongodb6` is an alias).
import { createRequire } from 'node:module';
import { MongoClient as MongoClient7 } from 'mongodb';
import { MongoClient as MongoClient6 } from 'mongodb6';

const requireHere = createRequire(import.meta.url);

export type AnyMongoClient = MongoClient7 | MongoClient6;

export interface Driver {
  readonly name: string;
  readonly version: string;
  create(uri: string, options: Record<string, unknown>): MongoClient7;
}

export const DRIVERS: readonly Driver[] = [
  { name: 'mongodb 7', version: (requireHere('mongodb/package.json') as { version: string }).version, create: (uri, options) => new MongoClient7(uri, options) },
  // The 6.x client has the same surface for everything these tests use.
  { name: 'mongodb 6', version: (requireHere('mongodb6/package.json') as { version: string }).version, create: (uri, options) => new MongoClient6(uri, options) as unknown as MongoClient7 },
];

/** Closes what a test opened, last first. */
export function closer(): { add<T extends { close(): Promise<unknown> }>(item: T): T; closeAll(): Promise<void> } {
  const items: { close(): Promise<unknown> }[] = [];
  return {
    add(item) {
      items.push(item);
      return item;
    },
    async closeAll() {
      for (const item of items.splice(0).reverse()) await item.close();
    },
  };
}

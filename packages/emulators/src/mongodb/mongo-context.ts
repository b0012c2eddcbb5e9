import type { Clock } from '@iamkit/credentials';
import type { MongoAwsServer, MongoAwsServerConversation } from '@iamkit/mongodb-aws-sasl';
import type { MemoryStore } from './memory-store.js';
import type { MongoFaultInjector } from './mongo-faults.js';
import type { MongoCommandLog, MongoCounters } from './mongo-log.js';

/** What every connection of one emulator shares. */
export interface MongoContext {
  readonly now: Clock;
  readonly server: MongoAwsServer;
  readonly users: Set<string>;
  readonly store: MemoryStore;
  readonly counters: MongoCounters;
  readonly commands: MongoCommandLog;
  readonly faults: MongoFaultInjector;
  readonly authFailedDelayMs: number;
  readonly maxWireVersion: number;
  /** A real-time pause that ends early (resolving) when the emulator closes. */
  readonly delay: (ms: number) => Promise<void>;
}

/** One client connection's state. */
export interface MongoConnectionState {
  readonly id: number;
  readonly clientAddress: string;
  readonly clientPort: number;
  user: string | undefined;
  conversation: { readonly id: number; readonly steps: MongoAwsServerConversation } | undefined;
  conversations: number;
}

import { describeCredentials, type Credentials } from '../credentials.js';
import type { CacheEntrySnapshot, CacheEntryState } from './cache-stats.js';
import type { RefreshSchedule } from './refresh-schedule.js';

/** What a cache holds: the credentials and the schedule decided when they arrived. */
export interface CacheEntry {
  readonly credentials: Credentials;
  /** Resolved once and returned to every cache hit, so a hit allocates nothing. */
  readonly promise: Promise<Credentials>;
  readonly schedule: RefreshSchedule;
  readonly fetchedAt: number;
}

function entryState(entry: CacheEntry, now: number): CacheEntryState {
  if (now < entry.schedule.refreshAt) return 'fresh';
  if (now < entry.schedule.mandatoryAt) return 'advisory';
  return now < entry.schedule.expiresAt ? 'mandatory' : 'expired';
}

export function entrySnapshot(entry: CacheEntry, now: number): CacheEntrySnapshot {
  const { schedule } = entry;
  const snapshot: { -readonly [K in keyof CacheEntrySnapshot]: CacheEntrySnapshot[K] } = {
    credentials: describeCredentials(entry.credentials),
    state: entryState(entry, now),
    fetchedAt: new Date(entry.fetchedAt).toISOString(),
  };
  if (Number.isFinite(schedule.expiresAt)) {
    snapshot.expiration = new Date(schedule.expiresAt).toISOString();
    snapshot.refreshAt = new Date(schedule.refreshAt).toISOString();
    snapshot.mandatoryAt = new Date(schedule.mandatoryAt).toISOString();
  }
  return snapshot;
}

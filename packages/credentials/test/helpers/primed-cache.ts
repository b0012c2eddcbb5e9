import { type CacheOptions, cached } from '../../src/index.js';
import { controlledSource } from './controlled-source.js';
import { HOUR, temporaryCredentials } from './credentials.js';
import { fakeClock } from './fake-clock.js';

/**
 * A cache over a {@link controlledSource} on a fake clock, already holding credentials that live
 * `lifetimeMs` from now; `random` is 0.5 unless `options` says otherwise.
 */
export async function primedCache(options: CacheOptions = {}, lifetimeMs = HOUR) {
  const clock = fakeClock();
  const source = controlledSource();
  const provider = cached(source.provider, { now: clock.now, random: () => 0.5, ...options });
  const first = provider();
  const creds = temporaryCredentials(clock.now(), lifetimeMs);
  await source.resolve(creds);
  await first;
  return { clock, source, provider, creds, expiresAt: clock.now() + lifetimeMs };
}

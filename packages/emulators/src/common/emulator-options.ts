import type { Clock, RandomSource } from '@iamkit/credentials';
import { optionError } from './errors.js';

/**
 * Options every emulator accepts.
 *
 * @example
 * ```ts
 * let t = Date.parse('2026-01-01T00:00:00Z');
 * await startImds({ port: 0, now: () => t, lifetimeMs: 60 * 60_000, rotateBeforeMs: 5 * 60_000 });
 * ```
 * @public
 */
export interface EmulatorOptions {
  /** Interface to listen on. Default `127.0.0.1`. */
  readonly host?: string | undefined;
  /** Port; default 0 (a free port, read it from `handle.url`). */
  readonly port?: number | undefined;
  /**
   * The emulator's clock (`Date.now` by default): credential expiry and rotation, token expiry,
   * not-ready periods and rate-limit refill all follow it, so tests advance a fake clock instead
   * of sleeping. Fault delays are real time.
   */
  readonly now?: Clock | undefined;
  /** Random source for keys, tokens and ids; default `Math.random`. */
  readonly random?: RandomSource | undefined;
  /** Lifetime of the credentials the emulator issues. Default 6 hours. */
  readonly lifetimeMs?: number | undefined;
  /**
   * New keys are issued once the current ones are this close to expiry (checked on every
   * request). Default 15 minutes — earlier than any SDK's 5-minute refresh window.
   */
  readonly rotateBeforeMs?: number | undefined;
}

/**
 * A token-bucket rate limit: `rate` requests per second steady, `burst` at once.
 *
 * @example
 * ```ts
 * await startEcsAgent({ rateLimit: { rate: 40, burst: 60 } });
 * ```
 * @public
 */
export interface RateLimit {
  readonly rate: number;
  readonly burst: number;
}

export interface ResolvedEmulatorOptions {
  readonly host: string;
  readonly port: number;
  readonly now: Clock;
  readonly random: RandomSource;
}

export function resolveEmulatorOptions(emulator: string, options: EmulatorOptions): ResolvedEmulatorOptions {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (typeof host !== 'string' || host === '') throw optionError(emulator, 'host', 'must be a non-empty host name or IP address');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw optionError(emulator, 'port', 'must be an integer from 0 to 65535 (0 picks a free port)');
  return { host, port, now: options.now ?? Date.now, random: options.random ?? Math.random };
}

/** Validates a `rateLimit` option: `false` turns limiting off, `undefined` takes the emulator's default. */
export function resolveRateLimit(emulator: string, option: RateLimit | false | undefined, fallback: RateLimit | undefined): RateLimit | undefined {
  if (option === false) return undefined;
  if (option === undefined) return fallback;
  if (!(Number.isFinite(option.rate) && option.rate > 0)) throw optionError(emulator, 'rateLimit.rate', 'must be a positive number of requests per second');
  if (!(Number.isInteger(option.burst) && option.burst >= 1)) throw optionError(emulator, 'rateLimit.burst', 'must be an integer, 1 or more');
  return { rate: option.rate, burst: option.burst };
}

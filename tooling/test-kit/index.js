// Test helpers every package's tests share. Plain JS with hand-written types, so that no build step
// sits between a change here and the tests that use it.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';

export const T0 = Date.parse('2026-03-01T12:00:00Z');

export function fakeClock(start = T0) {
  let current = start;
  return {
    now: () => current,
    advance(ms) {
      current += ms;
    },
    set(ms) {
      current = ms;
    },
  };
}

// mulberry32: small, deterministic, uniform in [0, 1).
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function recordingSleep(clock) {
  const delays = [];
  return {
    delays,
    sleep: (ms) => {
      delays.push(ms);
      clock?.advance(ms);
      return Promise.resolve();
    },
  };
}

export function memoryFiles(initial = {}) {
  const files = { ...initial };
  const reads = new Map();
  return {
    files,
    reads,
    readFile: (path) => {
      reads.set(path, (reads.get(path) ?? 0) + 1);
      const text = files[path];
      if (text === undefined) return Promise.reject(Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' }));
      return Promise.resolve(text);
    },
  };
}

export async function rejectionOf(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

export function recordChannels(names, filter = () => true) {
  const events = [];
  const handlers = names.map((channel) => {
    const handler = (message) => {
      if (filter(message)) events.push({ channel, message });
    };
    subscribe(channel, handler);
    return [channel, handler];
  });
  return {
    events,
    stop() {
      for (const [channel, handler] of handlers) unsubscribe(channel, handler);
    },
  };
}

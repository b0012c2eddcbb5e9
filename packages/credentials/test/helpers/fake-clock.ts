/** A clock that moves only when the test says so. */
export interface FakeClock {
  readonly now: () => number;
  advance(ms: number): void;
  set(ms: number): void;
}

export const T0 = Date.parse('2026-03-01T12:00:00Z');

export function fakeClock(start = T0): FakeClock {
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

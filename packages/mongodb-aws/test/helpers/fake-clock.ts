import { fakeClock as startAt, type FakeClock } from '@iamkit/test-kit';

export type { FakeClock };

/** A clock that moves only when the test says so, starting at the real time (STS checks signing dates against its own clock). */
export function fakeClock(start = Date.now()): FakeClock {
  return startAt(start);
}

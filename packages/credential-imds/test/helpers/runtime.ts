export { T0, fakeClock, memoryFiles, recordingSleep, rejectionOf, seededRandom, type FakeClock } from '@iamkit/test-kit';

export { T0, fakeClock, type FakeClock } from '@iamkit/test-kit';

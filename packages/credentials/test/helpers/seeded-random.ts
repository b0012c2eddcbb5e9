export { seededRandom } from '@iamkit/test-kit';

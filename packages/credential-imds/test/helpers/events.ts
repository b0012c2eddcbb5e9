export { recordChannels } from '@iamkit/test-kit';

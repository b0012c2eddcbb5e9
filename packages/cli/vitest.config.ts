import { packageTests } from '@iamkit/vitest-config';

export default packageTests(import.meta.dirname);

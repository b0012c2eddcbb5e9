import { packageLint } from '@iamkit/eslint-config';

export default packageLint(import.meta.dirname);

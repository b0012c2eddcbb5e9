import { packageBuild } from '@iamkit/tsup-config';

export default packageBuild();

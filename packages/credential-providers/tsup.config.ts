import { packageBuild } from '@iamkit/tsup-config';

export default packageBuild({
  // The sources are loaded on first use with import(). In the CommonJS build that must become
  // require(), so that a CommonJS program (the mongodb driver) gets the CommonJS copy of each
  // package rather than a second, ESM copy.
  esbuildOptions(options, context) {
    if (context.format === 'cjs') options.supported = { ...options.supported, 'dynamic-import': false };
  },
});

import { readFileSync } from 'node:fs';
import { packageBuild } from '@iamkit/tsup-config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// The library (ESM + CJS + types) and the `iamkit` bin. The version is baked in at build time so
// the bin never has to find its package.json at run time.
export default packageBuild({
  entry: { index: 'src/index.ts', bin: 'src/bin/iamkit.ts' },
  dts: { entry: { index: 'src/index.ts' }, compilerOptions: { ignoreDeprecations: '6.0' } },
  define: { IAMKIT_CLI_VERSION: JSON.stringify(version) },
});

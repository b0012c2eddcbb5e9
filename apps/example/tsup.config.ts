import { packageBuild } from '@iamkit/tsup-config';

// A private app: ESM only, no type declarations; the emulator host is its own entry so the demo can fork it.
export default packageBuild({ entry: ['src/demo-cli.ts', 'src/run-demo.ts', 'src/emulator-host.ts'], format: ['esm'], dts: false });

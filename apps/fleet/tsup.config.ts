import { packageBuild } from '@iamkit/tsup-config';

// A private app: ESM only, no type declarations; the worker is its own entry so the parent can fork it.
export default packageBuild({ entry: ['src/fleet-cli.ts', 'src/run-fleet.ts', 'src/worker.ts'], format: ['esm'], dts: false });

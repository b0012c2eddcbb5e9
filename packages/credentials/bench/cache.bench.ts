// What a cache hit costs: `await cachedProvider()` against the floor, `await Promise.resolve(x)`,
// measured in the same run. Run with `pnpm bench` (from the root, or in this package).
import { cpus } from 'node:os';
import { bench, do_not_optimize, run, summary } from 'mitata';
import { cached, createCredentials } from '../src/index.js';

const HOUR = 3_600_000;
const creds = createCredentials(
  {
    accessKeyId: 'ASIABENCHMARKKEY0001',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    sessionToken: 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexample',
    expiration: new Date(Date.now() + 6 * HOUR),
  },
  'bench',
);
const provider = cached(() => Promise.resolve(creds));
await provider();
const withOptions = {};

summary(() => {
  bench('await Promise.resolve(x)  (floor)', async () => {
    do_not_optimize(await Promise.resolve(creds));
  }).baseline(true);
  bench('await cachedProvider()', async () => {
    do_not_optimize(await provider());
  });
  bench('await cachedProvider({})  (SDK-style call)', async () => {
    do_not_optimize(await provider(withOptions));
  });
});

const { benchmarks } = await run();
// Medians: the averages of sub-microsecond async work swing with GC pauses between samples.
const median = (name: string): number => {
  const trial = benchmarks.find((b) => b.alias.startsWith(name));
  const stats = trial?.runs[0]?.stats;
  if (stats === undefined) throw new Error(`no result for ${name}`);
  return stats.p50;
};
const floor = median('await Promise.resolve');
const hit = median('await cachedProvider()');
const hitWithOptions = median('await cachedProvider({})');
const machine = `${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}`;
console.log(`\n${new Date().toISOString().slice(0, 10)} — ${machine} (medians)`);
console.log(`cache hit: ${(hit - floor).toFixed(1)} ns beyond a resolved promise (${hit.toFixed(1)} ns vs ${floor.toFixed(1)} ns)`);
console.log(`cache hit with an options object: ${(hitWithOptions - floor).toFixed(1)} ns beyond (${hitWithOptions.toFixed(1)} ns)`);
if (hit - floor >= 1000) {
  console.error('a cache hit costs a microsecond or more beyond a resolved promise: the hot path regressed');
  process.exitCode = 1;
}

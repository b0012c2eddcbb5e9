import { describe, expect, it } from 'vitest';
import { runFleet } from '../src/run-fleet.js';

// The children run the BUILT worker (dist/worker.js), which imports the built packages; turbo
// builds this app before its tests.
const workerPath = new URL('../dist/worker.js', import.meta.url);

describe('fleet: separate processes cold-starting together behind one ECS agent emulator', () => {
  it('40 processes at the agent’s default limit (40/s, burst 60): every one gets credentials', { timeout: 180_000 }, async () => {
    const report = await runFleet({ processes: 40, workerPath, timeoutMs: 170_000 });
    expect(report.failures).toEqual([]);
    expect(report.succeeded).toBe(40);
    expect(report.agent.rateLimit).toBe('40/s, burst 60');
    // All processes got the task's one set of credentials, one request each (plus retries).
    expect(report.accessKeyIds).toHaveLength(1);
    expect(report.agent.ok).toBeGreaterThanOrEqual(40);
    expect(report.agent.requests).toBe(report.agent.ok + report.agent.throttled);
  });

  it('30 processes against a limit they must exceed (20/s, burst 10): the 429s are absorbed by jittered retries', { timeout: 180_000 }, async () => {
    const report = await runFleet({ processes: 30, rateLimit: '20,10', workerPath, timeoutMs: 170_000 });
    expect(report.failures).toEqual([]);
    expect(report.succeeded).toBe(30);
    expect(report.agent.rateLimit).toBe('20/s, burst 10');
    expect(report.agent.throttled).toBeGreaterThan(0);
    expect(report.agent.ok).toBeGreaterThanOrEqual(30);
  });
});

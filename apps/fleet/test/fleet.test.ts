import { describe, expect, it } from 'vitest';
import { runFleet } from '../src/run-fleet.js';

// The children run the BUILT worker (dist/worker.js), which imports the built packages; turbo
// builds this app before its tests.
const workerPath = new URL('../dist/worker.js', import.meta.url);

describe('fleet: separate processes cold-starting together behind one ECS agent emulator', () => {
  it('25 processes at the agent’s default limit (40/s, burst 60): every one gets credentials', { timeout: 180_000 }, async () => {
    const report = await runFleet({ processes: 25, workerPath, timeoutMs: 170_000 });
    expect(report.failures).toEqual([]);
    expect(report.succeeded).toBe(25);
    expect(report.agent.rateLimit).toBe('40/s, burst 60');
    // All processes got the task's one set of credentials, one request each (plus retries).
    expect(report.accessKeyIds).toHaveLength(1);
    expect(report.agent.ok).toBeGreaterThanOrEqual(25);
    expect(report.agent.requests).toBe(report.agent.ok + report.agent.throttled);
  });

  it('20 processes against a limit they must exceed (10/s, burst 5): the 429s are absorbed by jittered retries', { timeout: 180_000 }, async () => {
    const report = await runFleet({ processes: 20, rateLimit: '10,5', workerPath, timeoutMs: 170_000 });
    expect(report.failures).toEqual([]);
    expect(report.succeeded).toBe(20);
    expect(report.agent.rateLimit).toBe('10/s, burst 5');
    expect(report.agent.throttled).toBeGreaterThan(0);
    expect(report.agent.ok).toBeGreaterThanOrEqual(20);
  });
});

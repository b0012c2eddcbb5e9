// The emulators of a demo run, in their own process — standing for an ECS agent, STS and a MongoDB
// server that have CPUs of their own, so the app's connection storm reaches them at its real pace
// instead of queueing behind their work on one event loop. Started by the demo with fork().
import { startEcsAgent, startMongo, startSts } from '@iamkit/emulators';
import type { HostConfig, HostMessage, HostRequest, HostStats } from './host-messages.js';

const ACCOUNT = '123456789012';
const TASK_ROLE = 'iamkit-emulator-task-role';

function send(message: HostMessage): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as HostConfig;
  const agent = await startEcsAgent({ rateLimit: config.rateLimit });
  const sts = await startSts();
  // STS knows the task role's credentials; MongoDB forwards every authentication to STS over HTTP,
  // with h = sts.amazonaws.com, so drivers sign exactly as they would for AWS.
  sts.addUser({ ...agent.credentials, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${TASK_ROLE}/demo-task` });
  const mongo = await startMongo({ sts: { url: sts.url }, stsHost: 'sts.amazonaws.com', users: [`arn:aws:sts::${ACCOUNT}:assumed-role/${TASK_ROLE}/*`] });
  const rateLimit = agent.rateLimit === undefined ? 'off' : `${agent.rateLimit.rate}/s, burst ${agent.rateLimit.burst}`;

  const stats = (): HostStats => ({
    agent: { requests: agent.counters.total, ok: agent.counters.status(200), throttled: agent.counters.throttled, rateLimit },
    mongo: { connections: mongo.counters.connections, authSucceeded: mongo.counters.authSucceeded, authFailed: mongo.counters.authFailed },
    sts: { calls: sts.calls.length },
  });

  process.on('message', (request: HostRequest) => {
    switch (request.type) {
      case 'stats':
        send({ type: 'stats', stats: stats() });
        break;
      case 'drop-next-find':
        mongo.faults.push({ match: { command: 'find' }, times: 1, response: { kind: 'drop' } });
        send({ type: 'done' });
        break;
      case 'close':
        void Promise.all([mongo.close(), sts.close(), agent.close()]).then(() => {
          send({ type: 'done' });
          process.disconnect();
        });
        break;
    }
  });
  // The parent is the only reason to live.
  process.on('disconnect', () => {
    void Promise.all([mongo.close(), sts.close(), agent.close()]);
  });
  send({ type: 'ready', mongoUri: mongo.uri, containerEnv: agent.env, rateLimit });
}

main().catch((error: unknown) => {
  send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
  process.disconnect();
});

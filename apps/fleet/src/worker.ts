// One process of the fleet: builds the provider an app would (a cached container source), then
// connects to the parent's barrier and waits there until every process has connected; the
// barrier's answer is the "go". It then fetches credentials once and reports over IPC. Waiting on
// an HTTP request also warms up the HTTP client, so after "go" the processes really do hit the
// agent together instead of being spread out by cold-start work.
import { performance } from 'node:perf_hooks';
import { fromContainerMetadata } from '@iamkit/credential-container';
import { cached, httpRequest, isIamkitError, maskAccessKeyId } from '@iamkit/credentials';
import type { ResultMessage } from './fleet-messages.js';

const [fullUri, barrierUrl, warmUpUrl] = process.argv.slice(2);
if (fullUri === undefined || barrierUrl === undefined || warmUpUrl === undefined || process.send === undefined) {
  console.error('worker.js is started by the fleet runner: fork(worker.js, [fullUri, barrierUrl, warmUpUrl]) with an IPC channel.');
  process.exit(2);
}

// The app's view: the endpoint comes from the environment the parent chose for it.
const provider = cached(fromContainerMetadata({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: fullUri } }));

async function main(): Promise<ResultMessage> {
  // Run the client code once against the barrier's throw-away endpoint: on a small machine running
  // many processes, first-call compilation would otherwise spread the processes out after "go" and
  // soften the storm this run is meant to produce.
  await fromContainerMetadata({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: warmUpUrl ?? '' } })();
  const go = await httpRequest({ url: barrierUrl ?? '', source: 'fleet-barrier', headersTimeoutMs: 0, bodyTimeoutMs: 0 });
  const releasedAt = Number(/^go (\d+(?:\.\d+)?)$/.exec(go.body)?.[1]);
  if (!Number.isFinite(releasedAt)) throw new Error(`the barrier answered ${go.status} ${go.body.slice(0, 40)}`);
  // Measured from the barrier's release, so time a process spent waiting for a CPU counts too.
  const started = releasedAt - performance.timeOrigin;
  try {
    const credentials = await provider();
    return { type: 'result', ok: true, ms: performance.now() - started, accessKeyId: maskAccessKeyId(credentials.accessKeyId) };
  } catch (error) {
    const code = isIamkitError(error) ? error.code : 'UNEXPECTED';
    return { type: 'result', ok: false, ms: performance.now() - started, code, message: error instanceof Error ? error.message : String(error) };
  }
}

// Stay alive (idle) until the parent has every result, so that exiting processes do not compete
// for the CPU with those still fetching.
main().then(
  (result) => {
    process.send?.(result);
    process.once('message', () => { process.disconnect(); });
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
    process.disconnect();
  },
);

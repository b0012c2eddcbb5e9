import { Agent, type Dispatcher } from 'undici';

// One keep-alive Agent per connect timeout (the one option undici cannot take per request),
// created on first use so that importing the package opens nothing. Idle keep-alive sockets do not
// keep the process alive (undici unrefs them).
const agents = new Map<number, Agent>();

/** The shared keep-alive dispatcher used when a request names no `dispatcher`. */
export function defaultDispatcher(connectTimeoutMs: number): Dispatcher {
  let agent = agents.get(connectTimeoutMs);
  if (agent === undefined) {
    agent = new Agent({ connect: { timeout: connectTimeoutMs }, keepAliveTimeout: 4_000 });
    agents.set(connectTimeoutMs, agent);
  }
  return agent;
}

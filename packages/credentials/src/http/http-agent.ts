import type * as Undici from 'undici';

// One keep-alive Agent per connect timeout (the one option undici cannot take per request),
// created on first use so that importing the package opens nothing. Idle keep-alive sockets do not
// keep the process alive (undici unrefs them).
const agents = new Map<number, Undici.Agent>();

/** The shared keep-alive dispatcher used when a request names no `dispatcher`. */
export function defaultDispatcher(undici: typeof Undici, connectTimeoutMs: number): Undici.Dispatcher {
  let agent = agents.get(connectTimeoutMs);
  if (agent === undefined) {
    agent = new undici.Agent({ connect: { timeout: connectTimeoutMs }, keepAliveTimeout: 4_000 });
    agents.set(connectTimeoutMs, agent);
  }
  return agent;
}

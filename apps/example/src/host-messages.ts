// The demo process and its emulator host talk over the fork's IPC channel.

/** Parent → host. */
export type HostRequest =
  | { readonly type: 'stats' }
  /** Close the next `find`'s connection without answering, as a failing-over server does. */
  | { readonly type: 'drop-next-find' }
  | { readonly type: 'close' };

/** What the emulators counted (secret-free). */
export interface HostStats {
  readonly agent: { readonly requests: number; readonly ok: number; readonly throttled: number; readonly rateLimit: string };
  readonly mongo: { readonly connections: number; readonly authSucceeded: number; readonly authFailed: number };
  readonly sts: { readonly calls: number };
}

/** Host → parent. */
export type HostMessage =
  | { readonly type: 'ready'; readonly mongoUri: string; readonly containerEnv: Readonly<Record<string, string>>; readonly rateLimit: string }
  | { readonly type: 'stats'; readonly stats: HostStats }
  | { readonly type: 'done' }
  | { readonly type: 'error'; readonly message: string };

/** The host's settings, passed as its one argument (JSON). */
export interface HostConfig {
  /** The ECS agent's limit as `ECS_TASK_METADATA_RPS_LIMIT` reads it ("40,60"); default the agent's own. */
  readonly rateLimit?: string | undefined;
}

export function isHostMessage(value: unknown): value is HostMessage {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

// The emulators a MONGODB-AWS test needs, wired as in production: the app gets credentials from a
// credential endpoint (ECS agent, IMDS, STS), the MongoDB emulator forwards every authentication to
// the STS emulator over HTTP (as mongod does), and STS knows the credentials the endpoints issue.
import type { Credentials } from '@iamkit/credentials';
import { startEcsAgent, startImds, startMongo, startSts, type EcsAgent, type EcsAgentOptions, type MongoEmulator, type StsEmulator } from '@iamkit/emulators';

export const ACCOUNT = '123456789012';
export const TASK_ROLE = 'iamkit-emulator-task-role';
/** The `$external` user for any session of the ECS task role (mongod collapses the session name). */
export const TASK_ROLE_USER = `arn:aws:sts::${ACCOUNT}:assumed-role/${TASK_ROLE}/*`;
export const ALICE_ARN = `arn:aws:iam::${ACCOUNT}:user/Alice`;

export interface Stack {
  readonly sts: StsEmulator;
  readonly mongo: MongoEmulator;
  /** Makes STS accept these credentials as a session of `role` (default the task role). */
  register(credentials: Credentials, role?: string): void;
  close(): Promise<void>;
}

export async function startStack(options: { users?: readonly string[]; now?: () => number } = {}): Promise<Stack> {
  const sts = await startSts();
  // h = sts.amazonaws.com: drivers sign for us-east-1 exactly as against AWS; the emulator listens on loopback.
  // mongod's default awsSTSRetryCount (2): on a loaded CI machine a loopback connect can miss its
  // 1 s timeout, and without the retry mongod would have that would read as "Authentication failed".
  const mongo = await startMongo({ sts: { url: sts.url, retryCount: 2 }, stsHost: 'sts.amazonaws.com', users: options.users ?? [TASK_ROLE_USER, ALICE_ARN], now: options.now });
  let sessions = 0;
  return {
    sts,
    mongo,
    register(credentials, role = TASK_ROLE) {
      sessions += 1;
      sts.addUser({ ...credentials, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/session-${sessions}` });
    },
    async close() {
      await mongo.close();
      await sts.close();
    },
  };
}

/** An ECS agent whose current credentials STS knows. */
export async function startAgent(stack: Stack, options: EcsAgentOptions = {}): Promise<EcsAgent> {
  const agent = await startEcsAgent(options);
  stack.register(agent.credentials);
  return agent;
}

export { startImds };

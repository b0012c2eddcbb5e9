// The specification's scenarios through AWS_CREDENTIAL_PROVIDER, with the real drivers: credentials
// from each source — environment, ECS container endpoint, EC2 IMDS, an assumed role, a web
// identity — authenticate as the $external user they map to, each through the provider a user would
// write (`@iamkit/credential-providers` for the assumed role and the web identity).
import { fromTemporaryCredentials, fromTokenFile } from '@iamkit/credential-providers';
import { cached, chain, type CredentialProvider } from '@iamkit/credentials';
import { fromContainerMetadata } from '@iamkit/credential-container';
import { fromEnv } from '@iamkit/credential-env';
import { fromInstanceMetadata } from '@iamkit/credential-imds';
import { createServiceAccountToken, STS_SAMPLE_ROLES, STS_SAMPLE_USERS, startImds, type StsEmulator } from '@iamkit/emulators';
import { afterEach, describe, expect, it } from 'vitest';
import { createMongoAwsProvider, mongoAwsOptions } from '../src/index.js';
import { closer, DRIVERS } from './helpers/drivers.js';
import { ACCOUNT, ALICE_ARN, startAgent, startStack, TASK_ROLE_USER, type Stack } from './helpers/stack.js';

const open = closer();
afterEach(() => open.closeAll());

const IMDS_ROLE = 'iamkit-emulator-instance-role';
const ROLE_USER = `arn:aws:sts::${ACCOUNT}:assumed-role/iamkit-emulator-role/*`;
const WEB_IDENTITY_USER = `arn:aws:sts::${ACCOUNT}:assumed-role/web-identity-role/*`;
const USERS = [ALICE_ARN, TASK_ROLE_USER, `arn:aws:sts::${ACCOUNT}:assumed-role/${IMDS_ROLE}/*`, ROLE_USER, WEB_IDENTITY_USER];

interface Scenario {
  readonly name: string;
  readonly user: string;
  /** The source for this scenario, and a check of how often its endpoint was asked. */
  setup(stack: Stack): Promise<{ source: CredentialProvider; endpointRequests: () => number }>;
}

function stsCalls(emulator: StsEmulator, action: string): () => number {
  return () => emulator.calls.filter((call) => call.action === action && call.status === 200).length;
}

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'environment (permanent keys)',
    user: ALICE_ARN,
    setup: async () => {
      let reads = 0;
      const env = { AWS_ACCESS_KEY_ID: STS_SAMPLE_USERS.alice.accessKeyId, AWS_SECRET_ACCESS_KEY: STS_SAMPLE_USERS.alice.secretAccessKey };
      const read = fromEnv({ env });
      return { source: async (o) => (reads++, read(o)), endpointRequests: () => reads };
    },
  },
  {
    name: 'ECS container endpoint (task role)',
    user: TASK_ROLE_USER,
    setup: async (stack) => {
      const agent = open.add(await startAgent(stack));
      return { source: fromContainerMetadata({ env: agent.env }), endpointRequests: () => agent.counters.total };
    },
  },
  {
    name: 'EC2 IMDSv2 (instance profile)',
    user: `arn:aws:sts::${ACCOUNT}:assumed-role/${IMDS_ROLE}/*`,
    setup: async (stack) => {
      const imds = open.add(await startImds({ roleName: IMDS_ROLE }));
      stack.register(imds.credentials, IMDS_ROLE);
      return { source: fromInstanceMetadata({ env: imds.env }), endpointRequests: () => imds.requests.count({ path: /security-credentials\/.+/ }) };
    },
  },
  {
    name: 'an assumed role (AssumeRole at the STS emulator)',
    user: ROLE_USER,
    setup: async (stack) => {
      const source = fromTemporaryCredentials({
        params: { RoleArn: STS_SAMPLE_ROLES.default.arn, RoleSessionName: 'mongodb-test' },
        masterCredentials: STS_SAMPLE_USERS.alice,
        clientConfig: { region: 'us-east-1' },
        env: stack.sts.env,
      });
      return { source, endpointRequests: stsCalls(stack.sts, 'AssumeRole') };
    },
  },
  {
    name: 'a web identity (AssumeRoleWithWebIdentity at the STS emulator)',
    user: WEB_IDENTITY_USER,
    setup: async (stack) => {
      const token = createServiceAccountToken({ audience: 'sts.amazonaws.com' });
      stack.sts.acceptWebIdentityToken(token);
      const env = {
        ...stack.sts.env,
        AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token',
        AWS_ROLE_ARN: STS_SAMPLE_ROLES.webIdentity.arn,
        AWS_ROLE_SESSION_NAME: 'mongodb-test',
        AWS_REGION: 'us-east-1',
      };
      const readFile = (path: string): Promise<string> =>
        path === env.AWS_WEB_IDENTITY_TOKEN_FILE ? Promise.resolve(`${token}\n`) : Promise.reject(new Error(`unexpected read of ${path}`));
      const source = fromTokenFile({ env, readFile });
      return { source, endpointRequests: stsCalls(stack.sts, 'AssumeRoleWithWebIdentity') };
    },
  },
];

describe.each(DRIVERS)('$name ($version)', (driver) => {
  it.each(SCENARIOS)('credentials from $name authenticate as $user', async (scenario) => {
    const stack = open.add(await startStack({ users: USERS }));
    const { source, endpointRequests } = await scenario.setup(stack);
    const provider = createMongoAwsProvider({ provider: cached(chain(source)) });
    const client = open.add(driver.create(stack.mongo.uri, { ...mongoAwsOptions(provider), maxPoolSize: 5, maxConnecting: 5, serverSelectionTimeoutMS: 5000 }));
    provider.attach(client);
    const items = client.db('app').collection('items');
    await Promise.all(Array.from({ length: 10 }, (_, n) => items.insertOne({ n })));
    expect(await items.find({}).toArray()).toHaveLength(10);
    expect(await client.db('admin').command({ connectionStatus: 1 })).toMatchObject({ authInfo: { authenticatedUsers: [{ user: scenario.user, db: '$external' }] } });
    const connections = stack.mongo.counters.authSucceeded;
    expect(connections).toBeGreaterThan(1);
    expect(provider.stats().handouts).toBe(connections);
    expect(stack.mongo.counters.authFailed).toBe(0);
    // Temporary credentials are fetched once for all connections; environment credentials once per connection.
    expect(endpointRequests()).toBe(scenario.user === ALICE_ARN ? connections : 1);
  });
});

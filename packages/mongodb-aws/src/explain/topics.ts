import type { StsExplanation } from '@iamkit/sts';
import type { MongoAwsAdapterErrorCode } from '../adapter-errors.js';
import type { CredentialFacts } from './credential-facts.js';
import type { ErrorFacts } from './error-facts.js';

/**
 * What kind of MONGODB-AWS failure an error is, as {@link explainMongoAwsError} classifies it.
 *
 * @example
 * ```ts
 * if (explainMongoAwsError(error).topic === 'credentials-throttled') metrics.increment('credential_throttle');
 * ```
 * @public
 */
export type MongoAwsErrorTopic =
  /** The server refused the authentication: code 18 `AuthenticationFailed`. */
  | 'authentication-failed'
  /** The credential endpoint answered 429 while a connection was being authenticated. */
  | 'credentials-throttled'
  /** No credential source is configured in this environment. */
  | 'credentials-not-configured'
  /** The source returned expired credentials (or ones inside the 5-minute window). */
  | 'credentials-expired'
  /** Getting credentials failed at STS (web identity, assumed role): explained with `explainStsError`. */
  | 'sts-error'
  /** The credential provider failed otherwise (timeout, unreachable endpoint, bad answer). */
  | 'credentials-failed'
  /** The provider resolved without an access key id or secret. */
  | 'missing-credentials'
  /** The driver lacks an optional module MONGODB-AWS needs (`@aws-sdk/credential-providers`, `aws4`). */
  | 'module-missing'
  /** Credentials were given in the URI or options, which MONGODB-AWS refuses. */
  | 'explicit-credentials'
  /** Not a MONGODB-AWS failure this package recognises. */
  | 'unknown';

/** Everything a topic's text is built from. */
export interface TopicContext {
  readonly facts: ErrorFacts;
  readonly credentials: CredentialFacts | undefined;
  /** The STS host the server uses, when the caller told us. */
  readonly stsHost: string | undefined;
  readonly stsRegion: string | undefined;
  /** Set when an STS error code or message is in the chain. */
  readonly sts: StsExplanation | undefined;
}

export interface TopicText {
  readonly topic: MongoAwsErrorTopic;
  readonly code: MongoAwsAdapterErrorCode;
  readonly summary: string;
  readonly causes: readonly string[];
  readonly checks: readonly string[];
}

const ROLE_USERS =
  'for a role, the role: arn:aws:iam::ACCOUNT:role/ROLE on Atlas (a database user of type "IAM Role"), arn:aws:sts::ACCOUNT:assumed-role/ROLE/* on self-managed MongoDB Enterprise (mongod collapses the session name to *) — never the session ARN with its session name';

function stsLine(context: TopicContext): string {
  if (context.stsHost !== undefined) {
    const region = context.stsRegion === undefined ? 'a region the host does not yield (invalid host)' : `region ${context.stsRegion}`;
    return `The server verifies through STS at ${context.stsHost} (signed for ${region}): if STS is disabled in that region for the account (RegionDisabledException) or the server's awsSTSUrl is wrong, every authentication fails.`;
  }
  return 'The server chooses the STS endpoint it verifies with (mongod\'s awsSTSUrl, default https://sts.amazonaws.com, signed for us-east-1) and the driver signs for the region derived from it: if STS is disabled in that region for the account (RegionDisabledException), every authentication fails. (Pass stsHost to explainMongoAwsError to include the host here.)';
}

function authenticationFailed(context: TopicContext): TopicText {
  const creds = context.credentials;
  const sourceName = creds?.summary.source;
  const who = creds === undefined ? '' : ` The driver was last handed ${creds.line}.`;
  const causes: string[] = [...(creds?.problems ?? [])];
  const userCause =
    creds?.temporary === true
      ? `No user in $external matches the identity. These are temporary credentials${sourceName === undefined ? '' : ` from ${sourceName}`}, usually a role session: the user must be the role — ${ROLE_USERS}.`
      : `No user in $external matches the identity: for an IAM user its ARN unchanged (arn:aws:iam::ACCOUNT:user/NAME); ${ROLE_USERS}.`;
  causes.push(userCause);
  causes.push('STS refused the signed request: a secret that does not belong to the access key id, a session token from another session, or keys that were deactivated or deleted (SignatureDoesNotMatch, InvalidClientTokenId).');
  causes.push('This machine\'s clock is more than 15 minutes off: the driver signs with the local clock and STS refuses requests outside ±15 minutes ("Signature expired").');
  causes.push(stsLine(context));
  if (context.sts !== undefined) causes.unshift(`STS said: ${context.sts.code} — ${context.sts.cause}`);
  const checks = [
    'Ask STS who these credentials are — `aws sts get-caller-identity` in the same environment, or `createStsClient({ provider }).getCallerIdentity()` from @iamkit/sts — and make sure $external has a user for that identity (IAM user: its ARN; role: the role, as above).',
    'Compare this machine\'s clock with NTP (`chronyc tracking` or `timedatectl status`).',
  ];
  if (sourceName === 'env') checks.push('AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN must come from the same issuance; unset AWS_SESSION_TOKEN for long-term (AKIA…) keys.');
  checks.push('Read the reason on the server: mongod logs each refused MONGODB-AWS authentication (log id 20249, STS\'s answer under 4690900); the client only ever gets "Authentication failed.".');
  if (creds !== undefined) checks.push('Nothing needs restarting once it is fixed: an attached provider (provider.attach(client)) drops refused credentials, so the next connection fetches fresh ones.');
  return {
    topic: 'authentication-failed',
    code: 'ERR_MONGODB_AWS_AUTH_FAILED',
    summary: `The server refused the MONGODB-AWS authentication (code 18, AuthenticationFailed); it never says why.${who}`,
    causes,
    checks,
  };
}

function throttled(context: TopicContext): TopicText {
  const error = context.facts.iamkit;
  const source = error?.source ?? 'the credential source';
  return {
    topic: 'credentials-throttled',
    code: 'ERR_MONGODB_AWS_CREDENTIALS_UNAVAILABLE',
    summary: `${source} throttled the request for credentials (HTTP 429) while the driver was opening a connection; the driver reports it as a MongoAWSError and clears the whole connection pool.`,
    causes: [
      'Credentials are fetched for every new pooled connection: a pool filling up (start-up, a failover, a burst of operations) sends one request per connection, and the ECS agent allows 40 requests/s with a burst of 60 per task (the EKS Pod Identity agent and IMDS throttle too).',
      ...(error === undefined ? [] : [error.message]),
    ],
    checks: [
      'Serve every connection of every MongoClient from one cached provider — createMongoAwsProvider({ provider }) here, shared by all clients in the process — so a pool of any size costs one credential request per credential lifetime.',
      'Where you run the ECS agent yourself (EC2 launch type), ECS_TASK_METADATA_RPS_LIMIT raises its limit; on Fargate it cannot be changed.',
    ],
  };
}

function credentialsError(context: TopicContext): TopicText | undefined {
  const error = context.facts.iamkit;
  if (error === undefined) return undefined;
  const message = error.message;
  if (error.code === 'ERR_CREDENTIALS_THROTTLED' || error.status === 429) return throttled(context);
  if (error.code === 'ERR_CREDENTIALS_NONE_CONFIGURED' || error.code === 'ERR_CREDENTIALS_NOT_CONFIGURED') {
    return {
      topic: 'credentials-not-configured',
      code: 'ERR_MONGODB_AWS_CREDENTIALS_UNAVAILABLE',
      summary: 'The driver got no credentials: no credential source is configured in this environment.',
      causes: [message],
      checks: [
        'Configure one of the sources the message lists (in ECS the agent sets AWS_CONTAINER_CREDENTIALS_RELATIVE_URI for the task role; on EKS, Pod Identity or IRSA set their variables; on EC2, attach an instance profile), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',
        'If this process runs under `docker exec` or ECS Exec, it does not inherit the task\'s variables: read them from PID 1 (fromContainerMetadata({ lookInPid1Environment: true })).',
      ],
    };
  }
  if (error.code === 'ERR_CREDENTIALS_EXPIRED') {
    return {
      topic: 'credentials-expired',
      code: 'ERR_MONGODB_AWS_CREDENTIALS_UNAVAILABLE',
      summary: `The credential source returned credentials that are expired or expire within 5 minutes, so they were not used (${error.source ?? 'source'}).`,
      causes: [message],
      checks: ['Check this machine\'s clock, and that the source refreshes its credentials (an ECS agent or IMDS serves new ones well before expiry).'],
    };
  }
  if (context.sts !== undefined) return stsError(context, context.sts);
  return {
    topic: 'credentials-failed',
    code: 'ERR_MONGODB_AWS_CREDENTIALS_UNAVAILABLE',
    summary: `The credential provider failed while the driver was opening a connection (${error.code}); the driver reports it as a MongoAWSError and clears the connection pool.`,
    causes: [message],
    checks: [
      error.retryable
        ? 'This is usually transient (a timeout, a reset connection, a 5xx): the cache backs off and tries again on the next connection. If it persists, check that the endpoint in the message is reachable from here.'
        : 'The message names what to change: an environment variable, a file or an option.',
    ],
  };
}

function stsError(_context: TopicContext, sts: StsExplanation): TopicText {
  return {
    topic: 'sts-error',
    code: 'ERR_MONGODB_AWS_CREDENTIALS_UNAVAILABLE',
    summary: `Getting credentials failed at STS: ${sts.code} — ${sts.title}.`,
    causes: [sts.cause, ...sts.likelyCauses],
    checks: [...sts.fixes],
  };
}

function setupError(context: TopicContext): TopicText | undefined {
  const { facts } = context;
  if (facts.missingModule === '@aws-sdk/credential-providers') {
    return {
      topic: 'module-missing',
      code: 'ERR_MONGODB_AWS_DRIVER_SETUP',
      summary: 'The driver could not load `@aws-sdk/credential-providers`: mongodb 7.x refuses MONGODB-AWS without it even when AWS_CREDENTIAL_PROVIDER is set, and 6.x then ignores the custom provider.',
      causes: ['`@aws-sdk/credential-providers` is an optional peer dependency of `mongodb` that is not installed (or was removed as "unused" by a dependency cleanup).'],
      checks: ['Install it next to `mongodb` so the driver can resolve it; the @iamkit/mongodb-aws README shows how to satisfy it without the AWS SDK (a package alias).'],
    };
  }
  if (facts.missingModule === 'aws4') {
    return {
      topic: 'module-missing',
      code: 'ERR_MONGODB_AWS_DRIVER_SETUP',
      summary: 'The driver could not load `aws4`: mongodb 6.x signs MONGODB-AWS with it (7.1 and later have their own signer).',
      causes: ['`aws4` is an optional peer dependency of `mongodb` 6.x that is not installed.'],
      checks: ['`npm install aws4` next to `mongodb` 6.x, or upgrade to `mongodb` 7.'],
    };
  }
  if (facts.missingModule !== undefined) {
    return {
      topic: 'module-missing',
      code: 'ERR_MONGODB_AWS_DRIVER_SETUP',
      summary: `The driver could not load the optional module \`${facts.missingModule}\`.`,
      causes: [facts.links[0]?.message ?? ''],
      checks: [`Install \`${facts.missingModule}\` next to \`mongodb\`.`],
    };
  }
  if (facts.explicitCredentials) {
    return {
      topic: 'explicit-credentials',
      code: 'ERR_MONGODB_AWS_DRIVER_SETUP',
      summary: 'Credentials were given in the connection string or options: MONGODB-AWS takes them only from a credential provider (mongodb 7 refuses them; the specification forbids them since 2025).',
      causes: ['The URI has user:password@ (an access key id and secret), or authMechanismProperties has AWS_SESSION_TOKEN.'],
      checks: ['Remove them from the URI and options, and pass the credentials through AWS_CREDENTIAL_PROVIDER (mongoAwsOptions(provider)); for fixed keys, set AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (/ AWS_SESSION_TOKEN) and use fromEnv().'],
    };
  }
  return undefined;
}

/** Picks the topic and writes its text: setup problems first, then the provider's own error, then what the server said. */
export function topicText(context: TopicContext): TopicText {
  const setup = setupError(context);
  if (setup !== undefined) return setup;
  const credentials = credentialsError(context);
  if (credentials !== undefined) return credentials;
  const { facts } = context;
  if (/\b429\b|maximum request limit|Too Many Requests/i.test(facts.text) && !facts.authFailed) return throttled(context);
  if (context.sts !== undefined && !facts.authFailed) return stsError(context, context.sts);
  if (facts.missingCredentials) {
    return {
      topic: 'missing-credentials',
      code: 'ERR_MONGODB_AWS_CREDENTIALS_UNAVAILABLE',
      summary: 'The credential provider resolved without an access key id or secret access key (MongoMissingCredentialsError).',
      causes: ['A hand-written AWS_CREDENTIAL_PROVIDER returned an object without accessKeyId or secretAccessKey (e.g. the AWS SDK\'s PascalCase fields, or a promise of undefined).'],
      checks: ['Return { accessKeyId, secretAccessKey, sessionToken?, expiration? }, or use createMongoAwsProvider, whose cache validates what the source returns and names the missing field.'],
    };
  }
  if (facts.authFailed) return authenticationFailed(context);
  const first = facts.links[0];
  return {
    topic: 'unknown',
    code: 'ERR_MONGODB_AWS_UNKNOWN',
    summary: first === undefined ? 'No error was given.' : `Not a MONGODB-AWS failure iamkit recognises: ${first.name}: ${first.message}`,
    causes: facts.links.slice(1).map((link) => `${link.name}: ${link.message}`),
    checks: ['Look further down the error\'s cause chain and in the server\'s log; MONGODB-AWS failures surface as MongoServerError code 18, MongoAWSError or MongoMissingCredentialsError.'],
  };
}

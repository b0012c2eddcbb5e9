const GLOBAL = `Global options:
  --profile <name>        profile of ~/.aws/config / ~/.aws/credentials (as AWS_PROFILE; env keys are then skipped)
  --region <region>       STS region (default AWS_REGION, AWS_DEFAULT_REGION, the profile's, us-east-1)
  --endpoint-url <url>    STS endpoint (default AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, the regional one)
  --timeout <duration>    per answer from a credential endpoint, STS or MongoDB: 500ms, 5s, 1m
                          (default: the sources' own — container 2s, IMDS 1s —, 5s for STS and MongoDB)
  --retries <n>           retries after the first attempt, for credential endpoints and STS (default 2)
  --json                  machine-readable output (a documented, stable, secret-free schema)
  -h, --help              this help`;

export const MAIN_HELP = `iamkit — find out why AWS (and MONGODB-AWS) authentication fails

Usage: iamkit <command> [options]

Commands:
  doctor     walk the default credential chain source by source, ask STS who you are, check the
             clock, optionally log in to MongoDB with MONGODB-AWS
  whoami     the identity (Account, Arn, UserId) of the default chain's credentials, and the
             $external user MongoDB maps it to
  sign       sign a request and show every step (--explain); --compare points at the first
             line that differs from the canonical request AWS computed
  explain    what an STS or MongoDB driver error message means, and what to do

Run iamkit <command> --help for its options and examples. Secrets are never printed.

Exit codes: 0 ok · 1 no credentials · 2 STS did not accept them · 3 clock skew · 4 MongoDB
authentication failed · 5 canonical requests differ · 6 message not recognised · 64 usage error

  -V, --version           the version
${GLOBAL}
`;

export const DOCTOR_HELP = `Usage: iamkit doctor [options]

Walks the default credential chain exactly as fromNodeProviderChain does (env, ini, web-identity,
container, imds) and reports, for each source, whether it is configured, what it found (the access
key id masked, temporary or long-term, expiry), how long it took, and why the others did not apply.
Then asks STS GetCallerIdentity with the credentials the library would pick, compares this
machine's clock with STS's (over 5 min is a problem, over 15 min fatal), and with --mongodb
authenticates one MONGODB-AWS connection.

Options:
  --mongodb <uri>         also authenticate one connection to this MongoDB (needs the mongodb driver)
  --all                   ask every source, even after one decided (shows every identity available)
  --no-sts                do not call STS (no identity, no clock check)
${GLOBAL}

Exit codes: 0 ok · 1 no credentials · 2 STS did not accept them · 3 clock skew · 4 MongoDB failed

Examples:
  iamkit doctor
  iamkit doctor --profile prod --region eu-west-1
  iamkit doctor --mongodb 'mongodb+srv://cluster0.example.mongodb.net/'
  iamkit doctor --json | jq '.chain.sources[] | {name, status, reason}'
`;

export const WHOAMI_HELP = `Usage: iamkit whoami [options]

Calls STS GetCallerIdentity with the default chain's credentials and prints Account, Arn, UserId,
the source that supplied them, and the $external user name mongod maps the ARN to (a role
session becomes …:assumed-role/ROLE/*).

${GLOBAL}

Exit codes: 0 ok · 1 no credentials · 2 STS did not accept them

Examples:
  iamkit whoami
  iamkit whoami --profile prod --json
`;

export const SIGN_HELP = `Usage: iamkit sign --url <url> [options]

Signs a request with SigV4 and shows the result; --explain shows every step: the canonical
request (numbered), the string to sign, the signature. Credentials come from the default chain,
or — offline — from --access-key-id and an environment variable you name.

Options:
  --explain                   show every step (default when --compare is given)
  --url <url>                 the absolute URL (required)
  --method <method>           default GET, or POST with a body
  --header <name:value>       a header to sign and send; repeat for more
  --body <text>               the body, as text
  --body-file <path|->        the body, as bytes from a file (- for stdin)
  --service <name>            signing name (default: from an AWS host name, e.g. sts, s3, execute-api)
  --region <region>           signing region (default: from the host, AWS_REGION, AWS_DEFAULT_REGION)
  --date <time>               signing time: 2026-03-01T12:00:00Z or 20260301T120000Z (default now)
  --presign                   a presigned URL instead of an Authorization header
  --expires <seconds>         presigned URL lifetime, 1–604800 (default 900)
  --compare <file|->          a canonical request copied from an AWS error: show the first
                              line that differs and what it means (quotes, \\n escapes, CRLF
                              and trailing spaces are cleaned up first)
  --access-key-id <id>        offline: sign with this key id ...
  --secret-from-env <NAME>    ... and the secret in environment variable NAME
  --session-token-from-env <NAME>  ... and a session token in environment variable NAME
  --profile, --timeout, --retries, --json, -h/--help as everywhere

Never type a secret key on a command line: shell history and ps keep it. Put it in an
environment variable and name that variable with --secret-from-env.

Exit codes: 0 signed (and, with --compare, identical) · 1 no credentials · 5 the canonical
requests differ · 64 usage error

Examples:
  iamkit sign --explain --method POST --url https://sts.amazonaws.com/ \\
    --header 'content-type: application/x-www-form-urlencoded' \\
    --body 'Action=GetCallerIdentity&Version=2011-06-15'
  iamkit sign --presign --expires 300 --url https://bucket.s3.eu-west-1.amazonaws.com/key.txt
  pbpaste | iamkit sign --url 'https://abc.execute-api.eu-west-1.amazonaws.com/prod/items' --compare -
  AWS_SECRET=… iamkit sign --explain --url https://sts.amazonaws.com/ --access-key-id AKIA… --secret-from-env AWS_SECRET
`;

export const EXPLAIN_HELP = `Usage: iamkit explain "<error message>"    (or: … | iamkit explain -)

Explains an STS error (as the AWS CLI, an SDK, a log or an XML/JSON answer shows it) or a MongoDB
driver error about MONGODB-AWS: what it really means, the likely causes, and the fixes. With no
message, reads stdin. Secrets pasted with the message are never repeated.

Options:
  --json                  machine-readable output
  -h, --help              this help

Exit codes: 0 recognised · 6 not recognised · 64 usage error

Examples:
  iamkit explain "Signature expired: 20200317T000000Z is now earlier than 20200317T222541Z (20200317T224041Z - 15 min.)"
  iamkit explain "MongoServerError: Authentication failed."
  kubectl logs deploy/api | grep -m1 InvalidIdentityToken | iamkit explain -
`;

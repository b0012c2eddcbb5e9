// The client-final this package produces must be what the `mongodb` driver 7.9 produces for the
// same inputs. The driver's signer is internal (`lib/cmap/auth/aws4.js`, no exports map), so it
// is loaded by path and called exactly as the driver's MONGODB-AWS provider calls it. (The
// emulators package also captures the driver's real client-final on the wire and compares.)
import { createRequire } from 'node:module';
import { BSON } from 'bson';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClientFinal, deriveStsRegion, parseServerFirst } from '../src/index.js';

type DriverSign = (options: Record<string, unknown>, credentials: Record<string, string>) => Promise<{ Authorization: string; 'X-Amz-Date': string }>;
const { aws4Sign } = createRequire(import.meta.url)('mongodb/lib/cmap/auth/aws4.js') as { aws4Sign: DriverSign };

// What the driver's MongoDBAWS.auth does after checking the server-first (mongodb_aws.js).
async function driverClientFinal(host: string, serverNonce: Uint8Array, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, date: Date): Promise<Record<string, string>> {
  const body = 'Action=GetCallerIdentity&Version=2011-06-15';
  const headers = await aws4Sign(
    {
      method: 'POST',
      host,
      region: deriveStsRegion(host),
      service: 'sts',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': body.length,
        'X-MongoDB-Server-Nonce': Buffer.from(serverNonce).toString('base64'),
        'X-MongoDB-GS2-CB-Flag': 'n',
      },
      path: '/',
      body,
      date,
    },
    credentials.sessionToken ? { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken } : { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey },
  );
  const payload: Record<string, string> = { a: headers.Authorization, d: headers['X-Amz-Date'] };
  if (credentials.sessionToken) payload.t = credentials.sessionToken;
  return payload;
}

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,14}[a-z0-9])?$/);
const host = fc.oneof(
  fc.constantFrom('sts.amazonaws.com', 'sts.us-west-2.amazonaws.com', 'sts.eu-central-1.amazonaws.com', 'localhost', '127.0.0.1'),
  fc.array(label, { minLength: 1, maxLength: 5 }).map((labels) => labels.join('.')),
);
const base64 = (min: number, max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9+/]{${min},${max}}$`));
const credentials = fc.record(
  {
    accessKeyId: fc.stringMatching(/^(AKIA|ASIA)[A-Z2-7]{16}$/),
    secretAccessKey: base64(40, 40),
    sessionToken: fc.option(base64(16, 400), { nil: undefined }),
  },
  { requiredKeys: ['accessKeyId', 'secretAccessKey'] },
);
const date = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => new Date(Math.floor(d.getTime() / 1000) * 1000));

describe('client-final equals the mongodb 7.9 driver\'s', () => {
  it('for the §6 inputs', async () => {
    const nonce = Uint8Array.from({ length: 64 }, (_, i) => i);
    const creds = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'AQoDYXdzEJ' };
    const when = new Date('2025-12-15T12:34:56Z');
    const ours = createClientFinal({ serverNonce: nonce, host: 'sts.amazonaws.com', region: 'us-east-1' }, creds, { date: when });
    const theirs = await driverClientFinal('sts.amazonaws.com', nonce, creds, when);
    expect(BSON.deserialize(ours.payload)).toEqual(theirs);
    expect(theirs.a).toContain('Signature=84dfcd4eecc155889b632f246575e34fb6a969048e385363436877d2ba8d05bf');
  });

  it('for 300 generated hosts, nonces, credentials and dates (a, d and t)', async () => {
    await fc.assert(
      fc.asyncProperty(host, fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), credentials, date, async (h, clientNonce, serverHalf, creds, when) => {
        const serverNonce = new Uint8Array([...clientNonce, ...serverHalf]);
        const server = parseServerFirst(BSON.serialize({ s: new BSON.Binary(serverNonce, 0), h }), clientNonce);
        const ours = BSON.deserialize(createClientFinal(server, creds, { date: when }).payload);
        const theirs = await driverClientFinal(h, serverNonce, creds, when);
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 300 },
    );
  });
});

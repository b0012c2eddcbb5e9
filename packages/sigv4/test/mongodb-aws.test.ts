import { describe, expect, it } from 'vitest';
import { createSigner, parseAuthorizationHeader, signRequest, verifySignature } from '../src/index.js';
import {
  EXAMPLE_CREDENTIALS,
  GET_CALLER_IDENTITY_BODY,
  MONGODB_AWS_DATE,
  SERVER_NONCE,
  getCallerIdentityRequest,
  nonceHeader,
  regionOf,
} from './helpers/mongodb-aws.js';

// reference/mongodb-aws-protocol.md §6: every signature row, built as §5 describes.
const NONCE = nonceHeader(SERVER_NONCE);
const TOKEN = 'AQoDYXdzEJ';
const rows = [
  { name: 'driver unit test, no token', host: 'sts.amazonaws.com', nonce: 'fakenonce', credentials: EXAMPLE_CREDENTIALS, signature: '48a66f9fc76829002a7a7ac5b92e4089395d9b88ea7d417ab146949b90eeab08' },
  {
    name: 'driver unit test, token and another secret',
    host: 'sts.amazonaws.com',
    nonce: 'fakenonce',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYexamplekey', sessionToken: TOKEN },
    signature: 'bbcb06e2feb8651dced329789743ba283f92ef1302d34a7398cb1d35808a1a66',
  },
  { name: 'real nonce, no token', host: 'sts.amazonaws.com', nonce: NONCE, credentials: EXAMPLE_CREDENTIALS, signature: '133eeaeb2f590c07662f185e4f20d6a7100c4b8fcf12fc3d94f8fe904881dbb7' },
  { name: 'real nonce, token', host: 'sts.amazonaws.com', nonce: NONCE, credentials: { ...EXAMPLE_CREDENTIALS, sessionToken: TOKEN }, signature: '84dfcd4eecc155889b632f246575e34fb6a969048e385363436877d2ba8d05bf' },
  { name: 'us-west-2 host', host: 'sts.us-west-2.amazonaws.com', nonce: NONCE, credentials: EXAMPLE_CREDENTIALS, signature: 'fd1947e4f230316e010c07bfd847ccf5704ee5172fb1bfb636d170e156efc6b9' },
] as const;

describe('MONGODB-AWS GetCallerIdentity vectors (protocol reference §6)', () => {
  it('uses the §6 nonce header: standard base64 of the 64-byte server nonce', () => {
    expect(NONCE).toBe('AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw==');
    expect(GET_CALLER_IDENTITY_BODY).toHaveLength(43);
  });

  describe.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const options = { credentials: row.credentials, region: regionOf(row.host), service: 'sts', date: MONGODB_AWS_DATE };

    it('signRequest reproduces the signature and the §5 request shape', () => {
      const signed = signRequest(getCallerIdentityRequest(row.host, row.nonce), options);
      expect(signed.signature).toBe(row.signature);
      expect(signed.payloadHash).toBe('ab821ae955788b0e33ebd34c208442ccfc2d406e2edc5e7a39bd6458fbb4f843');
      expect(signed.amzDate).toBe('20251215T123456Z');
      const token = 'sessionToken' in row.credentials;
      expect(signed.signedHeaders).toBe(
        token
          ? 'content-length;content-type;host;x-amz-date;x-amz-security-token;x-mongodb-gs2-cb-flag;x-mongodb-server-nonce'
          : 'content-length;content-type;host;x-amz-date;x-mongodb-gs2-cb-flag;x-mongodb-server-nonce',
      );
      expect(signed.authorization).toBe(
        `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20251215/${options.region}/sts/aws4_request, SignedHeaders=${signed.signedHeaders}, Signature=${row.signature}`,
      );
      const lines = signed.canonicalRequest.split('\n');
      expect(lines.slice(0, 3)).toEqual(['POST', '/', '']);
      expect(lines).toContain(`host:${row.host}`);
      expect(lines).toContain(`x-mongodb-server-nonce:${row.nonce}`);
      expect(signed.headers['x-amz-date']).toBe('20251215T123456Z');
      expect(signed.headers['x-amz-security-token']).toBe(token ? TOKEN : undefined);
    });

    it('a createSigner instance gives the same signature, twice (cached key)', () => {
      const signer = createSigner({ region: options.region, service: 'sts', credentials: row.credentials, now: () => Date.parse(MONGODB_AWS_DATE) });
      const request = getCallerIdentityRequest(row.host, row.nonce);
      expect(signer.sign(request).signature).toBe(row.signature);
      expect(signer.sign(request).signature).toBe(row.signature);
    });

    it('the server half accepts it, and rejects a wrong secret', () => {
      const signed = signRequest(getCallerIdentityRequest(row.host, row.nonce), options);
      const received = { method: 'POST', url: `https://${row.host}/`, headers: signed.headers, body: GET_CALLER_IDENTITY_BODY };
      const parsed = parseAuthorizationHeader(signed.authorization);
      expect(parsed.region).toBe(options.region);
      const ok = verifySignature(received, { credentials: row.credentials, now: MONGODB_AWS_DATE, service: 'sts' });
      expect(ok.valid).toBe(true);
      const wrong = verifySignature(received, { credentials: { ...row.credentials, secretAccessKey: 'not-the-secret' }, now: MONGODB_AWS_DATE });
      expect(wrong.valid).toBe(false);
      expect(wrong.valid ? undefined : wrong.error.code).toBe('ERR_SIGV4_SIGNATURE_MISMATCH');
    });
  });
});

import { describe, expect, it } from 'vitest';
import { presignRequest, signRequest, verifySignature } from '../src/index.js';
import { headerSet, queryMultiset, splitTarget } from './helpers/raw-http.js';
import { loadVectors, toSignable, type VectorCase } from './helpers/vectors.js';

const cases = loadVectors();

function options(vector: VectorCase) {
  const { context } = vector;
  return {
    credentials: {
      accessKeyId: context.credentials.access_key_id,
      secretAccessKey: context.credentials.secret_access_key,
      sessionToken: context.credentials.token,
    },
    region: context.region,
    service: context.service,
    date: context.timestamp,
    normalizePath: context.normalize,
    doubleEncodePath: true,
    signPayloadHashHeader: context.sign_body,
    omitSessionTokenFromSignature: context.omit_session_token ?? false,
  };
}

function targetOf(url: string): string {
  // The request target: everything after scheme://authority.
  const afterScheme = url.indexOf('//') + 2;
  const slash = url.indexOf('/', afterScheme);
  return url.slice(slash);
}

describe('official SigV4 suite (aws-c-auth v4)', () => {
  it('has all 38 cases, each with both modes', () => {
    expect(cases.map((c) => c.name)).toHaveLength(38);
    expect(cases.every((c) => c.header.signature.length === 64 && c.query.signature.length === 64)).toBe(true);
  });

  describe.each(cases.map((c) => [c.name, c] as const))('%s', (_name, vector) => {
    it('header mode: canonical request, string to sign, signature and signed request', () => {
      const signed = signRequest(toSignable(vector.request), options(vector));
      expect(signed.canonicalRequest).toBe(vector.header.canonicalRequest);
      expect(signed.stringToSign).toBe(vector.header.stringToSign);
      expect(signed.signature).toBe(vector.header.signature);

      const expected = vector.header.signedRequest;
      expect(signed.method).toBe(expected.method);
      const ours = splitTarget(targetOf(signed.url));
      const theirs = splitTarget(expected.target);
      expect(ours.path).toBe(theirs.path);
      expect(queryMultiset(ours.query)).toEqual(queryMultiset(theirs.query));
      expect(headerSet(Object.entries(signed.headers))).toEqual(headerSet(expected.headers));
      expect(signed.body).toBe(expected.body);
    });

    it('query mode: canonical request, string to sign, signature and presigned URL', () => {
      const presigned = presignRequest(toSignable(vector.request), { ...options(vector), expiresIn: vector.context.expiration_in_seconds });
      expect(presigned.canonicalRequest).toBe(vector.query.canonicalRequest);
      expect(presigned.stringToSign).toBe(vector.query.stringToSign);
      expect(presigned.signature).toBe(vector.query.signature);

      const expected = vector.query.signedRequest;
      expect(presigned.method).toBe(expected.method);
      const ours = splitTarget(targetOf(presigned.url));
      const theirs = splitTarget(expected.target);
      expect(ours.path).toBe(theirs.path);
      expect(queryMultiset(ours.query)).toEqual(queryMultiset(theirs.query));
      expect(headerSet(Object.entries(presigned.headers))).toEqual(headerSet(expected.headers));
    });

    it('the expected signed requests verify, and a tampered signature does not', () => {
      const { context } = vector;
      const verifyOptions = {
        credentials: { accessKeyId: context.credentials.access_key_id, secretAccessKey: context.credentials.secret_access_key },
        now: context.timestamp,
        normalizePath: context.normalize,
        requiredSignedHeaders: [],
        omitSessionTokenFromSignature: context.omit_session_token ?? false,
      };
      for (const signedRequest of [vector.header.signedRequest, vector.query.signedRequest]) {
        const request = toSignable(signedRequest);
        const result = verifySignature(request, verifyOptions);
        expect(result.valid, result.valid ? '' : result.error.message).toBe(true);
        const tampered = { ...request, headers: request.headers.map(([n, v]) => [n, n.toLowerCase() === 'host' ? 'evil.example.com' : v] as const) };
        const rejected = verifySignature(tampered, verifyOptions);
        expect(rejected.valid).toBe(false);
      }
    });
  });
});

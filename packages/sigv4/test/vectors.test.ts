import { describe, expect, it } from 'vitest';
import { presignRequest, signRequest, verifySignature, type PresignedRequest, type SignedRequest } from '../src/index.js';
import { headerSet, queryMultiset, splitTarget } from './helpers/raw-http.js';
import { loadVectors, toSignable, type VectorCase, type VectorMode } from './helpers/vectors.js';

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

// Both modes: the intermediate values and the signature are the suite's, and so is the request
// we would send (its query and headers compared as sets).
function expectMode(ours: SignedRequest | PresignedRequest, expected: VectorMode): void {
  expect(ours.canonicalRequest).toBe(expected.canonicalRequest);
  expect(ours.stringToSign).toBe(expected.stringToSign);
  expect(ours.signature).toBe(expected.signature);

  const request = expected.signedRequest;
  expect(ours.method).toBe(request.method);
  const target = splitTarget(targetOf(ours.url));
  const theirs = splitTarget(request.target);
  expect(target.path).toBe(theirs.path);
  expect(queryMultiset(target.query)).toEqual(queryMultiset(theirs.query));
  expect(headerSet(Object.entries(ours.headers))).toEqual(headerSet(request.headers));
}

describe('official SigV4 suite (aws-c-auth v4)', () => {
  it('has all 38 cases, each with both modes', () => {
    expect(cases.map((c) => c.name)).toHaveLength(38);
    expect(cases.every((c) => c.header.signature.length === 64 && c.query.signature.length === 64)).toBe(true);
  });

  describe.each(cases.map((c) => [c.name, c] as const))('%s', (_name, vector) => {
    it('header mode: canonical request, string to sign, signature and signed request', () => {
      const signed = signRequest(toSignable(vector.request), options(vector));
      expectMode(signed, vector.header);
      expect(signed.body).toBe(vector.header.signedRequest.body);
    });

    it('query mode: canonical request, string to sign, signature and presigned URL', () => {
      const presigned = presignRequest(toSignable(vector.request), { ...options(vector), expiresIn: vector.context.expiration_in_seconds });
      expectMode(presigned, vector.query);
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

import { describe, expect, expectTypeOf, it } from 'vitest';
import { createSigner, signRequest, type AsyncSigner, type PresignedRequest, type SignedRequest, type Signer, type SigV4CredentialProvider, type SigV4Credentials } from '../src/index.js';

// Compile-time checks (run by `tsc --noEmit`, which covers test/): the public types fit the
// contracts other packages and callers rely on. The runtime assertions keep the test honest.

/** The shape of `Credentials` / `CredentialProvider` in @iamkit/credentials (no dependency here). */
interface IamkitCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
  readonly accountId?: string;
}
type IamkitProvider = (options?: { readonly forceRefresh?: boolean; readonly signal?: AbortSignal }) => Promise<IamkitCredentials>;

describe('public types', () => {
  it('accept @iamkit/credentials objects and providers', async () => {
    expectTypeOf<IamkitCredentials>().toExtend<SigV4Credentials>();
    expectTypeOf<IamkitProvider>().toExtend<SigV4CredentialProvider>();
    const credentials: IamkitCredentials = { accessKeyId: 'AKID', secretAccessKey: 'secret', expiration: new Date(0) };
    const provider: IamkitProvider = () => Promise.resolve(credentials);
    const now = () => Date.parse('2025-12-15T12:34:56Z');
    const sync = createSigner({ region: 'us-east-1', service: 'sts', credentials, now });
    const async = createSigner({ region: 'us-east-1', service: 'sts', provider, now });
    expectTypeOf(sync).toEqualTypeOf<Signer>();
    expectTypeOf(async).toEqualTypeOf<AsyncSigner>();
    expectTypeOf<ReturnType<Signer['sign']>>().toEqualTypeOf<SignedRequest>();
    expectTypeOf<ReturnType<AsyncSigner['presign']>>().toEqualTypeOf<Promise<PresignedRequest>>();
    const request = { method: 'GET', url: 'https://sts.amazonaws.com/' };
    expect((await async.sign(request)).signature).toBe(sync.sign(request).signature);
  });

  it('a result is a valid fetch RequestInit', () => {
    const signed = signRequest({ method: 'PUT', url: 'https://example.com/o', body: Buffer.from('x') }, { credentials: { accessKeyId: 'AKID', secretAccessKey: 's' }, region: 'us-east-1', service: 's3' });
    expectTypeOf(signed).toExtend<RequestInit>();
    expect(() => new Request(signed.url, signed)).not.toThrow();
  });
});

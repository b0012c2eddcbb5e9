// Identities and helpers shared by the MongoDB emulator tests.
import { Binary, BSON } from 'bson';
import { createLocalStsVerifier, startClientConversation, type LocalStsIdentity, type StsRequest, type StsVerifier } from '@iamkit/mongodb-aws-sasl';
import type { WireClient } from './mongo-wire-client.js';

export const ALICE = Object.freeze({ accessKeyId: 'AKIAALICEEXAMPLE0001', secretAccessKey: 'aliceSecretKeyaliceSecretKeyaliceSecret1' });
export const ALICE_ARN = 'arn:aws:iam::123456789012:user/Alice';
export const ROLE = Object.freeze({
  accessKeyId: 'ASIAROLEEXAMPLE00002',
  secretAccessKey: 'roleSecretKeyroleSecretKeyroleSecretKey2',
  sessionToken: 'IQoJb3JpZ2luX2VjROLESESSIONTOKENEXAMPLEVALUE',
});
export const ROLE_ARN = 'arn:aws:sts::557821124784:assumed-role/cat/Puff';
export const ROLE_USER = 'arn:aws:sts::557821124784:assumed-role/cat/*';
export const EXPIRED = Object.freeze({
  accessKeyId: 'ASIAEXPIREDEXAMPLE03',
  secretAccessKey: 'oldSecretKeyoldSecretKeyoldSecretKeyold3',
  sessionToken: 'IQoJb3JpZ2luX2VjEXPIREDSESSIONTOKENVALUE',
});
export const CARL = Object.freeze({ accessKeyId: 'AKIACARLEXAMPLE00004', secretAccessKey: 'carlSecretKeycarlSecretKeycarlSecretKey4' });
export const CARL_ARN = 'arn:aws:iam::123456789012:user/Carl';

export const IDENTITIES: readonly LocalStsIdentity[] = [
  { ...ALICE, arn: ALICE_ARN },
  { ...ROLE, arn: ROLE_ARN, expiration: new Date(Date.now() + 3600_000) },
  { ...EXPIRED, arn: 'arn:aws:sts::557821124784:assumed-role/cat/Old', expiration: new Date(Date.now() - 60_000) },
  { ...CARL, arn: CARL_ARN },
];
export const USERS = [ALICE_ARN, ROLE_USER];
export const SECRETS = [ALICE.secretAccessKey, ROLE.secretAccessKey, ROLE.sessionToken, EXPIRED.secretAccessKey, EXPIRED.sessionToken, CARL.secretAccessKey];

/** The local verifier over IDENTITIES, recording every request it is handed. */
export function recordingVerifier(): { verify: StsVerifier; requests: StsRequest[] } {
  const local = createLocalStsVerifier({ identities: IDENTITIES });
  const requests: StsRequest[] = [];
  return {
    requests,
    verify: async (request) => {
      requests.push(request);
      return local(request);
    },
  };
}

/** The client-final a client sent, rebuilt from the STS request the server forwarded (a, d, t). */
export function clientFinalOf(request: StsRequest): Uint8Array {
  const doc: Record<string, string> = { a: request.headers.Authorization ?? '', d: request.headers['X-Amz-Date'] ?? '' };
  if (request.headers['X-Amz-Security-Token'] !== undefined) doc.t = request.headers['X-Amz-Security-Token'];
  return BSON.serialize(doc);
}

/** Authenticates a raw wire connection with iamkit's client half; returns the saslContinue reply. */
export async function authenticate(client: WireClient, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): Promise<Record<string, unknown>> {
  const conversation = startClientConversation();
  const start = await client.command({ saslStart: 1, mechanism: 'MONGODB-AWS', payload: new Binary(conversation.clientFirst, 0), $db: '$external' });
  if (start.ok !== 1) return start;
  const final = conversation.respond((start.payload as Binary).buffer, credentials);
  return client.command({ saslContinue: 1, conversationId: start.conversationId, payload: new Binary(final.payload, 0), $db: '$external' });
}

import { type Binary, BSON } from 'bson';
import type { SigningDate, SigV4Credentials } from '@iamkit/sigv4';
import { startClientConversation, type MongoAwsServer, type ServerStepResult } from '../../src/index.js';

export interface Transcript {
  readonly first: ServerStepResult;
  readonly final: ServerStepResult;
  readonly clientFinal: Uint8Array;
}

/** Runs one whole conversation between the client half and `server`. */
export async function converse(server: MongoAwsServer, credentials: SigV4Credentials, date?: SigningDate): Promise<Transcript> {
  const client = startClientConversation();
  const conversation = server.startConversation();
  const first = await conversation.step(client.clientFirst);
  if (!first.ok) throw new Error(`step 1 failed: ${first.reason}`);
  const clientFinal = client.respond(first.payload, credentials, { date }).payload;
  const final = await conversation.step(clientFinal);
  return { first, final, clientFinal };
}

/** Runs step 1 with a real client, then sends `makeFinal(serverNonce, host)` as step 2. */
export async function withFinal(server: MongoAwsServer, makeFinal: (serverFirst: { s: Uint8Array; h: string; clientNonce: Uint8Array }) => Uint8Array): Promise<ServerStepResult> {
  const client = startClientConversation();
  const conversation = server.startConversation();
  const first = await conversation.step(client.clientFirst);
  if (!first.ok) throw new Error(`step 1 failed: ${first.reason}`);
  const doc = BSON.deserialize(first.payload) as { s: Binary; h: string };
  return conversation.step(makeFinal({ s: doc.s.buffer, h: doc.h, clientNonce: client.clientNonce }));
}

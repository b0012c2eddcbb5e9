import { Binary, type Document } from 'bson';
import { AUTHENTICATION_FAILED_REPLY, MONGODB_AWS_MECHANISM, type ServerStepFailure } from '@iamkit/mongodb-aws-sasl';
import { commandError, protocolError } from './command-errors.js';
import type { MongoContext, MongoConnectionState } from './mongo-context.js';

const EMPTY = new Binary(new Uint8Array(0), 0);

/** Records an authentication failure (reason for the log only) and answers code 18 after authFailedDelayMs, as mongod does. */
export async function failAuthentication(context: MongoContext, connection: MongoConnectionState, failure: Pick<ServerStepFailure, 'reason'> & { readonly code: string; readonly mongodCode?: number | undefined; readonly stsCode?: string | undefined }): Promise<Document> {
  context.counters.authFailure({
    time: new Date(context.now()),
    connectionId: connection.id,
    reason: failure.reason,
    code: failure.code,
    mongodCode: failure.mongodCode,
    stsCode: failure.stsCode,
  });
  if (context.authFailedDelayMs > 0) await context.delay(context.authFailedDelayMs);
  return { ...AUTHENTICATION_FAILED_REPLY };
}

function fromStep(context: MongoContext, connection: MongoConnectionState, failure: ServerStepFailure): Promise<Document> {
  return failAuthentication(context, connection, { reason: failure.reason, code: failure.error.code, mongodCode: failure.error.mongodCode, stsCode: failure.error.stsCode });
}

function payloadOf(command: Document): Uint8Array | undefined {
  const payload: unknown = command.payload;
  return payload instanceof Binary ? payload.buffer : undefined;
}

/** `saslStart`: only MONGODB-AWS, only on `$external`. */
export async function saslStart(context: MongoContext, connection: MongoConnectionState, db: string, command: Document): Promise<Document> {
  const mechanism: unknown = command.mechanism;
  if (mechanism !== MONGODB_AWS_MECHANISM) {
    return commandError(334, 'MechanismUnavailable', `Received authentication for mechanism ${String(mechanism)} which is not enabled`);
  }
  if (db !== '$external') {
    return failAuthentication(context, connection, { reason: `MONGODB-AWS authenticates on $external only; the client used the database ${JSON.stringify(db)} (set authSource=$external)`, code: 'ERR_MONGODB_AWS_BAD_STEP' });
  }
  const payload = payloadOf(command);
  if (payload === undefined) return failAuthentication(context, connection, { reason: 'saslStart has no BinData payload', code: 'ERR_MONGODB_AWS_MALFORMED_PAYLOAD' });
  const steps = context.server.startConversation();
  connection.conversations++;
  const id = connection.conversations;
  connection.conversation = { id, steps };
  const result = await steps.step(payload);
  if (!result.ok) return fromStep(context, connection, result);
  return { conversationId: id, done: false, payload: new Binary(result.payload, 0), ok: 1 };
}

/** `saslContinue`: the conversation id must be the current one. */
export async function saslContinue(context: MongoContext, connection: MongoConnectionState, command: Document): Promise<Document> {
  const active = connection.conversation;
  if (active === undefined) return protocolError('No SASL session state found');
  if (Number(command.conversationId) !== active.id) return protocolError('sasl: Mismatched conversation id');
  const payload = payloadOf(command);
  if (payload === undefined) return failAuthentication(context, connection, { reason: 'saslContinue has no BinData payload', code: 'ERR_MONGODB_AWS_MALFORMED_PAYLOAD' });
  const result = await active.steps.step(payload);
  if (!result.ok) return fromStep(context, connection, result);
  if (!result.done) return { conversationId: active.id, done: false, payload: new Binary(result.payload, 0), ok: 1 };
  connection.user = result.user;
  context.counters.authenticated();
  return { conversationId: active.id, done: true, payload: EMPTY, ok: 1 };
}

import { type Document } from 'bson';
import { MONGODB_AWS_MECHANISM } from '@iamkit/mongodb-aws-sasl';
import { commandError, commandNotFound, unauthorized } from './command-errors.js';
import { findCommand, getMoreCommand, insertCommand, killCursorsCommand } from './crud-commands.js';
import { saslContinue, saslStart } from './mongo-auth.js';
import type { MongoContext, MongoConnectionState } from './mongo-context.js';
import { MAX_BSON_OBJECT_BYTES, MAX_MESSAGE_BYTES } from './wire-protocol.js';

const HANDSHAKE = new Set(['hello', 'ismaster', 'isMaster']);

// Commands mongod runs on a connection that has not authenticated (their requiresAuth() is false).
const WITHOUT_AUTH = new Set([...HANDSHAKE, 'saslStart', 'saslContinue', 'ping', 'buildInfo', 'buildinfo', 'connectionStatus', 'endSessions', 'logout']);

/** The command name: the first key of the document, as mongod reads it. */
export function commandName(command: Document): string {
  return Object.keys(command)[0] ?? '';
}

export function isHandshake(name: string): boolean {
  return HANDSHAKE.has(name);
}

function hello(context: MongoContext, connection: MongoConnectionState, name: string, command: Document): Document {
  const reply: Document = {
    helloOk: true,
    [name === 'hello' ? 'isWritablePrimary' : 'ismaster']: true,
    maxBsonObjectSize: MAX_BSON_OBJECT_BYTES,
    maxMessageSizeBytes: MAX_MESSAGE_BYTES,
    maxWriteBatchSize: 100_000,
    localTime: new Date(context.now()),
    logicalSessionTimeoutMinutes: 30,
    connectionId: connection.id,
    minWireVersion: 0,
    maxWireVersion: context.maxWireVersion,
    readOnly: false,
  };
  // Asked as "<db>.<user>": mongod lists the user's mechanisms, and omits the field for an unknown user.
  const asked: unknown = command.saslSupportedMechs;
  if (typeof asked === 'string' && asked.startsWith('$external.') && context.users.has(asked.slice('$external.'.length))) {
    reply.saslSupportedMechs = [MONGODB_AWS_MECHANISM];
  }
  reply.ok = 1;
  return reply;
}

function connectionStatus(connection: MongoConnectionState): Document {
  const users = connection.user === undefined ? [] : [{ user: connection.user, db: '$external' }];
  return { authInfo: { authenticatedUsers: users, authenticatedUserRoles: [] }, ok: 1 };
}

function buildInfo(context: MongoContext): Document {
  return {
    version: '7.0.0',
    gitVersion: 'iamkit-mongodb-emulator',
    modules: ['enterprise'],
    allocator: 'system',
    versionArray: [7, 0, 0, 0],
    bits: 64,
    debug: false,
    maxBsonObjectSize: MAX_BSON_OBJECT_BYTES,
    storageEngines: ['inMemory'],
    maxWireVersion: context.maxWireVersion,
    ok: 1,
  };
}

/** Runs one command (faults already applied) and returns the reply document. */
export async function runCommand(context: MongoContext, connection: MongoConnectionState, db: string, command: Document): Promise<Document> {
  const name = commandName(command);
  if (!WITHOUT_AUTH.has(name) && connection.user === undefined) return unauthorized(name);
  switch (name) {
    case 'hello':
    case 'ismaster':
    case 'isMaster':
      return hello(context, connection, name, command);
    case 'saslStart':
      return saslStart(context, connection, db, command);
    case 'saslContinue':
      return saslContinue(context, connection, command);
    case 'ping':
      return { ok: 1 };
    case 'buildInfo':
    case 'buildinfo':
      return buildInfo(context);
    case 'connectionStatus':
      return connectionStatus(connection);
    case 'logout':
      connection.user = undefined;
      return { ok: 1 };
    case 'endSessions':
      return { ok: 1 };
    case 'insert':
      return insertCommand(context.store, db, command);
    case 'find':
      return findCommand(context.store, db, command);
    case 'getMore':
      return getMoreCommand(context.store, db, command);
    case 'killCursors':
      return killCursorsCommand(context.store, command);
    case 'drop': {
      const dropped = context.store.drop(`${db}.${String(command.drop)}`);
      return dropped ? { ns: `${db}.${String(command.drop)}`, ok: 1 } : commandError(26, 'NamespaceNotFound', 'ns not found');
    }
    default:
      return commandNotFound(name);
  }
}

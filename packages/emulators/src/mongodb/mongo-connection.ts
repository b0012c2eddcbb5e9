import type { Socket } from 'node:net';
import { scrubSecrets } from '@iamkit/credentials';
import type { Document } from 'bson';
import { commandError } from './command-errors.js';
import { failAuthentication } from './mongo-auth.js';
import { commandName, isHandshake, runCommand } from './mongo-commands.js';
import type { MongoContext, MongoConnectionState } from './mongo-context.js';
import type { MongoFaultResponse } from './mongo-faults.js';
import {
  encodeOpMsgReply,
  encodeOpReply,
  MessageFramer,
  OP_MSG,
  OP_QUERY,
  parseOpMsg,
  parseOpQuery,
  WireProtocolError,
  type WireCommand,
} from './wire-protocol.js';

const CRUD = new Set(['insert', 'find', 'getMore', 'drop']);

/** Runs one client connection: frames messages, handles them one at a time, in order. */
export function serveConnection(context: MongoContext, socket: Socket, id: number, nextRequestId: () => number): void {
  const connection: MongoConnectionState = {
    id,
    clientAddress: socket.remoteAddress ?? '',
    clientPort: socket.remotePort ?? 0,
    user: undefined,
    conversation: undefined,
    conversations: 0,
  };
  const framer = new MessageFramer();
  let queue: Promise<void> = Promise.resolve();

  const log = (wire: WireCommand, name: string, reply: Document | undefined, fault: MongoFaultResponse['kind'] | undefined, user: string | undefined): void => {
    const collection: unknown = name === 'getMore' ? wire.command.collection : wire.command[name];
    context.commands.add({
      time: new Date(context.now()),
      connectionId: id,
      clientAddress: connection.clientAddress,
      clientPort: connection.clientPort,
      opCode: wire.opCode === OP_MSG ? 'OP_MSG' : 'OP_QUERY',
      db: wire.db,
      command: name,
      collection: CRUD.has(name) && typeof collection === 'string' ? collection : undefined,
      user,
      ok: reply === undefined ? undefined : reply.ok === 1,
      code: typeof reply?.code === 'number' ? reply.code : undefined,
      fault,
    });
  };

  const handle = async (wire: WireCommand): Promise<void> => {
    const name = commandName(wire.command);
    const user = connection.user;
    context.counters.counted(name);
    const fault = context.faults.select({ command: name, db: wire.db, connectionId: id });
    if (fault?.kind === 'drop') {
      log(wire, name, undefined, fault.kind, user);
      socket.destroy();
      return;
    }
    if (fault?.kind === 'never-answer') {
      log(wire, name, undefined, fault.kind, user);
      return;
    }
    if (fault?.kind === 'delay') await context.delay(fault.ms);
    let reply: Document;
    if (fault?.kind === 'error') reply = commandError(fault.code, fault.codeName ?? 'InternalError', fault.errmsg ?? 'error injected by the iamkit MongoDB emulator');
    else if (fault?.kind === 'fail-auth') reply = await failAuthentication(context, connection, { reason: fault.reason ?? `an injected fault failed ${name}`, code: 'ERR_EMULATOR_FAULT' });
    else if (wire.opCode === OP_QUERY && !isHandshake(name)) {
      reply = commandError(352, 'UnsupportedOpQueryCommand', `Unsupported OP_QUERY command: ${name}. The client driver may require an upgrade.`);
    } else {
      try {
        reply = await runCommand(context, connection, wire.db, wire.command);
      } catch (error) {
        reply = commandError(1, 'InternalError', `iamkit MongoDB emulator: ${scrubSecrets(error instanceof Error ? error.message : String(error))}`);
      }
    }
    log(wire, name, wire.moreToCome ? undefined : reply, fault?.kind, user);
    if (wire.moreToCome || socket.destroyed) return;
    socket.write(wire.opCode === OP_QUERY ? encodeOpReply(reply, nextRequestId(), wire.requestId) : encodeOpMsgReply(reply, nextRequestId(), wire.requestId));
  };

  socket.on('data', (chunk: Buffer) => {
    let messages: Buffer[];
    try {
      messages = framer.push(chunk);
    } catch {
      socket.destroy();
      return;
    }
    for (const message of messages) {
      queue = queue.then(async () => {
        if (socket.destroyed) return;
        let wire: WireCommand;
        try {
          const opCode = message.readInt32LE(12);
          if (opCode === OP_MSG) wire = parseOpMsg(message);
          else if (opCode === OP_QUERY) wire = parseOpQuery(message);
          else throw new WireProtocolError(`opcode ${opCode} is not supported`);
        } catch {
          // mongod closes the connection on a message it cannot parse.
          socket.destroy();
          return;
        }
        await handle(wire);
      }).catch(() => {
        socket.destroy();
      });
    }
  });
}

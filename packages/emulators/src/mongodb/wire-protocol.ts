import { BSON, type Document } from 'bson';
import { crc32c } from './crc32c.js';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

/** mongod's limit on one message (maxMessageSizeBytes in hello). */
export const MAX_MESSAGE_BYTES = 48_000_000;
export const MAX_BSON_OBJECT_BYTES = 16 * 1024 * 1024;

const CHECKSUM_PRESENT = 1 << 0;
const MORE_TO_COME = 1 << 1;
const EXHAUST_ALLOWED = 1 << 16;
// Bits 0–15 are "required": a receiver must refuse a message with one it does not know.
const KNOWN_REQUIRED = CHECKSUM_PRESENT | MORE_TO_COME;

/** A command as the emulator handles it, whichever opcode carried it. */
export interface WireCommand {
  readonly opCode: typeof OP_MSG | typeof OP_QUERY;
  readonly requestId: number;
  /** The command document, kind-1 sequences merged in as arrays. */
  readonly command: Document;
  /** `$db` (OP_MSG) or the database of `<db>.$cmd` (OP_QUERY). */
  readonly db: string;
  /** OP_MSG moreToCome: the client expects no reply. */
  readonly moreToCome: boolean;
  readonly exhaustAllowed: boolean;
  readonly checksumPresent: boolean;
}

/** A message the emulator cannot accept; mongod closes the connection for these. */
export class WireProtocolError extends Error {
  override readonly name = 'WireProtocolError';
}

function fail(reason: string): never {
  throw new WireProtocolError(reason);
}

function cstring(buffer: Buffer, at: number, end: number, what: string): [string, number] {
  const nul = buffer.indexOf(0, at);
  if (nul < 0 || nul >= end) fail(`${what} is not NUL-terminated`);
  return [buffer.toString('utf8', at, nul), nul + 1];
}

function documentAt(buffer: Buffer, at: number, end: number, what: string): [Document, number] {
  if (at + 5 > end) fail(`${what} runs past the end of the message`);
  const size = buffer.readInt32LE(at);
  if (size < 5 || at + size > end) fail(`${what} declares ${size} bytes, which do not fit the message`);
  try {
    return [BSON.deserialize(buffer.subarray(at, at + size)), at + size];
  } catch (error) {
    return fail(`${what} is not valid BSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Parses one complete OP_MSG (header included). */
export function parseOpMsg(message: Buffer): WireCommand {
  const requestId = message.readInt32LE(4);
  if (message.length < 21) fail('OP_MSG is too short');
  const flags = message.readUInt32LE(16);
  const unknown = flags & 0xffff & ~KNOWN_REQUIRED;
  if (unknown !== 0) fail(`OP_MSG has unknown required flag bits 0x${unknown.toString(16)}`);
  const checksumPresent = (flags & CHECKSUM_PRESENT) !== 0;
  let end = message.length;
  if (checksumPresent) {
    end -= 4;
    if (end < 21) fail('OP_MSG with checksumPresent is too short for its checksum');
    const expected = message.readUInt32LE(end);
    if (crc32c(message.subarray(0, end)) !== expected) fail('OP_MSG checksum (CRC-32C) does not match');
  }
  let body: Document | undefined;
  const sequences = new Map<string, Document[]>();
  let at = 20;
  while (at < end) {
    const kind = message[at];
    at += 1;
    if (kind === 0) {
      if (body !== undefined) fail('OP_MSG has more than one kind-0 section');
      [body, at] = documentAt(message, at, end, 'the OP_MSG body');
    } else if (kind === 1) {
      if (at + 4 > end) fail('an OP_MSG document sequence runs past the end');
      const stop = at + message.readInt32LE(at);
      if (stop > end || stop < at + 5) fail('an OP_MSG document sequence declares a size that does not fit');
      const [identifier, first] = cstring(message, at + 4, stop, 'a document sequence identifier');
      if (sequences.has(identifier)) fail(`OP_MSG has two document sequences named ${identifier}`);
      const documents: Document[] = [];
      let next = first;
      while (next < stop) {
        const [doc, after] = documentAt(message, next, stop, `a document of sequence ${identifier}`);
        documents.push(doc);
        next = after;
      }
      sequences.set(identifier, documents);
      at = stop;
    } else {
      fail(`OP_MSG has a section of unknown kind ${String(kind)}`);
    }
  }
  if (body === undefined) fail('OP_MSG has no kind-0 (body) section');
  for (const [identifier, documents] of sequences) {
    if (identifier in body) fail(`OP_MSG field ${identifier} is both in the body and a document sequence`);
    body[identifier] = documents;
  }
  const db: unknown = body.$db;
  if (typeof db !== 'string' || db === '') fail('OP_MSG command has no $db');
  return { opCode: OP_MSG, requestId, command: body, db, moreToCome: (flags & MORE_TO_COME) !== 0, exhaustAllowed: (flags & EXHAUST_ALLOWED) !== 0, checksumPresent };
}

/** Parses one complete OP_QUERY (header included); only `<db>.$cmd` queries are commands. */
export function parseOpQuery(message: Buffer): WireCommand & { readonly collection: string } {
  const requestId = message.readInt32LE(4);
  if (message.length < 20 + 1 + 8 + 5) fail('OP_QUERY is too short');
  const [fullName, afterName] = cstring(message, 20, message.length, 'the OP_QUERY collection name');
  if (afterName + 8 > message.length) fail('OP_QUERY is too short');
  let [query, next] = documentAt(message, afterName + 8, message.length, 'the OP_QUERY query');
  if (next < message.length) [, next] = documentAt(message, next, message.length, 'the OP_QUERY field selector');
  if (next !== message.length) fail('OP_QUERY has trailing bytes');
  // Drivers wrap a command with read preference as { $query: command, $readPreference }.
  const wrapped: unknown = query.$query;
  if (typeof wrapped === 'object' && wrapped !== null) query = wrapped;
  const dot = fullName.indexOf('.');
  const db = dot < 0 ? fullName : fullName.slice(0, dot);
  return { opCode: OP_QUERY, requestId, command: query, db, collection: dot < 0 ? '' : fullName.slice(dot + 1), moreToCome: false, exhaustAllowed: false, checksumPresent: false };
}

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const out = Buffer.allocUnsafe(16);
  out.writeInt32LE(length, 0);
  out.writeInt32LE(requestId, 4);
  out.writeInt32LE(responseTo, 8);
  out.writeInt32LE(opCode, 12);
  return out;
}

/** An OP_MSG reply carrying `document` in one kind-0 section, no flags. */
export function encodeOpMsgReply(document: Document, requestId: number, responseTo: number): Buffer {
  const body = BSON.serialize(document);
  const flagsAndKind = Buffer.alloc(5);
  return Buffer.concat([header(16 + 5 + body.length, requestId, responseTo, OP_MSG), flagsAndKind, body]);
}

/** An OP_REPLY with one document, as mongod answers a legacy OP_QUERY handshake. */
export function encodeOpReply(document: Document, requestId: number, responseTo: number): Buffer {
  const body = BSON.serialize(document);
  const fields = Buffer.alloc(20);
  fields.writeInt32LE(8, 0); // responseFlags: AwaitCapable, as mongod sets it
  fields.writeBigInt64LE(0n, 4); // cursorID
  fields.writeInt32LE(0, 12); // startingFrom
  fields.writeInt32LE(1, 16); // numberReturned
  return Buffer.concat([header(16 + 20 + body.length, requestId, responseTo, OP_REPLY), fields, body]);
}

/**
 * Splits a byte stream into complete messages: feed it chunks, get whole messages (header
 * included). Refuses lengths below a header or above {@link MAX_MESSAGE_BYTES}.
 */
export class MessageFramer {
  #pending: Buffer[] = [];
  #size = 0;

  push(chunk: Buffer): Buffer[] {
    this.#pending.push(chunk);
    this.#size += chunk.length;
    const messages: Buffer[] = [];
    while (this.#size >= 4) {
      const buffered = this.#pending.length === 1 ? (this.#pending[0] ?? Buffer.alloc(0)) : Buffer.concat(this.#pending);
      this.#pending = [buffered];
      const length = buffered.readInt32LE(0);
      if (length < 16 || length > MAX_MESSAGE_BYTES) fail(`a message declares ${length} bytes (must be 16 to ${MAX_MESSAGE_BYTES})`);
      if (buffered.length < length) break;
      messages.push(buffered.subarray(0, length));
      const rest = buffered.subarray(length);
      this.#pending = rest.length === 0 ? [] : [rest];
      this.#size = rest.length;
    }
    return messages;
  }
}

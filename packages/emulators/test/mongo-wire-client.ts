// A minimal MongoDB wire-protocol client for tests that need exact control over the bytes:
// flags, checksums, document sequences, OP_QUERY, split writes, malformed messages.
import { connect, type Socket } from 'node:net';
import { BSON, type Document } from 'bson';
import { crc32c } from '../src/mongodb/crc32c.js';

export interface WireReply {
  readonly opCode: number;
  readonly responseTo: number;
  readonly document: Document;
}

export interface OpMsgOptions {
  readonly flags?: number;
  readonly checksum?: boolean | 'wrong';
  readonly sequences?: Readonly<Record<string, readonly Document[]>>;
  readonly requestId?: number;
}

let nextId = 1000;

function header(length: number, requestId: number, opCode: number): Buffer {
  const out = Buffer.alloc(16);
  out.writeInt32LE(length, 0);
  out.writeInt32LE(requestId, 4);
  out.writeInt32LE(0, 8);
  out.writeInt32LE(opCode, 12);
  return out;
}

export function opMsg(command: Document, options: OpMsgOptions = {}): Buffer {
  const requestId = options.requestId ?? nextId++;
  let flags = options.flags ?? 0;
  if (options.checksum !== undefined && options.checksum !== false) flags |= 1;
  const parts: Buffer[] = [Buffer.from([0]), Buffer.from(BSON.serialize(command))];
  for (const [identifier, documents] of Object.entries(options.sequences ?? {})) {
    const docs = documents.map((d) => Buffer.from(BSON.serialize(d)));
    const name = Buffer.from(`${identifier}\0`);
    const size = Buffer.alloc(4);
    size.writeInt32LE(4 + name.length + docs.reduce((n, d) => n + d.length, 0));
    parts.push(Buffer.from([1]), size, name, ...docs);
  }
  const flagBytes = Buffer.alloc(4);
  flagBytes.writeUInt32LE(flags >>> 0);
  const bodyLength = 16 + 4 + parts.reduce((n, p) => n + p.length, 0) + (flags & 1 ? 4 : 0);
  const message = Buffer.concat([header(bodyLength, requestId, 2013), flagBytes, ...parts]);
  if (!(flags & 1)) return message;
  const sum = Buffer.alloc(4);
  sum.writeUInt32LE(options.checksum === 'wrong' ? (crc32c(message) ^ 1) >>> 0 : crc32c(message));
  return Buffer.concat([message, sum]);
}

export function opQuery(collection: string, query: Document, requestId = nextId++): Buffer {
  const name = Buffer.from(`${collection}\0`);
  const skipReturn = Buffer.alloc(12);
  skipReturn.writeInt32LE(0, 0); // flags
  skipReturn.writeInt32LE(0, 4); // numberToSkip
  skipReturn.writeInt32LE(-1, 8); // numberToReturn
  const doc = Buffer.from(BSON.serialize(query));
  const flags = skipReturn.subarray(0, 4);
  const numbers = skipReturn.subarray(4);
  return Buffer.concat([header(16 + 4 + name.length + 8 + doc.length, requestId, 2004), flags, name, numbers, doc]);
}

/** A connection that collects replies. */
export class WireClient {
  readonly socket: Socket;
  #buffer = Buffer.alloc(0);
  #waiters: ((reply: WireReply) => void)[] = [];
  #replies: WireReply[] = [];
  closed = false;
  readonly #closedPromise: Promise<void>;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      while (this.#buffer.length >= 4 && this.#buffer.length >= this.#buffer.readInt32LE(0)) {
        const length = this.#buffer.readInt32LE(0);
        const message = this.#buffer.subarray(0, length);
        this.#buffer = this.#buffer.subarray(length);
        const opCode = message.readInt32LE(12);
        const start = opCode === 1 ? 36 : 21;
        const reply = { opCode, responseTo: message.readInt32LE(8), document: BSON.deserialize(message.subarray(start)) };
        const waiter = this.#waiters.shift();
        if (waiter === undefined) this.#replies.push(reply);
        else waiter(reply);
      }
    });
    socket.on('error', () => undefined);
    this.#closedPromise = new Promise((resolve) => socket.once('close', () => ((this.closed = true), resolve())));
  }

  static async connect(port: number): Promise<WireClient> {
    const socket = connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    return new WireClient(socket);
  }

  get pendingReplies(): number {
    return this.#replies.length;
  }

  send(message: Buffer): void {
    this.socket.write(message);
  }

  next(): Promise<WireReply> {
    const ready = this.#replies.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      this.#waiters.push(resolve);
      void this.#closedPromise.then(() => reject(new Error('connection closed before a reply')));
    });
  }

  async command(command: Document, options?: OpMsgOptions): Promise<Document> {
    this.send(opMsg(command, options));
    return (await this.next()).document;
  }

  untilClosed(): Promise<void> {
    return this.#closedPromise;
  }

  close(): void {
    this.socket.destroy();
  }
}

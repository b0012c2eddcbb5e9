import type { SigningDate, SigV4Credentials } from '@iamkit/sigv4';
import { isIamkitError } from '@iamkit/credentials';
import { mongoAwsError } from '../errors.js';
import type { RandomBytes } from '../random-bytes.js';
import { createClientFirst } from './client-first.js';
import { createClientFinal, type ClientFinal, type ClientFinalSigner } from './client-final.js';
import { parseServerFirst } from './server-first.js';

/**
 * Options of {@link startClientConversation}.
 *
 * @example
 * ```ts
 * const options: ClientConversationOptions = { signer: createSigner({ region: 'us-east-1', service: 'sts', credentials }) };
 * ```
 * @public
 */
export interface ClientConversationOptions {
  /** Where the 32-byte nonce comes from; default `crypto.randomBytes`. */
  readonly randomBytes?: RandomBytes | undefined;
  /** A reusable signer (see {@link ClientFinalOptions.signer}). */
  readonly signer?: ClientFinalSigner | undefined;
}

/**
 * The client half of one MONGODB-AWS conversation: send `clientFirst` with `saslStart`, pass the
 * reply's payload and the credentials to `respond()`, send its payload with `saslContinue`.
 *
 * @example
 * ```ts
 * const conversation: MongoAwsClientConversation = startClientConversation();
 * ```
 * @public
 */
export interface MongoAwsClientConversation {
  /** The `saslStart` payload. */
  readonly clientFirst: Uint8Array;
  readonly clientNonce: Uint8Array;
  /** `started` until `respond()` succeeds (`answered`) or throws (`failed`). */
  readonly state: 'started' | 'answered' | 'failed';
  /**
   * Checks the server-first payload and returns the client-final. Callable once: a conversation
   * that failed or answered stays so (a retry needs a new conversation, with a new nonce).
   */
  respond(serverFirst: Uint8Array, credentials: SigV4Credentials, options?: { readonly date?: SigningDate | undefined }): ClientFinal;
}

/**
 * Starts the client half of a MONGODB-AWS conversation, independent of any transport: a driver,
 * a proxy or a test tool sends the payloads in its own `saslStart` / `saslContinue` commands.
 *
 * @example
 * ```ts
 * const conversation = startClientConversation();
 * const start = await command({ saslStart: 1, mechanism: 'MONGODB-AWS', payload: conversation.clientFirst, $db: '$external' });
 * const final = conversation.respond(start.payload, await provider());
 * await command({ saslContinue: 1, conversationId: start.conversationId, payload: final.payload, $db: '$external' });
 * ```
 * @public
 */
export function startClientConversation(options: ClientConversationOptions = {}): MongoAwsClientConversation {
  const first = createClientFirst({ randomBytes: options.randomBytes });
  let state: MongoAwsClientConversation['state'] = 'started';
  return {
    clientFirst: first.payload,
    clientNonce: first.clientNonce,
    get state() {
      return state;
    },
    respond(serverFirst, credentials, call = {}) {
      if (state !== 'started') {
        throw mongoAwsError('ERR_MONGODB_AWS_BAD_STEP', `this conversation has already ${state}; MONGODB-AWS has exactly one server-first message. Start a new conversation to retry.`);
      }
      try {
        const server = parseServerFirst(serverFirst, first.clientNonce);
        const final = createClientFinal(server, credentials, { date: call.date, signer: options.signer });
        state = 'answered';
        return final;
      } catch (error) {
        state = 'failed';
        if (isIamkitError(error)) throw error;
        throw mongoAwsError('ERR_MONGODB_AWS_MALFORMED_PAYLOAD', 'the server-first payload could not be processed; see cause.', { cause: error });
      }
    },
  };
}

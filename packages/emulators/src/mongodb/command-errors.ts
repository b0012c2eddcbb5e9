import type { Document } from 'bson';

/** A mongod error reply: `{ ok: 0, errmsg, code, codeName }`. */
export function commandError(code: number, codeName: string, errmsg: string): Document {
  return { ok: 0, errmsg, code, codeName };
}

export const unauthorized = (command: string): Document => commandError(13, 'Unauthorized', `Command ${command} requires authentication`);
export const commandNotFound = (command: string): Document => commandError(59, 'CommandNotFound', `no such command: '${command}'`);
export const badValue = (errmsg: string): Document => commandError(2, 'BadValue', errmsg);
export const typeMismatch = (errmsg: string): Document => commandError(14, 'TypeMismatch', errmsg);
export const protocolError = (errmsg: string): Document => commandError(17, 'ProtocolError', errmsg);

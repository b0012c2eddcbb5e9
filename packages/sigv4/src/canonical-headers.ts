import { DEFAULT_UNSIGNABLE_HEADERS } from './constants.js';
import type { HeaderList } from './headers.js';
import type { Knobs } from './options.js';

// A frozen, prototype-less lookup: faster than Array#includes, and no mutable module state.
const NEVER_SIGNED: Readonly<Record<string, true>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, true>, Object.fromEntries(DEFAULT_UNSIGNABLE_HEADERS.map((name) => [name, true] as const))),
);

/** Whether a (lower-case) header name is signed under these knobs. @internal */
export function isSignable(name: string, knobs: Knobs): boolean {
  const blocked = NEVER_SIGNED[name] === true || name.startsWith('proxy-') || name.startsWith('sec-') || knobs.unsignable?.has(name) === true;
  return !blocked || knobs.signable?.has(name) === true;
}

/** The canonical header lines (each ending in `\n`) and the SignedHeaders list. @internal */
export interface HeaderBlock {
  readonly lines: string;
  readonly signed: string;
}

/** Builds the canonical headers of the signable entries of `list`, sorted by name. @internal */
export function canonicalHeaderBlock(list: HeaderList, knobs: Knobs, signable: (name: string, knobs: Knobs) => boolean = isSignable): HeaderBlock {
  const { names, canon } = list;
  const order: number[] = [];
  for (let i = 0; i < names.length; i++) {
    const name = names[i] ?? '';
    if (!signable(name, knobs)) continue;
    // Insertion sort in place: a request has a handful of headers, and this avoids a comparator
    // closure and array splicing.
    let j = order.length;
    order.push(i);
    while (j > 0) {
      const previous = order[j - 1] ?? 0;
      if ((names[previous] ?? '') <= name) break;
      order[j] = previous;
      j--;
    }
    order[j] = i;
  }
  let lines = '';
  let signed = '';
  for (const index of order) {
    const name = names[index] ?? '';
    lines += `${name}:${canon[index] ?? ''}\n`;
    signed = signed === '' ? name : `${signed};${name}`;
  }
  return { lines, signed };
}

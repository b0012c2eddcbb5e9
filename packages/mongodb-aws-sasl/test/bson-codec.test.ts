// The tiny codec must be exact: every document it writes is the `bson` package's bytes for the
// same object, and it reads every document `bson` writes (any type, any nesting) the way `bson`
// reads it — while refusing malformed bytes that `bson` refuses.
import { Binary, BSON, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp, BSONRegExp, Code } from 'bson';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BsonFormatError, decodeDocument } from '../src/bson/decode-document.js';
import { encodeDocument, type FlatField } from '../src/bson/encode-document.js';

const key = fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !k.includes('\u0000'));
const value = fc.oneof(
  fc.uint8Array({ maxLength: 80 }).map((bytes) => ({ type: 'binary' as const, bytes })),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map((v) => ({ type: 'int32' as const, value: v })),
  fc.string({ maxLength: 40, unit: 'grapheme' }).map((v) => ({ type: 'string' as const, value: v })),
);
const flatDocument = fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, maxLength: 6 });

// A Map keeps insertion order for every key (an object would move "0" before " ").
function asJs(fields: readonly FlatField[]): Map<string, unknown> {
  return new Map(fields.map(([k, v]) => [k, v.type === 'binary' ? new Binary(v.bytes, 0) : v.type === 'int32' ? new Int32(v.value) : v.value]));
}

describe('encodeDocument', () => {
  it('writes the bytes bson.serialize writes, for any flat document of binData, int32 and string', () => {
    fc.assert(
      fc.property(flatDocument, (fields) => {
        expect(Buffer.from(encodeDocument(fields))).toEqual(Buffer.from(BSON.serialize(asJs(fields))));
      }),
      { numRuns: 500 },
    );
  });

  it('writes the payload shapes of the protocol as bson does for plain JavaScript values', () => {
    const nonce = new Uint8Array(32).fill(7);
    expect(Buffer.from(encodeDocument([['r', { type: 'binary', bytes: nonce }], ['p', { type: 'int32', value: 110 }]]))).toEqual(
      Buffer.from(BSON.serialize({ r: nonce, p: 110 })),
    );
    expect(Buffer.from(encodeDocument([['a', { type: 'string', value: 'AWS4 é ✓' }], ['d', { type: 'string', value: '' }]]))).toEqual(
      Buffer.from(BSON.serialize({ a: 'AWS4 é ✓', d: '' })),
    );
  });
});

describe('decodeDocument', () => {
  it('reads what bson wrote: keys, types and values of flat documents', () => {
    fc.assert(
      fc.property(flatDocument, (fields) => {
        const elements = decodeDocument(BSON.serialize(asJs(fields)));
        expect(elements.map((e) => e.key)).toEqual(fields.map(([k]) => k));
        for (const [i, [, v]] of fields.entries()) {
          const got = elements[i]!;
          if (v.type === 'binary') expect(Buffer.from(got.value as Uint8Array)).toEqual(Buffer.from(v.bytes));
          else expect(got.value).toBe(v.value);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('walks every other BSON type exactly, nested documents included', () => {
    const doc = {
      double: new Double(1.5),
      doc: { a: [1, 'x', { b: null }], c: new Long(5) },
      array: [true, false],
      oldBinary: new Binary(new Uint8Array([1, 2, 3]), 2),
      uuid: new Binary(new Uint8Array(16), 4),
      oid: new ObjectId('0123456789abcdef01234567'),
      bool: true,
      date: new Date(0),
      nil: null,
      regex: new BSONRegExp('a+b', 'i'),
      code: new Code('x = 1'),
      codeWithScope: new Code('x = y', { y: 2 }),
      int: 3,
      ts: new Timestamp({ t: 1, i: 2 }),
      long: Long.fromNumber(2 ** 40),
      dec: Decimal128.fromString('1.25'),
      max: new MaxKey(),
      min: new MinKey(),
      last: 'end',
    };
    const bytes = BSON.serialize(doc);
    const elements = decodeDocument(bytes);
    expect(elements.map((e) => e.key)).toEqual(Object.keys(doc));
    expect(elements.map((e) => e.type)).toEqual([0x01, 0x03, 0x04, 0x05, 0x05, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0d, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x7f, 0xff, 0x02]);
    expect(elements.at(-1)?.value).toBe('end');
    expect(elements[4]?.subtype).toBe(4);
  });

  it('walks the deprecated undefined type (0x06), which bson no longer writes', () => {
    const bytes = Uint8Array.of(8, 0, 0, 0, 0x06, 0x75, 0, 0);
    expect(decodeDocument(bytes)).toEqual([{ key: 'u', type: 0x06, value: undefined }]);
    expect(BSON.deserialize(bytes)).toEqual({ u: undefined });
  });

  it('keeps repeated keys (the payload reader refuses them)', () => {
    const once = encodeDocument([['a', { type: 'string', value: 'x' }]]);
    const body = once.subarray(4, once.length - 1);
    const twice = Buffer.concat([Buffer.alloc(4), body, body, Buffer.from([0])]);
    twice.writeInt32LE(twice.length, 0);
    expect(decodeDocument(twice).map((e) => e.key)).toEqual(['a', 'a']);
  });

  describe('refuses malformed bytes that bson refuses too', () => {
    const good = Buffer.from(BSON.serialize({ r: new Uint8Array(32), p: 110, h: 'sts.amazonaws.com' }));
    const mutate = (edit: (b: Buffer) => void): Buffer => {
      const copy = Buffer.from(good);
      edit(copy);
      return copy;
    };
    const cases: [string, Uint8Array][] = [
      ['empty', new Uint8Array(0)],
      ['shorter than 5 bytes', Uint8Array.of(4, 0, 0, 0)],
      ['truncated', good.subarray(0, good.length - 3)],
      ['a trailing byte', Buffer.concat([good, Buffer.from([0])])],
      ['a declared length that is too big', mutate((b) => b.writeInt32LE(b.length + 1, 0))],
      ['no closing NUL', mutate((b) => (b[b.length - 1] = 1))],
      ['a binData length past the end', mutate((b) => b.writeInt32LE(1000, 7))],
      ['a negative binData length', mutate((b) => b.writeInt32LE(-1, 7))],
      ['an unknown type byte', mutate((b) => (b[4] = 0x42))],
      ['a string without its NUL', mutate((b) => (b[b.length - 2] = 0x41))],
      ['a string length of 0', mutate((b) => b.writeInt32LE(0, b.length - 23))],
      ['invalid UTF-8 in a string', mutate((b) => (b[b.length - 3] = 0xff))],
      ['an old-binary inner length that disagrees', Buffer.from(BSON.serialize({ x: new Binary(new Uint8Array([1, 2, 3]), 2) })).fill(9, 12, 13)],
      ['a bool that is neither 0 nor 1', Buffer.from(BSON.serialize({ b: true })).fill(2, 8, 9)],
    ];
    it.each(cases)('%s', (_name, bytes) => {
      expect(() => decodeDocument(bytes)).toThrow(BsonFormatError);
      expect(() => BSON.deserialize(bytes)).toThrow();
    });
  });

  it('never throws anything but BsonFormatError, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 0, max: 63 }), (noise, cut) => {
        const bytes = Buffer.concat([Buffer.from(BSON.serialize({ a: 'x', b: 1 })), Buffer.from(noise)]).subarray(0, 5 + cut);
        try {
          decodeDocument(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(BsonFormatError);
        }
        // Whatever is accepted, bson reads the same keys.
        let ours: string[] | undefined;
        try {
          ours = decodeDocument(bytes).map((e) => e.key);
        } catch {
          return;
        }
        expect(Object.keys(BSON.deserialize(bytes))).toEqual([...new Set(ours)]);
      }),
      { numRuns: 500 },
    );
  });
});

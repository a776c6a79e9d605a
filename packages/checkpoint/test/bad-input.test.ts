import { describe, expect, it } from 'vitest';
import {
  decodeSafetensors,
  encodeSafetensors,
  MAX_HEADER_BYTES,
  SafetensorsError,
  type SafetensorsTensor,
} from '../src/index.js';
import { craftFile } from './craft.js';

const u8 = (shape: unknown, offsets: unknown, dtype: unknown = 'U8') => ({
  dtype,
  shape,
  data_offsets: offsets,
});

function expectRejected(bytes: Uint8Array, message: RegExp) {
  expect(() => decodeSafetensors(bytes)).toThrow(SafetensorsError);
  expect(() => decodeSafetensors(bytes)).toThrow(message);
}

describe('decodeSafetensors rejects bad files with a clear error', () => {
  it('truncated before the 8-byte header length ends', () => {
    for (const length of [0, 1, 7])
      expectRejected(new Uint8Array(length), /truncated: \d bytes.*8-byte header length/);
  });

  it('a header length over the 100 MB cap, even when it is 2^64 - 1, without allocating it', () => {
    expect(MAX_HEADER_BYTES).toBe(100_000_000);
    expectRejected(
      craftFile('{}', 0, BigInt(MAX_HEADER_BYTES) + 1n),
      /header length 100000001 exceeds the 100000000-byte cap/,
    );
    expectRejected(craftFile('{}', 0, 2n ** 64n - 1n), /header length 18446744073709551615 exceeds/);
  });

  it('a header length that runs past the end of the file', () => {
    expectRejected(
      craftFile('{}', 0, 1000n),
      /header length 1000 runs past the end of the file \(10 bytes\)/,
    );
    expectRejected(craftFile('{}', 0, 3n), /header length 3 runs past/);
  });

  it('a header that is not UTF-8', () => {
    const bytes = craftFile('{"a":1}');
    bytes[10] = 0xff;
    expectRejected(bytes, /header is not valid UTF-8/);
  });

  it('a header that is not JSON', () => {
    expectRejected(craftFile('{"a": '), /header is not valid JSON/);
    expectRejected(craftFile('{} trailing'), /header is not valid JSON/);
    expectRejected(craftFile('{}\0\0'), /header is not valid JSON/);
  });

  it('a header that is not a JSON object', () => {
    for (const text of ['[1, 2]', 'null', '"text"', '42', ' {}', '']) {
      expectRejected(craftFile(text), /header must be a JSON object starting with '\{'/);
    }
  });

  it('an entry that is not an object', () => {
    expectRejected(
      craftFile({ a: 5 }),
      /tensor "a": entry must be an object with dtype, shape and data_offsets, got 5/,
    );
    expectRejected(craftFile({ a: [0, 1] }), /tensor "a": entry must be an object/);
  });

  it('an unknown dtype', () => {
    expectRejected(
      craftFile({ a: u8([1], [0, 1], 'F8_E4M3') }, 1),
      /tensor "a": unknown dtype "F8_E4M3"; supported: F64, F32/,
    );
    expectRejected(craftFile({ a: u8([1], [0, 1], 'float32') }, 1), /unknown dtype "float32"/);
    expectRejected(craftFile({ a: u8([1], [0, 1], 'toString') }, 1), /unknown dtype "toString"/);
    expectRejected(craftFile({ a: { shape: [1], data_offsets: [0, 1] } }, 1), /unknown dtype undefined/);
  });

  it('negative, fractional, non-numeric or unsafe dimensions', () => {
    for (const shape of [[-1], [1.5], ['2'], [null], 3, null, [2 ** 53]]) {
      expectRejected(
        craftFile({ a: u8(shape, [0, 1]) }, 1),
        /tensor "a": shape must be an array of non-negative integers/,
      );
    }
  });

  it('malformed data_offsets', () => {
    for (const offsets of [undefined, [0], [0, 1, 2], [-1, 0], [0, 0.5], ['0', '1'], { 0: 0, 1: 1 }]) {
      expectRejected(
        craftFile({ a: u8([1], offsets) }, 1),
        /tensor "a": data_offsets must be \[begin, end\] with non-negative integers/,
      );
    }
    expectRejected(craftFile({ a: u8([0], [1, 0]) }, 1), /data_offsets \[1, 0\] end before they begin/);
  });

  it('a byte size that is not dtype size x element count', () => {
    const header = { a: { dtype: 'F32', shape: [2], data_offsets: [0, 4] } };
    expectRejected(
      craftFile(header, 4),
      /tensor "a": F32 x \[2\] needs 8 bytes but data_offsets \[0, 4\] span 4/,
    );
  });

  it('a hostile shape whose element count overflows, without allocating', () => {
    const header = { a: { dtype: 'F32', shape: [1e15, 1e15], data_offsets: [0, 4] } };
    expectRejected(craftFile(header, 4), /needs 4e\+30 bytes but data_offsets \[0, 4\] span 4/);
  });

  it('data that ends before the offsets do (a truncated file), without allocating the claim', () => {
    const full = craftFile({ a: u8([4], [0, 4]) }, 4);
    expectRejected(
      full.subarray(0, full.length - 1),
      /data_offsets end at byte 4 but the data section has only 3 bytes; the file is truncated/,
    );
    const header = { a: { dtype: 'F32', shape: [2 ** 50], data_offsets: [0, 2 ** 52] } };
    expectRejected(
      craftFile(header, 8),
      /end at byte 4503599627370496 but the data section has only 8 bytes/,
    );
  });

  it('offsets that do not start at 0', () => {
    expectRejected(
      craftFile({ a: u8([4], [2, 6]) }, 6),
      /tensor "a" at data_offsets \[2, 6\] leaves a gap of 2 bytes after the start/,
    );
  });

  it('overlapping offsets', () => {
    const header = { a: u8([4], [0, 4]), b: u8([4], [2, 6]) };
    expectRejected(
      craftFile(header, 6),
      /tensor "b" at data_offsets \[2, 6\] overlaps tensor "a" \(which ends at byte 4\)/,
    );
    const same = { a: u8([4], [0, 4]), b: u8([4], [0, 4]) };
    expectRejected(craftFile(same, 4), /overlaps/);
  });

  it('a gap between tensors', () => {
    const header = { a: u8([4], [0, 4]), b: u8([4], [6, 10]) };
    expectRejected(
      craftFile(header, 10),
      /tensor "b" at data_offsets \[6, 10\] leaves a gap of 2 bytes after tensor "a"/,
    );
  });

  it('trailing bytes that no tensor covers', () => {
    expectRejected(craftFile({ a: u8([4], [0, 4]) }, 6), /2 trailing bytes \(4\.\.6\) that no tensor covers/);
    expectRejected(craftFile({}, 3), /3 trailing bytes \(0\.\.3\)/);
  });

  it('duplicate keys, at the top level and in the metadata', () => {
    const entry = JSON.stringify(u8([1], [0, 1]));
    expectRejected(craftFile(`{"a":${entry},"a":${entry}}`, 1), /header has the key "a" twice/);
    expectRejected(craftFile(`{"__metadata__":{"k":"1","k":"2"}}`), /header has the key "k" twice/);
    // Equal names spelled differently in JSON are still the same key.
    expectRejected(craftFile(`{"a":${entry},"\\u0061":${entry}}`, 1), /header has the key "a" twice/);
    // The same key in two different objects is fine.
    expect(decodeSafetensors(craftFile(`{"__metadata__":{"a":"x"},"a":${entry}}`, 1)).metadata).toEqual({
      a: 'x',
    });
  });

  it('metadata that is not an object of strings', () => {
    expectRejected(
      craftFile({ __metadata__: { epoch: 3 } }),
      /header.__metadata__\["epoch"\] must be a string, got 3; JSON-encode/,
    );
    expectRejected(craftFile({ __metadata__: { nested: { a: 'b' } } }), /\["nested"\] must be a string/);
    for (const value of ['text', [], null]) {
      expectRejected(
        craftFile({ __metadata__: value }),
        /header.__metadata__ must be an object of string values/,
      );
    }
  });

  it('a non-Uint8Array argument', () => {
    expect(() => decodeSafetensors('file' as unknown as Uint8Array)).toThrow(TypeError);
  });
});

describe('encodeSafetensors rejects tensors it cannot write', () => {
  const good: SafetensorsTensor = { dtype: 'F32', shape: [2], data: new Float32Array(2) };
  const encodeOne =
    (tensor: unknown, name = 't') =>
    () =>
      encodeSafetensors(new Map([[name, tensor as SafetensorsTensor]]));

  it('a non-Map', () => {
    expect(() => encodeSafetensors({} as Map<string, SafetensorsTensor>)).toThrow(
      /needs a Map of name -> tensor/,
    );
  });

  it('the reserved name __metadata__', () => {
    expect(encodeOne(good, '__metadata__')).toThrow(/the name __metadata__ is reserved/);
  });

  it('an unknown dtype', () => {
    expect(encodeOne({ ...good, dtype: 'F8' })).toThrow(/tensor "t": unknown dtype F8/);
  });

  it('data of the wrong typed array for the dtype', () => {
    expect(encodeOne({ ...good, data: new Float64Array(2) })).toThrow(
      /F32 data must be a Float32Array, got Float64Array/,
    );
    expect(encodeOne({ dtype: 'I64', shape: [1], data: new Int32Array(1) })).toThrow(
      /I64 data must be a BigInt64Array/,
    );
    expect(encodeOne({ ...good, data: [0, 0] })).toThrow(/got Array/);
  });

  it('a data length that does not match the shape', () => {
    expect(encodeOne({ ...good, shape: [3] })).toThrow(/shape \[3\] has 3 elements but data has 2/);
  });

  it('bad shapes', () => {
    expect(encodeOne({ ...good, shape: [-2] })).toThrow(/shape must be an array of non-negative integers/);
    expect(encodeOne({ ...good, shape: [0.5, 4] })).toThrow(
      /shape must be an array of non-negative integers/,
    );
  });

  it('metadata values that are not strings', () => {
    expect(() => encodeSafetensors(new Map(), { epoch: 3 } as unknown as Record<string, string>)).toThrow(
      /metadata\["epoch"\] must be a string, got 3/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  decodeSafetensors,
  encodeSafetensors,
  type SafetensorsData,
  type SafetensorsTensor,
} from '../src/index.js';
import { craftFile, headerOf } from './craft.js';

/** Elements as a plain array (bigint or number), so NaN, -0 and dtype-specific arrays compare by value. */
const values = (data: SafetensorsData | undefined) => (data ? [...(data as Iterable<number | bigint>)] : []);

function roundTrip(tensors: Map<string, SafetensorsTensor>, metadata?: Record<string, string>) {
  return decodeSafetensors(encodeSafetensors(tensors, metadata));
}

describe('safetensors round trips', () => {
  const cases: [string, SafetensorsTensor][] = [
    ['F64', { dtype: 'F64', shape: [2, 2], data: new Float64Array([Math.PI, -0, 1e-308, -Infinity]) }],
    ['F32', { dtype: 'F32', shape: [3], data: new Float32Array([1.5, -2.25, NaN]) }],
    ['I64', { dtype: 'I64', shape: [3], data: new BigInt64Array([-(2n ** 63n), 2n ** 62n + 1n, 0n]) }],
    ['I32', { dtype: 'I32', shape: [2, 1], data: new Int32Array([-(2 ** 31), 2 ** 31 - 1]) }],
    ['I16', { dtype: 'I16', shape: [2], data: new Int16Array([-32768, 32767]) }],
    ['I8', { dtype: 'I8', shape: [3], data: new Int8Array([-128, 0, 127]) }],
    ['U64', { dtype: 'U64', shape: [1], data: new BigUint64Array([2n ** 64n - 1n]) }],
    ['U32', { dtype: 'U32', shape: [1], data: new Uint32Array([2 ** 32 - 1]) }],
    ['U16', { dtype: 'U16', shape: [1], data: new Uint16Array([65535]) }],
    ['U8', { dtype: 'U8', shape: [1, 1, 4], data: new Uint8Array([0, 1, 128, 255]) }],
    ['BOOL', { dtype: 'BOOL', shape: [2], data: new Uint8Array([1, 0]) }],
    ['F16', { dtype: 'F16', shape: [4], data: new Float32Array([1, -2, 65504, 2 ** -24]) }],
    ['BF16', { dtype: 'BF16', shape: [3], data: new Float32Array([1, -2.5, 3.140625]) }],
  ];

  it.each(cases)('keeps %s values, dtype and shape exactly', (_name, tensor) => {
    const { tensors } = roundTrip(new Map([['t', tensor]]));
    const back = tensors.get('t');
    expect(back?.dtype).toBe(tensor.dtype);
    expect(back?.shape).toEqual(tensor.shape);
    expect(back?.data.constructor).toBe(tensor.data.constructor);
    expect(values(back?.data)).toEqual(values(tensor.data));
  });

  it('keeps every dtype together in one file, in insertion order, with metadata', () => {
    const names = cases.map(([name]) => `tensor_${name}`).reverse();
    const tensors = new Map(cases.map(([name, tensor]) => [`tensor_${name}`, tensor] as const).reverse());
    const { tensors: back, metadata } = roundTrip(tensors, { epoch: '3', rng: '[1,2,3]' });
    expect([...back.keys()]).toEqual(names);
    expect(metadata).toEqual({ epoch: '3', rng: '[1,2,3]' });
    for (const [name, tensor] of tensors) expect(values(back.get(name)?.data)).toEqual(values(tensor.data));
  });

  it('handles scalars, zero-element tensors and an empty file', () => {
    const tensors = new Map<string, SafetensorsTensor>([
      ['scalar', { dtype: 'F32', shape: [], data: new Float32Array([7.25]) }],
      ['empty', { dtype: 'F64', shape: [0, 5], data: new Float64Array(0) }],
    ]);
    const back = roundTrip(tensors).tensors;
    expect(back.get('scalar')).toEqual(tensors.get('scalar'));
    expect(back.get('empty')?.shape).toEqual([0, 5]);
    expect(roundTrip(new Map())).toEqual({ tensors: new Map(), metadata: {} });
  });

  it('writes the layout the format specifies: u64 length, JSON header padded with spaces to 8 bytes, data', () => {
    const bytes = encodeSafetensors(
      new Map<string, SafetensorsTensor>([
        ['b', { dtype: 'U8', shape: [3], data: new Uint8Array([1, 2, 3]) }],
        ['a', { dtype: 'I32', shape: [1], data: new Int32Array([-2]) }],
      ]),
      { k: 'v' },
    );
    const { text, length } = headerOf(bytes);
    expect((8 + length) % 8).toBe(0);
    expect(new DataView(bytes.buffer).getUint32(4, true)).toBe(0);
    expect(text.trimEnd()).toBe(
      '{"__metadata__":{"k":"v"},"b":{"dtype":"U8","shape":[3],"data_offsets":[0,3]},' +
        '"a":{"dtype":"I32","shape":[1],"data_offsets":[3,7]}}',
    );
    expect(/^ *$/.test(text.slice(text.trimEnd().length))).toBe(true);
    // 1, 2, 3 then -2 as little-endian two's complement: fe ff ff ff.
    expect(Array.from(bytes.subarray(8 + length))).toEqual([1, 2, 3, 0xfe, 0xff, 0xff, 0xff]);
  });

  it('decodes misaligned data into aligned, independent copies', () => {
    // One U8 then an F64 at data offset 1 (so at an odd file offset): 1.5 is 0x3ff8000000000000.
    const data = new Uint8Array([9, 0, 0, 0, 0, 0, 0, 0xf8, 0x3f]);
    const header = {
      u: { dtype: 'U8', shape: [1], data_offsets: [0, 1] },
      d: { dtype: 'F64', shape: [1], data_offsets: [1, 9] },
    };
    const file = craftFile(header, data);
    const { tensors } = decodeSafetensors(file.subarray(0));
    expect(tensors.get('d')?.data).toEqual(new Float64Array([1.5]));
    file.fill(0);
    expect(tensors.get('u')?.data).toEqual(new Uint8Array([9]));
  });

  it('decodes a Uint8Array that is a view into a larger buffer', () => {
    const file = encodeSafetensors(
      new Map([['x', { dtype: 'F32', shape: [1], data: new Float32Array([2]) }]]),
    );
    const bigger = new Uint8Array(file.length + 3);
    bigger.set(file, 3);
    expect(decodeSafetensors(bigger.subarray(3)).tensors.get('x')?.data).toEqual(new Float32Array([2]));
  });

  it('decodes a Node Buffer (whose slice() is a view, not a copy), as readFileSync returns', () => {
    const file = encodeSafetensors(
      new Map([
        ['a', { dtype: 'F32', shape: [2], data: new Float32Array([1, 2]) }],
        ['b', { dtype: 'F32', shape: [1], data: new Float32Array([3]) }],
      ]),
    );
    const { tensors } = decodeSafetensors(Buffer.from(file));
    expect(tensors.get('a')?.data).toEqual(new Float32Array([1, 2]));
    expect(tensors.get('b')?.data).toEqual(new Float32Array([3]));
  });

  it('returns tensors in data order when header keys are in another order', () => {
    const header = {
      first: { dtype: 'U8', shape: [1], data_offsets: [1, 2] },
      second: { dtype: 'U8', shape: [1], data_offsets: [0, 1] },
    };
    expect([...decodeSafetensors(craftFile(header, new Uint8Array([5, 6]))).tensors.keys()]).toEqual([
      'second',
      'first',
    ]);
  });

  it('treats names and metadata keys like __proto__ as plain data', () => {
    const tensors = new Map<string, SafetensorsTensor>([
      ['__proto__', { dtype: 'U8', shape: [1], data: new Uint8Array([4]) }],
      ['constructor', { dtype: 'U8', shape: [1], data: new Uint8Array([5]) }],
    ]);
    const metadata = JSON.parse('{"__proto__": "x", "toString": "y"}') as Record<string, string>;
    const back = roundTrip(tensors, metadata);
    expect([...back.tensors.keys()]).toEqual(['__proto__', 'constructor']);
    expect(back.tensors.get('__proto__')?.data).toEqual(new Uint8Array([4]));
    expect(Object.entries(back.metadata)).toEqual([
      ['__proto__', 'x'],
      ['toString', 'y'],
    ]);
    expect(Object.getPrototypeOf(back.metadata)).toBe(Object.prototype);
  });

  it('encodes from a typed-array view with a non-zero byte offset', () => {
    const backing = new Float32Array([0, 1, 2, 3]);
    const view = backing.subarray(2);
    const back = roundTrip(new Map([['v', { dtype: 'F32', shape: [2], data: view }]])).tensors.get('v');
    expect(back?.data).toEqual(new Float32Array([2, 3]));
  });
});

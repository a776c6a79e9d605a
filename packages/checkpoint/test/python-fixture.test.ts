import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeSafetensors } from '../src/index.js';

// Written by scripts/python/make_safetensors_fixture.py with numpy; the expected values below are the ones chosen by
// hand in that script (header keys alphabetical, data section in reverse order, so offsets must be followed).
const bytes = new Uint8Array(readFileSync(new URL('fixtures/python-golden.safetensors', import.meta.url)));

describe('a safetensors file written by Python', () => {
  const { tensors, metadata } = decodeSafetensors(bytes);

  it('has the metadata and the tensors in data order', () => {
    expect(metadata).toEqual({ format: 'pt', note: 'written by numpy, values chosen by hand' });
    expect([...tensors.keys()]).toEqual([
      'j_i16',
      'i_empty',
      'h_scalar',
      'g_bf16',
      'f_f16',
      'e_u8',
      'd_i32',
      'c_i64',
      'b_f64',
      'a_f32',
    ]);
  });

  it('reads every dtype exactly', () => {
    expect(tensors.get('a_f32')).toEqual({
      dtype: 'F32',
      shape: [2, 3],
      data: new Float32Array([-1, -0.5, 0, 0.5, 1, 1.5]),
    });
    expect(tensors.get('b_f64')).toEqual({
      dtype: 'F64',
      shape: [3],
      data: new Float64Array([Math.PI, -Math.E, 1e-300]),
    });
    expect(tensors.get('c_i64')).toEqual({
      dtype: 'I64',
      shape: [3],
      data: new BigInt64Array([-(2n ** 40n), 0n, 2n ** 62n + 1n]),
    });
    expect(tensors.get('d_i32')).toEqual({
      dtype: 'I32',
      shape: [3, 2, 2],
      data: new Int32Array([-3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8]),
    });
    expect(tensors.get('e_u8')).toEqual({
      dtype: 'U8',
      shape: [5],
      data: new Uint8Array([0, 1, 127, 128, 255]),
    });
    expect(tensors.get('f_f16')).toEqual({
      dtype: 'F16',
      shape: [2, 3],
      data: new Float32Array([1, -2, 0.5, 65504, 2 ** -24, Infinity]),
    });
    expect(tensors.get('g_bf16')).toEqual({
      dtype: 'BF16',
      shape: [3],
      data: new Float32Array([1, -2.5, 3.140625]),
    });
    expect(tensors.get('h_scalar')).toEqual({ dtype: 'F32', shape: [], data: new Float32Array([7.25]) });
    expect(tensors.get('i_empty')).toEqual({ dtype: 'F32', shape: [0, 4], data: new Float32Array(0) });
    expect(tensors.get('j_i16')).toEqual({ dtype: 'I16', shape: [2], data: new Int16Array([-32768, 32767]) });
  });
});

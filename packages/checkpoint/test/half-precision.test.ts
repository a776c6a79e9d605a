import { describe, expect, it } from 'vitest';
import { bfloat16ToFloat32, float32ToBfloat16, float32ToHalf, halfToFloat32 } from '../src/index.js';

// Bit patterns worked out by hand from IEEE 754 binary16 (1 sign, 5 exponent bits biased by 15, 10 fraction bits).
describe('half precision', () => {
  it('rounds float32 to half: exact values, ties to even, subnormals, overflow, NaN, signed zero', () => {
    const cases: [number, number][] = [
      [1, 0x3c00],
      [-2, 0xc000],
      [65504, 0x7bff], // the largest half
      [65520, 0x7c00], // halfway to 65536 ties to even: infinity
      [65519, 0x7bff],
      [2 ** -14, 0x0400], // the smallest normal
      [2 ** -24, 0x0001], // the smallest subnormal
      [2 ** -25, 0x0000], // halfway between 0 and 2^-24: ties to even (0)
      [1.5 * 2 ** -25, 0x0001],
      [1 + 2 ** -11, 0x3c00], // tie between 0x3c00 and 0x3c01: even wins
      [1 + 3 * 2 ** -11, 0x3c02], // tie between 0x3c01 and 0x3c02: even wins
      [1 / 3, 0x3555],
      [-0, 0x8000],
      [Infinity, 0x7c00],
      [-1e10, 0xfc00],
    ];
    const bits = float32ToHalf(new Float32Array(cases.map(([value]) => value)));
    expect(Array.from(bits)).toEqual(cases.map(([, expected]) => expected));
    expect(float32ToHalf(new Float32Array([NaN]))[0]! & 0x7c00).toBe(0x7c00);
    expect(float32ToHalf(new Float32Array([NaN]))[0]! & 0x3ff).not.toBe(0);
  });

  it('widens half to float32 exactly', () => {
    const values = halfToFloat32(
      new Uint16Array([0x3c00, 0xc000, 0x7bff, 0x0001, 0x03ff, 0x3555, 0xfc00, 0x8000]),
    );
    expect(Array.from(values)).toEqual([
      1,
      -2,
      65504,
      2 ** -24,
      1023 * 2 ** -24,
      0.333251953125,
      -Infinity,
      -0,
    ]);
    expect(halfToFloat32(new Uint16Array([0x7e00]))[0]).toBeNaN();
  });

  it('round-trips all 63488 finite half values through float32', () => {
    const all = new Uint16Array(65536).map((_, i) => i);
    const finite = all.filter((bits) => (bits & 0x7c00) !== 0x7c00);
    expect(Array.from(float32ToHalf(halfToFloat32(finite)))).toEqual(Array.from(finite));
  });

  it('rounds float32 to bfloat16 with ties to even and widens back exactly', () => {
    const bits = new Uint32Array([0x3f800000, 0x3f808000, 0x3f818000, 0x3f80c000, 0xc0200000]);
    const rounded = float32ToBfloat16(new Float32Array(bits.buffer));
    expect(Array.from(rounded)).toEqual([0x3f80, 0x3f80, 0x3f82, 0x3f81, 0xc020]);
    expect(Array.from(bfloat16ToFloat32(new Uint16Array([0x3f80, 0xc020, 0x4049])))).toEqual([
      1, -2.5, 3.140625,
    ]);
    const nan = float32ToBfloat16(new Float32Array([NaN]))[0]!;
    expect(Number.isNaN(bfloat16ToFloat32(new Uint16Array([nan]))[0])).toBe(true);
  });
});

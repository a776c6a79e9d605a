import { describe, expect, it } from 'vitest';
import { deriveSeed, Random } from '../src/index.js';

// Expected values from an independent Python port of splitmix32 + xoshiro128** (Blackman & Vigna's C code).
describe('Random', () => {
  it('matches an independent xoshiro128** implementation', () => {
    const random = new Random(42);
    expect([random.nextUint32(), random.nextUint32(), random.nextUint32(), random.nextUint32()]).toEqual([
      2837322924, 544945897, 479756282, 3500138142,
    ]);
    const zero = new Random(0);
    expect([zero.nextUint32(), zero.nextUint32()]).toEqual([3809008728, 1133695204]);
  });

  it('builds 53-bit uniforms from two draws', () => {
    expect(new Random(42).uniform()).toBe(0.6606157208001621);
  });

  it('derives per-name seeds with FNV-1a', () => {
    expect(deriveSeed(0, 'head.fc.weight')).toBe(777687058);
    expect(deriveSeed(7, 'a')).toBe(3809224601);
  });

  it('produces standard normals (mean 0, variance 1 within sampling error)', () => {
    const random = new Random(1);
    const n = 200_000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const value = random.normal();
      sum += value;
      squares += value * value;
    }
    // Standard errors: mean 1/sqrt(n) = 0.0022, variance sqrt(2/n) = 0.0032; allow 5 of them.
    expect(Math.abs(sum / n)).toBeLessThan(0.011);
    expect(Math.abs(squares / n - 1)).toBeLessThan(0.016);
  });

  it('restores its state exactly', () => {
    const random = new Random(5);
    random.normal();
    const state = random.getState();
    const expected = [random.uniform(), random.uniform()];
    random.setState(state);
    expect([random.uniform(), random.uniform()]).toEqual(expected);
  });

  it('rejects invalid seeds', () => {
    expect(() => new Random(-1)).toThrow(/seed must be an integer in \[0, 4294967295\], got -1/);
    expect(() => new Random(1.5)).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import type { WeightMap } from '@wrn/spec';
import { assertUpdatesClose, ConformanceFailure, updateError } from '../src/index.js';

const map = (entries: Record<string, number[]>): WeightMap =>
  new Map(
    Object.entries(entries).map(([name, data]) => [
      name,
      { shape: [data.length], data: Float32Array.from(data) },
    ]),
  );

describe('updateError', () => {
  it('divides the worst step difference by the largest reference step (hand arithmetic)', () => {
    // steps: actual [0.5, -0.25], reference [0.5, -0.5]: worst gap 0.25, largest reference step 0.5
    expect(updateError([1.5, 1.75], [1, 2], [1.5, 1.5])).toBeCloseTo(0.5, 12);
  });

  it('scores an unchanged reference tensor by the absolute change', () => {
    expect(updateError([1, 2.001], [1, 2], [1, 2])).toBeCloseTo(0.001, 9);
  });

  it('is infinite for NaN and rejects unequal lengths', () => {
    expect(updateError([Number.NaN], [0], [1])).toBe(Infinity);
    expect(() => updateError([1], [1, 2], [1])).toThrow(RangeError);
  });
});

describe('assertUpdatesClose', () => {
  const before = map({ a: [1, 1], b: [0, 0] });
  const reference = map({ a: [1.01, 0.99], b: [0.1, 0] });

  it('passes identical steps and names the worst tensor when a step is off', () => {
    expect(() => assertUpdatesClose('step', reference, before, reference, 1e-4)).not.toThrow();
    const off = map({ a: [1.01, 0.99], b: [0.1002, 0] }); // 2e-4 of 0.1 is 2e-3
    expect(() => assertUpdatesClose('step', off, before, reference, 1e-4)).toThrow(ConformanceFailure);
    expect(() => assertUpdatesClose('step', off, before, reference, 1e-4)).toThrow(
      /1 of 2 .*worst 'b' at 2\.0\de-3/,
    );
  });
});

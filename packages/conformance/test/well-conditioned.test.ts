import type { ReferenceModel } from '@wrn/runtime-reference';
import { describe, expect, it } from 'vitest';
import { ConformanceFailure } from '../src/index.js';
import { wellConditioned } from '../src/suite/well-conditioned.js';

/** A stand-in reference run whose only property the choice reads is its ReLU margin. */
const run = (reluMargin: number) => ({ reference: { reluMargin } as ReferenceModel });

describe('wellConditioned', () => {
  it('takes the first seed, in steps of 7,919, whose reference kept every ReLU input 1e-6 off zero', () => {
    const margins = new Map([
      [100, 3e-7],
      [100 + 7919, 9.9e-7],
      [100 + 2 * 7919, 1e-6],
      [100 + 3 * 7919, 5e-6],
    ]);
    const tried: number[] = [];
    const chosen = wellConditioned(100, (candidate) => (tried.push(candidate), run(margins.get(candidate)!)));
    expect(chosen.seed).toBe(100 + 2 * 7919);
    expect(tried).toEqual([100, 8019, 15938]);
  });

  it('reports a fixture that is never well-conditioned, with the smallest margin it saw', () => {
    expect(() => wellConditioned(0, () => run(2e-8))).toThrow(ConformanceFailure);
    expect(() => wellConditioned(0, () => run(2e-8))).toThrow(/in 32 seeds from 0: .*smallest 2\.0e-8/);
  });
});

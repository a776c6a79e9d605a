import { describe, expect, it } from 'vitest';
import {
  DROPOUT_MASK_GENERATOR,
  dropoutMask,
  dropoutMasks,
  expandGraph,
  passDropoutSeed,
  wrn,
} from '../src/index.js';

const LAYER = 'group0.block0.dropout1';
/** One example of an 8x8 WRN-10-1's first dropout: 16 channels of 8x8. */
const PER_EXAMPLE = 16 * 8 * 8;

const concatenate = (parts: Uint8Array[]) => {
  const whole = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.length;
  }
  return whole;
};
const kept = (mask: Uint8Array) => mask.reduce((sum, bit) => sum + bit, 0);
const agreement = (a: Uint8Array, b: Uint8Array) =>
  a.filter((bit, index) => bit === b[index]).length / a.length;

describe('dropoutMask (wrn-counter-1)', () => {
  it('is named, so runs can record it', () => {
    expect(DROPOUT_MASK_GENERATOR).toBe('wrn-counter-1');
  });

  it('matches an independent Python implementation of its documented formula', () => {
    // Printed by scripts/python/dropout_mask_golden.py (mulberry32 at key + (i + 1) * 0x6d2b79f5, FNV-1a key).
    const first = dropoutMask(1234, LAYER, 0.3, PER_EXAMPLE, { start: 5, size: 2 });
    expect(first).toHaveLength(2048);
    expect([...first.subarray(0, 8)]).toEqual([1, 0, 1, 0, 0, 1, 1, 0]);
    expect(kept(first)).toBe(1442);
    // A seed past 2^31 and an element counter that wraps around 2^32 many times.
    const second = dropoutMask(4_000_000_000, 'group2.block1.dropout1', 0.5, 640, {
      start: 100_000,
      size: 1,
    });
    expect([...second.subarray(0, 8)]).toEqual([0, 0, 1, 1, 1, 1, 1, 0]);
    expect(kept(second)).toBe(313);
  });

  it("draws any example range of a batch as that part of the whole batch's mask", () => {
    const whole = dropoutMask(99, LAYER, 0.3, PER_EXAMPLE, { start: 0, size: 7 });
    // Micro-batches of 3 (3, 3, 1), and two threads sharing the middle one (examples 3 and 4-5).
    const ranges = [
      { start: 0, size: 3 },
      { start: 3, size: 1 },
      { start: 4, size: 2 },
      { start: 6, size: 1 },
    ];
    const parts = ranges.map((range) => dropoutMask(99, LAYER, 0.3, PER_EXAMPLE, range));
    expect(concatenate(parts)).toEqual(whole);
    expect(dropoutMask(99, LAYER, 0.3, PER_EXAMPLE, { start: 7, size: 0 })).toHaveLength(0);
  });

  it('keeps everything at rate 0', () => {
    const mask = dropoutMask(5, LAYER, 0, PER_EXAMPLE, { start: 0, size: 4 });
    expect(kept(mask)).toBe(mask.length);
  });

  it('keeps about 1 - rate of the elements at rate 0.3', () => {
    const mask = dropoutMask(2024, LAYER, 0.3, PER_EXAMPLE, { start: 0, size: 200 });
    // 204,800 Bernoulli(0.7) draws: the kept fraction is within 5 standard deviations (0.001 each) of 0.7.
    const sigma = Math.sqrt((0.7 * 0.3) / mask.length);
    expect(Math.abs(kept(mask) / mask.length - 0.7)).toBeLessThan(5 * sigma);
  });

  it('differs between layers, step seeds and examples: independent masks agree on 0.7^2 + 0.3^2 = 58%', () => {
    const range = { start: 0, size: 8 };
    const base = dropoutMask(1, LAYER, 0.3, PER_EXAMPLE, range);
    const others = [
      dropoutMask(1, 'group0.block1.dropout1', 0.3, PER_EXAMPLE, range),
      dropoutMask(2, LAYER, 0.3, PER_EXAMPLE, range),
      dropoutMask(1, LAYER, 0.3, PER_EXAMPLE, { start: 8, size: 8 }), // the next examples of the step
    ];
    // 8,192 pairs each: 58% +- 0.55% (one standard deviation); identical masks would agree on 100%.
    for (const other of others) expect(Math.abs(agreement(base, other) - 0.58)).toBeLessThan(0.03);
  });
});

describe('dropoutMasks', () => {
  it("draws every dropout node's mask of the range, by node name, at the node's rate and size", () => {
    const graph = expandGraph(wrn({ depth: 10, widenFactor: 1, inputSize: 8, dropout: 0.3 }));
    const masks = dropoutMasks(graph, 7, { start: 2, size: 3 });
    expect([...masks.keys()]).toEqual([
      'group0.block0.dropout1',
      'group1.block0.dropout1',
      'group2.block0.dropout1',
    ]);
    expect(masks.get('group1.block0.dropout1')).toEqual(
      dropoutMask(7, 'group1.block0.dropout1', 0.3, 32 * 4 * 4, { start: 2, size: 3 }),
    );
    expect(masks.get('group2.block0.dropout1')).toHaveLength(3 * 64 * 2 * 2);
    expect(
      dropoutMasks(expandGraph(wrn({ depth: 10, widenFactor: 1, inputSize: 8, dropout: 0 })), 7, {
        start: 0,
        size: 1,
      }).size,
    ).toBe(0);
  });
});

describe('passDropoutSeed', () => {
  it('gives each training pass of an executor its own step seed, fixed by the compile seed', () => {
    const seeds = [0, 1, 2, 3].map((pass) => passDropoutSeed(0, pass));
    expect(new Set(seeds).size).toBe(4);
    expect(passDropoutSeed(0, 3)).toBe(seeds[3]);
    expect(passDropoutSeed(1, 0)).not.toBe(seeds[0]);
  });
});

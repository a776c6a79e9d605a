import { describe, expect, it } from 'vitest';
import { countMacs, countParameters, expandGraph, parseModelName, type Variant } from '../src/index.js';

// Trainable totals computed independently with PyTorch (quoted in the spec issue).
const PYTORCH_TOTALS: [string, Variant, number, number][] = [
  ['WRN-28-10', 'paper', 10, 36_479_194],
  ['WRN-28-10', 'paper', 100, 36_536_884],
  ['WRN-40-4', 'paper', 10, 8_949_210],
  ['WRN-16-8', 'paper', 10, 10_961_370],
  ['WRN-16-4', 'paper', 10, 2_748_890],
  ['WRN-10-1', 'paper', 10, 77_850],
  ['WRN-28-10', 'seed-pytorch', 10, 36_491_530],
  ['WRN-28-10', 'seed-keras', 10, 36_481_450],
];

describe('parameter counts', () => {
  it.each(PYTORCH_TOTALS)(
    '%s %s with %i classes has the PyTorch trainable total',
    (name, variant, classes, total) => {
      const graph = expandGraph(parseModelName(name, { variant, numClasses: classes }));
      expect(countParameters(graph).trainable).toBe(total);
    },
  );

  it('counts BatchNorm running statistics as non-trainable: two per channel of every BN', () => {
    // WRN-10-1 paper: BNs over 16 (stem->g0 bn0), 16 (g0 bn1), 16 (g1 bn0), 32 (g1 bn1), 32 (g2 bn0), 64 (g2 bn1), 64 (head)
    const channels = 16 + 16 + 16 + 32 + 32 + 64 + 64;
    expect(countParameters(expandGraph(parseModelName('WRN-10-1'))).nonTrainable).toBe(2 * channels);
  });
});

describe('multiply-accumulates', () => {
  it('WRN-28-10 needs about 5.243 G MACs per 32x32 image (the issue figure)', () => {
    expect(countMacs(expandGraph(parseModelName('WRN-28-10'))) / 1e9).toBeCloseTo(5.243, 3);
  });

  it('WRN-10-1 matches a hand count', () => {
    const conv = (out: number, size: number, input: number, kernel: number) =>
      out * size * size * input * kernel * kernel;
    const hand =
      conv(16, 32, 3, 3) + // stem
      conv(16, 32, 16, 3) * 2 + // group 0: two 3x3 convs, identity shortcut
      conv(32, 16, 16, 3) +
      conv(32, 16, 32, 3) +
      conv(32, 16, 16, 1) + // group 1 + 1x1 shortcut
      conv(64, 8, 32, 3) +
      conv(64, 8, 64, 3) +
      conv(64, 8, 32, 1) + // group 2 + 1x1 shortcut
      64 * 10; // fully connected
    expect(countMacs(expandGraph(parseModelName('WRN-10-1')))).toBe(hand);
  });
});

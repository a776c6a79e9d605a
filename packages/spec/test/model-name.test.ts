import { describe, expect, it } from 'vitest';
import { blocksPerGroup, formatModelName, parseBlockType, parseModelName, wrn } from '../src/index.js';

describe('model names', () => {
  it.each(['WRN-28-10', 'WRN-40-4-B(3,1,3)', 'WRN-22-2-B(1,3,1)', 'WRN-16-8-B(3)', 'WRN-22-1-B(3,3,3)'])(
    '%s round-trips',
    (name) => {
      expect(formatModelName(parseModelName(name))).toBe(name);
    },
  );

  it('parses depth, width and block type', () => {
    const spec = parseModelName('WRN-40-4-B(3,1,3)');
    expect([spec.depth, spec.widenFactor, spec.blockType]).toEqual([40, 4, [3, 1, 3]]);
  });

  it('omits the default B(3,3) when formatting', () => {
    expect(formatModelName(wrn({ depth: 16, widenFactor: 4, blockType: [3, 3] }))).toBe('WRN-16-4');
  });

  it('rejects a malformed name with the expected form', () => {
    expect(() => parseModelName('ResNet-50')).toThrow(/'ResNet-50' is not of the form WRN-<depth>-<k>/);
    expect(() => parseModelName('WRN-28')).toThrow(TypeError);
  });

  it('rejects an invalid depth naming the nearest valid depths', () => {
    expect(() => parseModelName('WRN-27-10')).toThrow(/depth 27 .*nearest valid depths are 22 and 28/);
    expect(() => parseModelName('WRN-28-10-B(3,1,3)')).toThrow(
      /depth 28 .*nearest valid depths are 22 and 31/,
    );
    expect(() => parseModelName('WRN-4-1')).toThrow(/nearest valid depths are 10/);
  });

  it('computes blocks per group N = (depth - 4) / (3 m)', () => {
    expect(blocksPerGroup(28, [3, 3])).toBe(4);
    expect(blocksPerGroup(40, [3, 1, 3])).toBe(4);
    expect(blocksPerGroup(10, [3])).toBe(2);
  });

  it('rejects even or non-positive kernel sizes', () => {
    expect(() => parseBlockType('B(3,2)')).toThrow(/blockType\[1\] must be a positive odd integer/);
    expect(() => parseBlockType('B()')).toThrow(TypeError);
    expect(() => wrn({ depth: 16, widenFactor: 1, blockType: [0, 3] })).toThrow(RangeError);
  });
});

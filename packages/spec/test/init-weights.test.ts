import { describe, expect, it } from 'vitest';
import { expandGraph, initWeights, parseModelName } from '../src/index.js';

describe('initWeights', () => {
  const spec = parseModelName('WRN-16-4');
  const weights = initWeights(spec, 7);

  it('returns every parameter of the graph in order with its shape', () => {
    const parameters = expandGraph(spec).parameters;
    expect([...weights.keys()]).toEqual(parameters.map((p) => p.name));
    for (const p of parameters) expect(weights.get(p.name)?.shape).toEqual(p.shape);
  });

  it('draws conv weights with Kaiming-normal fan-in statistics', () => {
    const weight = weights.get('group2.block1.conv1.weight');
    if (!weight) throw new Error('missing');
    const fanIn = 256 * 3 * 3; // 64k = 256 input channels, 3x3 kernel
    const n = weight.data.length;
    const mean = weight.data.reduce((a, b) => a + b, 0) / n;
    const variance = weight.data.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(2 / fanIn / n));
    expect(variance / (2 / fanIn)).toBeCloseTo(1, 1);
  });

  it('fills BatchNorm and biases with constants', () => {
    expect([...(weights.get('head.bn.weight')?.data ?? [])].every((v) => v === 1)).toBe(true);
    expect([...(weights.get('head.bn.running_var')?.data ?? [])].every((v) => v === 1)).toBe(true);
    expect([...(weights.get('head.bn.running_mean')?.data ?? [])].every((v) => v === 0)).toBe(true);
    expect([...(weights.get('head.fc.bias')?.data ?? [])].every((v) => v === 0)).toBe(true);
  });

  it('is deterministic per seed and independent per parameter', () => {
    const again = initWeights(spec, 7);
    expect(again.get('stem.conv.weight')?.data).toEqual(weights.get('stem.conv.weight')?.data);
    expect(initWeights(spec, 8).get('stem.conv.weight')?.data).not.toEqual(
      weights.get('stem.conv.weight')?.data,
    );
    // A deeper model shares the stem's stream: adding layers never shifts other parameters.
    expect(initWeights(parseModelName('WRN-22-4'), 7).get('stem.conv.weight')?.data).toEqual(
      weights.get('stem.conv.weight')?.data,
    );
  });

  it('rejects an invalid seed', () => {
    expect(() => initWeights(spec, -3)).toThrow(/seed must be an integer/);
  });
});

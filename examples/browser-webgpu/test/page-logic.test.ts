import { parseModelName } from '@wrn/spec';
import { describe, expect, it } from 'vitest';
import { rgbaToInput } from '../src/pixels.js';
import { syntheticBatch } from '../src/synthetic-batch.js';
import { syntheticImage } from '../src/synthetic-images.js';
import { pageRecipe, repeatedBatch } from '../src/synthetic-training.js';
import { className, topK } from '../src/top-k.js';

const spec = parseModelName('WRN-10-1', { numClasses: 10 });

describe('page logic', () => {
  it('normalises RGBA pixels into NCHW with the spec mean and std', () => {
    const rgba = new Uint8ClampedArray(32 * 32 * 4);
    rgba.set([255, 0, 51, 255], 0); // first pixel; every other pixel is black
    const input = rgbaToInput(rgba, spec);
    const [mean, std] = [spec.input.mean, spec.input.std];
    // By hand: (value / 255 - mean) / std, red plane first, then green, then blue.
    expect(input[0]).toBeCloseTo((1 - mean[0]!) / std[0]!, 6);
    expect(input[1024]).toBeCloseTo((0 - mean[1]!) / std[1]!, 6);
    expect(input[2048]).toBeCloseTo((0.2 - mean[2]!) / std[2]!, 6);
    expect(input[1]).toBeCloseTo(-mean[0]! / std[0]!, 6);
    expect(() => rgbaToInput(new Uint8ClampedArray(16), spec)).toThrow(/32x32 RGBA/);
  });

  it('ranks softmax probabilities', () => {
    // softmax([2, 0, 1]) = e^2, 1, e / (e^2 + 1 + e) = 0.6652, 0.0900, 0.2447.
    const top = topK(new Float32Array([2, 0, 1]), 2);
    expect(top.map(({ label }) => label)).toEqual([0, 2]);
    expect(top[0]!.probability).toBeCloseTo(0.6652, 4);
    expect(top[1]!.probability).toBeCloseTo(0.2447, 4);
  });

  it("names classes: the spec's own, CIFAR-10's, or by number", () => {
    expect(className(3, spec)).toBe('cat');
    expect(className(3, { numClasses: 100 })).toBe('class 3');
    expect(className(1, { numClasses: 2, classNames: ['no', 'yes'] })).toBe('yes');
  });

  it('draws a different picture per class and the same one per seed', () => {
    expect(syntheticImage(2, 10, 7)).toEqual(syntheticImage(2, 10, 7));
    expect(syntheticImage(2, 10, 7)).not.toEqual(syntheticImage(3, 10, 7));
    const batch = syntheticBatch(spec, 12, 1);
    expect(Array.from(batch.labels)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    expect(batch.images).toHaveLength(12 * 3 * 32 * 32);
  });

  it('trains on one batch repeated for the asked steps, from any start, at a constant rate', async () => {
    const batch = syntheticBatch(spec, 4, 1);
    const data = repeatedBatch(batch, 3);
    const seen = [];
    for await (const each of data.batches(0, 1)) seen.push(each);
    expect(data.batchesPerEpoch).toBe(3);
    expect(seen).toEqual([batch, batch]);
    expect(() => repeatedBatch(batch, 0)).toThrow('steps must be an integer >= 1, got 0');
    const recipe = pageRecipe(0.05, 4);
    expect(recipe).toMatchObject({
      batchSize: 4,
      epochs: 1,
      augmentation: { crop: null, horizontalFlip: 0 },
    });
    expect(recipe.optimizer.learningRate).toBe(0.05);
    expect(recipe.schedule.milestones).toEqual([]);
  });
});

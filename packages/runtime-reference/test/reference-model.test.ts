import { initWeights, wrn } from '@wrn/spec';
import { describe, expect, it } from 'vitest';
import { createReferenceRuntime, ReferenceModel } from '../src/index.js';
import { randomBatch } from './random-batch.js';

describe('ReferenceModel and the reference runtime on bad input', () => {
  const spec = wrn({ depth: 10, widenFactor: 1, inputSize: 8, dropout: 0 });

  it('a bad label in the last micro-batch throws and changes nothing', async () => {
    const weights = initWeights(spec, 1);
    const executor = await createReferenceRuntime().compile(spec, { weights });
    const batch = randomBatch(spec, 3, 2);
    batch.labels[2] = 10;
    await expect(executor.trainStep(batch, { learningRate: 0.1, microBatchSize: 1 })).rejects.toThrow(
      /batch\.labels\[2\] is 10, outside \[0, 9\]/,
    );
    expect(await executor.getWeights()).toEqual(weights);
    expect((await executor.getOptimizerState()).size).toBe(0);
  });

  it('one value per BatchNorm channel in training mode throws a RangeError naming the layer, changing nothing', () => {
    const tiny = wrn({ depth: 10, widenFactor: 1, inputSize: 4, dropout: 0 }); // 1x1 after two stride-2 groups
    const model = new ReferenceModel(tiny, initWeights(tiny, 1));
    const before = structuredClone([...model.weights]);
    expect(() => model.trainStep(randomBatch(tiny, 1, 2), { learningRate: 0.1 })).toThrow(
      /BatchNorm 'group2\.block0\.bn1' sees 1 value per channel/,
    );
    expect([...model.weights]).toEqual(before);
  });

  it('rejects images of the wrong size, weights that do not match the spec, and use after dispose', async () => {
    const executor = await createReferenceRuntime().compile(spec);
    await expect(executor.forward(new Float32Array(10), 1)).rejects.toThrow(
      /images has 10 values for size 1; expected 192/,
    );
    const weights = await executor.getWeights();
    weights.delete('head.fc.bias');
    await expect(executor.setWeights(weights)).rejects.toThrow(
      /missing head\.fc\.bias: expected float32 \[10\]/,
    );
    executor.dispose();
    await expect(executor.getWeights()).rejects.toThrow(/getWeights\(\): the executor was disposed/);
  });
});

describe('ReferenceModel.reluMargin', () => {
  it('is Infinity before a training pass, then the smallest min|x| / max|x| of any ReLU input so far', () => {
    const spec = wrn({ depth: 10, widenFactor: 1, inputSize: 8, dropout: 0 });
    const model = new ReferenceModel(spec, initWeights(spec, 1));
    expect(model.reluMargin).toBe(Infinity);
    model.trainStep(randomBatch(spec, 2, 1), { learningRate: 0.1 });
    const first = model.reluMargin;
    // Thousands of standard-normal-like inputs per ReLU: the smallest is far below the largest, but not zero.
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(1e-2);
    model.trainStep(randomBatch(spec, 2, 2), { learningRate: 0.1 });
    expect(model.reluMargin).toBeLessThanOrEqual(first);
  });
});

import { initWeights, paperRecipe, wrn } from '@wrn/spec';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError, type TrainableExecutor, type TrainableRuntime } from '@wrn/core';
import { createTfjsRuntime } from '../src/index.js';

const spec = wrn({ depth: 10, widenFactor: 1, inputSize: 8, dropout: 0.3 });
const size = 4;
const images = new Float32Array(size * 3 * 8 * 8).map((_, i) => Math.sin(i * 0.37));
const labels = new Int32Array([1, 3, 5, 7]);
const batch = { images, labels, size };

describe('tfjs executor on wasm', () => {
  let runtime: TrainableRuntime;
  let executor: TrainableExecutor;
  beforeAll(async () => {
    runtime = await createTfjsRuntime({ backend: 'wasm' });
    executor = await runtime.compile(spec, { seed: 2 });
  });

  it('holds a constant number of tensors over 20 training steps (micro-batches and dropout included)', async () => {
    await executor.trainStep(batch, { learningRate: 0.05, microBatchSize: 3 }); // creates the momentum buffers
    const after1 = executor.memory!();
    for (let step = 0; step < 19; step++)
      await executor.trainStep(batch, { learningRate: 0.05, microBatchSize: 3 });
    expect(executor.memory!()).toEqual(after1);
    // Parameters plus one momentum buffer per trainable parameter, nothing else.
    const trainable = [...initWeights(spec, 0).keys()].filter((name) => !name.includes('running_')).length;
    expect(after1.tensors).toBe(initWeights(spec, 0).size + trainable);
  });

  it('frees everything it holds on dispose', async () => {
    const before = executor.memory!().tensors;
    const second = await runtime.compile(spec, { seed: 3 });
    await second.trainStep(batch, { learningRate: 0.1 });
    second.dispose();
    expect(executor.memory!().tensors).toBe(before);
    await expect(second.forward(images, size)).rejects.toThrow(/^forward\(\): the executor was disposed/);
  });

  it('rejects bad input with the shared InputError, naming the value and the fix', async () => {
    await expect(executor.forward(images, 3)).rejects.toThrow(
      /^forward\(images, size\) for WRN-10-1: images has 768 values for size 3; expected 576 \(NCHW \[3, 3, 8, 8\]\)/,
    );
    await expect(
      executor.trainStep({ ...batch, labels: new Int32Array([1, 3, 5, 10]) }, { learningRate: 0.1 }),
    ).rejects.toThrow(/batch\.labels\[3\] is 10, outside \[0, 9\]/);
    await expect(executor.trainStep(batch, { learningRate: -1 })).rejects.toThrow(
      /learningRate must be a finite number >= 0, got -1/,
    );
    await expect(executor.trainStep(batch, { learningRate: 0.1, microBatchSize: 0 })).rejects.toThrow(
      /microBatchSize must be an integer >= 1, got 0/,
    );
    const weights = await executor.getWeights();
    weights.set('stem.conv.weight', { shape: [16, 3, 3, 1], data: new Float32Array(144) });
    await expect(executor.setWeights(weights)).rejects.toThrow(InputError);
    await expect(executor.setWeights(weights)).rejects.toThrow(
      /wrong shape for stem\.conv\.weight: expected \[16, 3, 3, 3\], got \[16, 3, 3, 1\]/,
    );
    await expect(
      executor.setOptimizerState(new Map([['nope', { shape: [1], data: new Float32Array(1) }]])),
    ).rejects.toThrow(/unexpected nope: float32 \[1\]/);
    const adam = { ...paperRecipe().optimizer, type: 'adam' } as never;
    await expect(runtime.compile(spec, { optimizer: adam })).rejects.toThrow(
      "compile(spec, { optimizer }) for WRN-10-1: optimizer.type must be 'sgd', got 'adam'; pass an SgdSpec",
    );
  });
});

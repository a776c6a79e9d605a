import { assertUpdatesClose } from '@wrn/conformance';
import type { TrainableExecutor } from '@wrn/core';
import { ReferenceModel } from '@wrn/runtime-reference';
import { initWeights, paperRecipe, wrn, type WeightMap } from '@wrn/spec';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createTfjsRuntime, DataParallelExecutor } from '../src/index.js';
import { TfjsModel } from '../src/model/tfjs-model.js';
import { bundleWorker } from './worker-bundle.js';

const spec = wrn({ depth: 10, widenFactor: 1, inputSize: 8, dropout: 0.3 });
const pixels = 3 * 8 * 8;

function batchOf(size: number) {
  const images = new Float32Array(size * pixels).map((_, i) => Math.sin(i * 0.37) + 0.1 * Math.cos(i * 1.3));
  const labels = Int32Array.from({ length: size }, (_, i) => (i * 3 + 1) % 10);
  return { images, labels, size };
}

function maxDifference(a: WeightMap, b: WeightMap): number {
  let worst = 0;
  for (const [name, tensor] of a) {
    const other = b.get(name)!.data;
    tensor.data.forEach((value, i) => (worst = Math.max(worst, Math.abs(value - other[i]!))));
  }
  return worst;
}

describe('data-parallel wasm training (worker threads)', () => {
  let workerUrl: URL;
  beforeAll(() => {
    workerUrl = bundleWorker('src/data-parallel/replica-worker.ts');
  });

  const compile = async (threads: number): Promise<TrainableExecutor> =>
    (await createTfjsRuntime({ backend: 'wasm', threads, workerUrl })).compile(spec, { seed: 4 });

  // threads, batch size, micro-batch size, steps: even and odd batches, uneven slices, a micro-batch of one
  // example (one replica alone), and 3 threads with micro-batches smaller than the thread count.
  const cases: [number, number, number | undefined, number][] = [
    [2, 6, undefined, 1],
    [2, 7, undefined, 3],
    [2, 7, 3, 1],
    [2, 6, 4, 3],
    [3, 7, 2, 2],
    [3, 2, undefined, 1],
  ];
  for (const [threads, size, microBatchSize, steps] of cases) {
    it(`${threads} threads take the 1-thread step: batch ${size}, micro-batch ${microBatchSize ?? 'all'}, ${steps} step(s), dropout on`, async () => {
      const batch = batchOf(size);
      const parallel = await compile(threads);
      const single = await compile(1);
      try {
        const before = await single.getWeights();
        for (let step = 0; step < steps; step++) {
          const options = { learningRate: 0.1, dropoutSeed: 100 + step, microBatchSize };
          const a = await parallel.trainStep(batch, options);
          const b = await single.trainStep(batch, options);
          expect(a.correct).toBe(b.correct);
          expect(Math.abs(a.loss - b.loss)).toBeLessThan(1e-5 * Math.max(1, b.loss));
        }
        const label = `threads ${threads}, batch ${size}, micro-batch ${microBatchSize ?? 'all'}`;
        assertUpdatesClose(label, await parallel.getWeights(), before, await single.getWeights(), 1e-4);
        expect(
          maxDifference(await parallel.getOptimizerState(), await single.getOptimizerState()),
        ).toBeLessThan(1e-5);
      } finally {
        parallel.dispose();
        single.dispose();
      }
    });
  }

  it("takes the float64 reference step (batch statistics over the whole batch, the reference's dropout masks)", async () => {
    const batch = batchOf(7);
    const parallel = await compile(2);
    try {
      const before = await parallel.getWeights();
      const reference = new ReferenceModel(spec, before);
      for (const microBatchSize of [undefined, 4]) {
        const start = await parallel.getWeights();
        reference.setWeights(start);
        reference.resetMomentum();
        parallel.resetMomentum();
        // Slices of 3 and 4 examples (micro-batches 2 + 2 and 3): each replica draws its own examples' masks.
        await parallel.trainStep(batch, { learningRate: 0.1, microBatchSize, dropoutSeed: 21 });
        reference.trainStep(batch, { learningRate: 0.1, microBatchSize, dropoutSeed: 21 });
        const label = `2 threads vs reference, micro-batch ${microBatchSize ?? 'all'}`;
        assertUpdatesClose(label, await parallel.getWeights(), start, reference.weights, 1e-4);
      }
    } finally {
      parallel.dispose();
    }
  });

  it('splits eval-mode forward over the replicas and keeps the worker replicas in step', async () => {
    const batch = batchOf(6);
    const parallel = await compile(2);
    const single = await compile(1);
    try {
      await parallel.trainStep(batch, { learningRate: 0.1, dropoutSeed: 3 });
      const tensors = parallel.memory!().tensors;
      expect(tensors).toBeGreaterThan(0);
      await parallel.trainStep(batch, { learningRate: 0.1, dropoutSeed: 3 });
      expect(parallel.memory!().tensors).toBe(tensors); // the all-reduced statistics leave no tensor behind
      await single.trainStep(batch, { learningRate: 0.1, dropoutSeed: 3 });
      await single.trainStep(batch, { learningRate: 0.1, dropoutSeed: 3 });
      // Eval-mode logits come from both replicas: equal to one replica's, so the worker got the same update.
      const split = await parallel.forward(batch.images, batch.size);
      const whole = await single.forward(batch.images, batch.size);
      expect(split.length).toBe(whole.length);
      split.forEach((value, i) => expect(Math.abs(value - whole[i]!)).toBeLessThan(1e-5));
    } finally {
      parallel.dispose();
      single.dispose();
    }
  });

  it('fails a step, instead of waiting, when a worker replica is gone', async () => {
    const batch = batchOf(6);
    await createTfjsRuntime({ backend: 'wasm' }); // registers and selects the wasm backend
    const local = new TfjsModel(spec, 'wasm', initWeights(spec, 0), paperRecipe().optimizer, 4);
    const parallel = await DataParallelExecutor.create(local, 2, { workerUrl });
    try {
      const replicas = (parallel as unknown as { replicas: { terminate(): void }[] }).replicas;
      replicas[0]!.terminate();
      await expect(parallel.trainStep(batch, { learningRate: 0.1 })).rejects.toThrow(/replica/);
    } finally {
      parallel.dispose();
    }
  });

  it('applies threads when auto picks wasm (no native TensorFlow here)', async () => {
    const runtime = await createTfjsRuntime({ backend: 'auto', threads: 2, workerUrl });
    expect(runtime.backend).toBe('wasm');
    const create = vi.spyOn(DataParallelExecutor, 'create');
    const executor = await runtime.compile(spec, { seed: 4 });
    try {
      expect(create).toHaveBeenCalledTimes(1);
    } finally {
      create.mockRestore();
      executor.dispose();
    }
  });

  it('accepts threads only for wasm', async () => {
    await expect(createTfjsRuntime({ backend: 'cpu', threads: 2 })).rejects.toThrow(
      /threads: 2 needs backend 'wasm'/,
    );
    await expect(createTfjsRuntime({ backend: 'wasm', threads: 0 })).rejects.toThrow(
      /threads must be an integer >= 1/,
    );
  });
});

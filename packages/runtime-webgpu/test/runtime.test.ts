import * as tf from '@tensorflow/tfjs';
import { createTfjsRuntime } from '@wrn/runtime-tfjs';
import { initWeights, wrn } from '@wrn/spec';
import { describe, expect, it } from 'vitest';
import { createWebGpuRuntime } from '../src/index.js';
import { webGpuSkipReason } from './webgpu-availability.js';

const spec = wrn({ depth: 10, widenFactor: 1, inputSize: 8 });
const images = Float32Array.from({ length: 2 * 3 * 8 * 8 }, (_, index) => Math.sin(index * 0.37));

describe.skipIf(webGpuSkipReason !== undefined)('createWebGpuRuntime in Node', () => {
  it("runs on tfjs's webgpu backend and names its adapter", async () => {
    const runtime = await createWebGpuRuntime();
    try {
      expect(runtime.name).toBe('webgpu');
      expect(runtime.backend).toBe('webgpu');
      expect(runtime.capabilities).toMatchObject({ supportsTraining: true, precision: 'float32' });
      expect(runtime.adapter.vendor.length + runtime.adapter.description.length).toBeGreaterThan(0);
      const executor = await runtime.compile(spec, { seed: 3 });
      await executor.forward(images, 2);
      expect(tf.getBackend()).toBe('webgpu');
    } finally {
      await runtime.dispose();
    }
  });

  it('frees every tensor and GPU buffer on dispose, and leaves no webgpu backend behind', async () => {
    const runtime = await createWebGpuRuntime();
    const before = tf.memory().numTensors;
    const gpuBytes = () => (tf.memory() as { numBytesInGPU?: number }).numBytesInGPU;
    const bytesBefore = gpuBytes();
    const executor = await runtime.compile(spec, { seed: 3 });
    await executor.trainStep({ images, labels: new Int32Array([1, 7]), size: 2 }, { learningRate: 0.1 });
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    expect(gpuBytes()).toBeGreaterThan(bytesBefore!);
    executor.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(gpuBytes()).toBe(bytesBefore);
    await runtime.dispose();
    expect(tf.findBackend('webgpu')).toBeNull();
    expect(tf.findBackendFactory('webgpu')).toBeNull();
  });

  it('reads asynchronously; a synchronous read in Node says what to use instead', async () => {
    const runtime = await createWebGpuRuntime();
    try {
      await runtime.compile(spec, { seed: 3 });
      const sum = tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4]));
      expect(Array.from(await sum.data())).toEqual([4, 6]);
      // Large enough that tfjs computes it on the GPU (small ops on host data run on the CPU).
      const product = tf.mul(tf.ones([4096]), tf.fill([4096], 3));
      expect(() => product.dataSync()).toThrow(/use `await tensor.data\(\)`/);
      tf.dispose([sum, product]);
    } finally {
      await runtime.dispose();
    }
  });

  it('shares one device between live runtimes; the last dispose releases it', async () => {
    const first = await createWebGpuRuntime();
    const second = await createWebGpuRuntime();
    const executor = await second.compile(spec, { seed: 3 });
    await first.dispose();
    const logits = await executor.forward(images, 2);
    expect(logits).toHaveLength(20);
    await second.dispose();
    expect(tf.findBackend('webgpu')).toBeNull();
    await expect(second.compile(spec)).rejects.toThrow(/disposed/);
  });

  it('computes what the tfjs cpu runtime computes, forward and one training step', async () => {
    const weights = initWeights(spec, 5);
    const batch = { images, labels: new Int32Array([2, 9]), size: 2 };
    const cpu = await (await createTfjsRuntime({ backend: 'cpu' })).compile(spec, { weights });
    const expected = {
      logits: await cpu.forward(images, 2),
      step: await cpu.trainStep(batch, { learningRate: 0.1 }),
    };
    const expectedWeights = await cpu.getWeights();
    cpu.dispose();
    const runtime = await createWebGpuRuntime();
    try {
      const executor = await runtime.compile(spec, { weights });
      const logits = await executor.forward(images, 2);
      logits.forEach((value, index) => expect(value).toBeCloseTo(expected.logits[index]!, 4));
      const step = await executor.trainStep(batch, { learningRate: 0.1 });
      expect(step.loss).toBeCloseTo(expected.step.loss, 4);
      const stem = (await executor.getWeights()).get('stem.conv.weight')!.data;
      stem.forEach((value, index) =>
        expect(value).toBeCloseTo(expectedWeights.get('stem.conv.weight')!.data[index]!, 4),
      );
    } finally {
      await runtime.dispose();
    }
  });
});

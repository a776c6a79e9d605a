import { initWeights, wrn } from '@wrn/spec';
import { isTrainableExecutor, isTrainableRuntime } from '@wrn/core';
import { describe, expect, it } from 'vitest';
import { createOnnxRuntime } from '../src/node.js';
import { exportOnnx } from '../src/index.js';
import { InferenceSession, Tensor } from 'onnxruntime-node';

const spec = wrn({ depth: 10, widenFactor: 1, inputSize: 8 });
const images = new Float32Array(2 * 3 * 64).map((_, i) => Math.sin(i));

async function sessionLogits(bytes: Uint8Array) {
  const session = await InferenceSession.create(bytes);
  const { logits } = await session.run({ input: new Tensor('float32', images, [2, 3, 8, 8]) });
  await session.release();
  return logits!.data as Float32Array;
}

describe('createOnnxRuntime', () => {
  it('describes itself as a trainable float32 runtime on the CPU provider', async () => {
    const runtime = await createOnnxRuntime();
    expect(runtime.name).toBe('onnx');
    expect(runtime.backend).toBe('cpu-execution-provider');
    expect(runtime.capabilities).toEqual({
      supportsTraining: true,
      reportsMemory: true,
      precision: 'float32',
    });
  });

  it('refuses execution providers that are not installed, naming the available ones', async () => {
    await expect(createOnnxRuntime({ executionProviders: ['no-such-provider'] })).rejects.toThrow(
      /no-such-provider not available .*available: cpu/,
    );
    await expect(createOnnxRuntime({ executionProviders: [] })).rejects.toThrow(RangeError);
  });

  it('passes session options through (threads, optimisation level, spinning)', async () => {
    const runtime = await createOnnxRuntime({
      session: { intraOpNumThreads: 1, graphOptimizationLevel: 'basic', allowSpinning: false },
    });
    const executor = await runtime.compile(spec, { weights: initWeights(spec, 4) });
    const expected = await sessionLogits(exportOnnx(spec, initWeights(spec, 4)));
    Array.from(await executor.forward(images, 2)).forEach((value, i) =>
      expect(value).toBeCloseTo(expected[i]!, 4),
    );
    executor.dispose();
  });
});

describe('the ONNX executor', () => {
  it('compiles with initWeights(spec, seed) by default and returns those weights', async () => {
    const executor = await (await createOnnxRuntime()).compile(spec, { seed: 5 });
    const weights = await executor.getWeights();
    for (const [name, tensor] of initWeights(spec, 5)) expect(weights.get(name)?.data).toEqual(tensor.data);
    executor.dispose();
  });

  it('setWeights rebuilds the session: logits follow the new weights', async () => {
    const executor = await (await createOnnxRuntime()).compile(spec, { weights: initWeights(spec, 1) });
    const before = await executor.forward(images, 2);
    await executor.setWeights(initWeights(spec, 2));
    const after = await executor.forward(images, 2);
    const expected = await sessionLogits(exportOnnx(spec, initWeights(spec, 2)));
    expect(after).not.toEqual(before);
    Array.from(after).forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 4));
    expect((await executor.getWeights()).get('head.fc.weight')?.data).toEqual(
      initWeights(spec, 2).get('head.fc.weight')?.data,
    );
    await expect(executor.setWeights(new Map())).rejects.toThrow(
      /^setWeights\(weights\) for WRN-10-1: missing stem\.conv\.weight: expected float32 \[16, 3, 3, 3\]/,
    );
    executor.dispose();
  });

  it('is a trainable executor; eval logits follow its steps', async () => {
    const runtime = await createOnnxRuntime();
    const executor = await runtime.compile(spec, { weights: initWeights(spec, 4) });
    expect(isTrainableRuntime(runtime)).toBe(true);
    expect(isTrainableExecutor(executor)).toBe(true);
    const before = await executor.forward(images, 2);
    await executor.trainStep({ images, labels: new Int32Array([1, 2]), size: 2 }, { learningRate: 0.1 });
    const after = await executor.forward(images, 2);
    const expected = await sessionLogits(exportOnnx(spec, await executor.getWeights()));
    expect(after).not.toEqual(before);
    Array.from(after).forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 4));
    await runtime.dispose();
  });

  it('disposing the runtime releases every executor it compiled', async () => {
    const runtime = await createOnnxRuntime();
    const executor = await runtime.compile(spec);
    await runtime.dispose();
    await expect(executor.forward(images, 2)).rejects.toThrow(/^forward\(\): the executor was disposed/);
    await expect(runtime.compile(spec)).rejects.toThrow(/^compile\(\): the runtime was disposed/);
  });

  it('rejects images of the wrong size and use after dispose', async () => {
    const executor = await (await createOnnxRuntime()).compile(spec);
    await expect(executor.forward(images, 3)).rejects.toThrow(
      /images has 384 values for size 3; expected 576 \(NCHW \[3, 3, 8, 8\]\)/,
    );
    await expect(executor.forward(images, 0)).rejects.toThrow(/size must be an integer >= 1, got 0/);
    executor.dispose();
    await expect(executor.forward(images, 2)).rejects.toThrow(/disposed/);
  });

  it('evaluates its own diverged weights to non-finite logits (the loop reports divergence), and disposes cleanly', async () => {
    const executor = await (await createOnnxRuntime()).compile(spec, { weights: initWeights(spec, 4) });
    if (!isTrainableExecutor(executor)) throw new Error('the onnx executor trains');
    const batch = { images, labels: new Int32Array([1, 2]), size: 2 };
    // A huge learning rate drives the BatchNorm running variances to infinity while the step losses stay finite.
    await executor.trainStep(batch, { learningRate: 1e30 });
    await executor.trainStep(batch, { learningRate: 1e30 });
    const logits = await executor.forward(images, 2);
    expect(logits.some((value) => !Number.isFinite(value))).toBe(true);
    executor.dispose();
    await new Promise((resolve) => setTimeout(resolve, 50)); // an unhandled rejection would surface here
  });

  it('runs batches of any size (dynamic batch dimension)', async () => {
    const executor = await (await createOnnxRuntime()).compile(spec);
    const two = await executor.forward(images, 2);
    const one = await executor.forward(images.slice(192), 1);
    Array.from(one).forEach((value, i) => expect(value).toBeCloseTo(two[10 + i]!, 4));
    executor.dispose();
  });
});

describe('createOnnxRuntime with a provider onnxruntime-node lists but does not bundle', () => {
  it('either opens sessions on CUDA (where installed) or says at creation why it cannot', async () => {
    const created = await createOnnxRuntime({ executionProviders: ['cuda'] }).then(
      (runtime) => runtime,
      (error: Error) => error,
    );
    if (created instanceof Error) {
      expect(created.message).toMatch(
        /execution provider 'cuda' is known to onnxruntime-node but cannot be loaded/,
      );
    } else {
      expect(created.backend).toBe('cuda-execution-provider');
    }
  });
});

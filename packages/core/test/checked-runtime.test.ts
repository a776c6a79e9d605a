import { wrn, type ModelSpec, type WeightMap } from '@wrn/spec';
import { describe, expect, it } from 'vitest';
import {
  checkedExecutor,
  checkedRuntime,
  InputError,
  isTrainableExecutor,
  isTrainableRuntime,
  type InferenceExecutor,
  type Runtime,
  type TrainableExecutor,
} from '../src/index.js';

const spec = wrn({ depth: 10, widenFactor: 1, inputSize: 8 }); // 192 values per image, 10 classes
const WEIGHTS_FIX =
  'pass weights of this spec (same depth, widen factor, block type, variant and classes), e.g. initWeights(spec, seed)';

/** An inference executor recording its calls; it returns one logit per class and image. */
function fakeInference(calls: string[], model: ModelSpec = spec): InferenceExecutor {
  return {
    spec: model,
    forward: async (_images, size) => (calls.push(`forward ${size}`), new Float32Array(size * 10)),
    getWeights: async () => (calls.push('getWeights'), new Map()),
    setWeights: async () => void calls.push('setWeights'),
    dispose: () => void calls.push('dispose'),
  };
}

function fakeTrainable(calls: string[]): TrainableExecutor {
  return {
    ...fakeInference(calls),
    gradients: async () => (calls.push('gradients'), { loss: 1, gradients: new Map() }),
    trainStep: async (batch) => (calls.push('trainStep'), { loss: 1, examples: batch.size, correct: 0 }),
    resetMomentum: () => void calls.push('resetMomentum'),
    getOptimizerState: async () => new Map(),
    setOptimizerState: async () => void calls.push('setOptimizerState'),
  };
}

describe('checkedExecutor', () => {
  it('passes good input through and stops bad input before the executor sees it', async () => {
    const calls: string[] = [];
    const executor = checkedExecutor(fakeInference(calls));
    expect(await executor.forward(new Float32Array(192), 1)).toHaveLength(10);
    await expect(executor.forward(new Float32Array(191), 1)).rejects.toThrow(
      new InputError(
        'forward(images, size) for WRN-10-1',
        ['images has 191 values for size 1; expected 192 (NCHW [1, 3, 8, 8])'],
        'pass size normalised images in NCHW order as one Float32Array, in eval mode unless the runtime trains',
      ),
    );
    await expect(executor.setWeights(new Map() as WeightMap)).rejects.toThrow(
      /^setWeights\(weights\) for WRN-10-1: missing stem\.conv\.weight: expected float32 \[16, 3, 3, 3\];/,
    );
    expect(calls).toEqual(['forward 1']);
    expect(isTrainableExecutor(executor)).toBe(false);
    expect(executor.memory).toBeUndefined();
  });

  it('refuses a training-mode forward on an inference executor', async () => {
    const executor = checkedExecutor(fakeInference([]));
    const forward = executor.forward as (...args: unknown[]) => Promise<Float32Array>; // as JavaScript may call it
    await expect(forward(new Float32Array(192), 1, { training: true })).rejects.toThrow(
      /options\.training needs a trainable executor, and this runtime cannot train/,
    );
  });

  it('checks training input and keeps the executor trainable', async () => {
    const calls: string[] = [];
    const executor = checkedExecutor(fakeTrainable(calls));
    const batch = { images: new Float32Array(384), labels: new Int32Array([1, 2]), size: 2 };
    await executor.trainStep(batch, { learningRate: 0.1 });
    await expect(executor.trainStep(batch, { learningRate: 0.1, microBatchSize: 0 })).rejects.toThrow(
      'trainStep(batch, options) for WRN-10-1: microBatchSize must be an integer >= 1, got 0; pass NCHW images of ' +
        'the spec input and one label in [0, numClasses - 1] per image, a finite learningRate >= 0 and a microBatchSize >= 1',
    );
    await expect(
      executor.setOptimizerState(new Map([['head.fc.bias', { shape: [9], data: new Float32Array(9) }]])),
    ).rejects.toThrow(
      /^setOptimizerState\(state\) for WRN-10-1: wrong shape for head\.fc\.bias: expected \[10\], got \[9\];/,
    );
    await expect(executor.gradients({ ...batch, labels: new Int32Array([1, 12]) })).rejects.toThrow(
      /^gradients\(batch\) for WRN-10-1: batch\.labels\[1\] is 12, outside \[0, 9\];/,
    );
    expect(calls).toEqual(['trainStep']);
    expect(isTrainableExecutor(executor)).toBe(true);
  });

  it('throws the same InputError for every call after dispose, and disposes once', async () => {
    const calls: string[] = [];
    const executor = checkedExecutor(fakeTrainable(calls));
    executor.dispose();
    executor.dispose();
    await expect(executor.getWeights()).rejects.toThrow(
      new InputError('getWeights()', ['the executor was disposed'], 'compile the spec again'),
    );
    expect(() => executor.resetMomentum()).toThrow(
      'resetMomentum(): the executor was disposed; compile the spec again',
    );
    expect(calls).toEqual(['dispose']);
    expect(checkedExecutor(executor)).toBe(executor);
  });
});

describe('checkedRuntime', () => {
  const capabilities = { supportsTraining: false, reportsMemory: false, precision: 'float32' } as const;

  it('checks compile options, disposes open executors with the runtime, then refuses to compile', async () => {
    const calls: string[] = [];
    const inner: Runtime = {
      name: 'fake',
      backend: 'none',
      capabilities,
      compile: async (model) => fakeInference(calls, model),
      dispose: () => void calls.push('runtime dispose'),
    };
    const runtime = checkedRuntime(inner);
    expect(isTrainableRuntime(runtime)).toBe(false);
    // WRN-10-1 has 39 parameters (stem conv; group0 10, groups 1 and 2 11 with their shortcut; head BN 4, fc 2):
    // the message lists five of the missing ones and counts the other 34.
    await expect(runtime.compile(spec, { weights: new Map() })).rejects.toThrow(
      'compile(spec, { weights }) for WRN-10-1: missing stem.conv.weight: expected float32 [16, 3, 3, 3]; ' +
        'missing group0.block0.bn0.weight: expected float32 [16]; missing group0.block0.bn0.bias: expected float32 ' +
        '[16]; missing group0.block0.bn0.running_mean: expected float32 [16]; missing group0.block0.bn0.running_var: ' +
        `expected float32 [16]; and 34 more; ${WEIGHTS_FIX}`,
    );
    await expect(runtime.compile(spec, { optimizer: { type: 'adam' } as never })).rejects.toThrow(
      /^compile\(spec, \{ optimizer \}\) for WRN-10-1: optimizer/,
    );
    const first = await runtime.compile(spec);
    const second = await runtime.compile(spec);
    second.dispose();
    await runtime.dispose();
    expect(calls).toEqual(['dispose', 'dispose', 'runtime dispose']);
    await expect(first.forward(new Float32Array(192), 1)).rejects.toThrow(
      /^forward\(\): the executor was disposed/,
    );
    await expect(runtime.compile(spec)).rejects.toThrow(
      new InputError('compile()', ['the runtime was disposed'], 'create a new fake runtime'),
    );
    expect(checkedRuntime(runtime)).toBe(runtime);
  });

  it('uses the fix text of weights in its message', async () => {
    const runtime = checkedRuntime<Runtime>({
      name: 'fake',
      backend: 'none',
      capabilities,
      compile: async () => fakeInference([]),
      dispose: () => undefined,
    });
    const error = await runtime.compile(spec, { weights: new Map() }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message.endsWith(`; ${WEIGHTS_FIX}`)).toBe(true);
  });
});

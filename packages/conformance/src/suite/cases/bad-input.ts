import {
  checkForwardInput,
  checkGradientsInput,
  checkNotDisposed,
  checkOptimizerState,
  checkTrainStepInput,
  checkWeights,
  InputError,
  type InferenceExecutor,
} from '@wrn/core';
import { expandGraph, wrn, type WeightMap } from '@wrn/spec';
import { check } from '../compare.js';
import { asTrainable, withExecutors } from '../executor-scope.js';
import { conformanceBatch, conformanceWeights } from '../fixtures.js';
import { ConformanceFailure } from '../failure.js';
import type { ConformanceCase, SpecEntry } from '../types.js';

/** WRN-10-1 at 8x8: the smallest network with every layer kind; the wrong weights come from WRN-10-2. */
const ENTRY: SpecEntry = {
  name: 'WRN-10-1 8x8 batch 2',
  spec: wrn({ depth: 10, widenFactor: 1, inputSize: 8 }),
  batchSize: 2,
};
const WIDER = wrn({ depth: 10, widenFactor: 2, inputSize: 8 });

/** What the shared check throws for an input: the oracle every runtime must match exactly. */
function expectedError(runCheck: () => void): InputError {
  try {
    runCheck();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new ConformanceFailure('internal: the shared check accepts the bad input this case feeds');
}

/** Awaits a call that must fail, and checks it failed with the shared check's error class and message. */
async function expectSameError(
  what: string,
  call: () => Promise<unknown>,
  expected: InputError,
): Promise<void> {
  const actual: unknown = await call().then(
    () => undefined,
    (error: unknown) => error,
  );
  check(actual !== undefined, `${what} was accepted; expected InputError: ${expected.message}`);
  const message = actual instanceof Error ? `${actual.name}: ${actual.message}` : String(actual);
  check(actual instanceof InputError, `${what} threw ${message}; expected InputError: ${expected.message}`);
  check(
    actual.message === expected.message,
    `${what} threw "${actual.message}"; expected "${expected.message}"`,
  );
}

/** A copy of `weights` with one value of `name` replaced by NaN. */
function withNaN(weights: WeightMap, name: string): WeightMap {
  const copy = new Map(weights);
  const tensor = copy.get(name)!;
  const data = tensor.data.slice();
  data[0] = Number.NaN;
  copy.set(name, { shape: [...tensor.shape], data });
  return copy;
}

/**
 * Every bad input (weights of another network at compile and in `setWeights`, a NaN weight, images of the wrong
 * length, a label out of range, a NaN or negative learning rate, micro-batch size 0, wrong momentum buffers, use
 * after dispose) makes the runtime throw exactly the error the shared checks of `@wrn/core` produce for it: the
 * same class, the same message. Training inputs are fed where the runtime trains.
 *
 * @example
 * await badInputCase.run(context);
 */
export const badInputCase: ConformanceCase = {
  id: 'bad-input',
  title: "every bad input throws the shared check's InputError, same message",
  entries: { own: ENTRY },
  skipReason: () => undefined,
  async run({ runtime, entry, seed }) {
    const { spec } = entry;
    const parameters = expandGraph(spec).parameters;
    const wider = conformanceWeights(WIDER, seed);
    const weights = conformanceWeights(spec, seed);
    const trains = runtime.capabilities.supportsTraining;
    await expectSameError(
      'compile with WRN-10-2 weights',
      () => runtime.compile(spec, { weights: wider }),
      expectedError(() => checkWeights(spec, parameters, wider, 'compile(spec, { weights })')),
    );
    await withExecutors(runtime, async (compile) => {
      const executor: InferenceExecutor = await compile(spec, { weights, seed });
      await expectSameError(
        'setWeights with WRN-10-2 weights',
        () => executor.setWeights(wider),
        expectedError(() => checkWeights(spec, parameters, wider, 'setWeights(weights)')),
      );
      const nan = withNaN(weights, 'head.fc.weight');
      await expectSameError(
        'setWeights with a NaN weight',
        () => executor.setWeights(nan),
        expectedError(() => checkWeights(spec, parameters, nan, 'setWeights(weights)')),
      );
      const short = new Float32Array(10);
      await expectSameError(
        'forward with 10 values for one image',
        () => executor.forward(short, 1),
        expectedError(() => checkForwardInput(spec, short, 1, undefined, trains)),
      );
      if (trains) await badTrainingInputs(asTrainable(executor), seed);
      executor.dispose();
      const images = conformanceBatch(spec, 1, seed).images;
      await expectSameError(
        'forward after dispose()',
        () => executor.forward(images, 1),
        expectedError(() => checkNotDisposed(true, 'forward')),
      );
    });
  },
};

/** The inputs only a trainable executor takes: batches, step options, momentum buffers. */
async function badTrainingInputs(executor: ReturnType<typeof asTrainable>, seed: number): Promise<void> {
  const { spec } = ENTRY;
  const batch = conformanceBatch(spec, ENTRY.batchSize, seed);
  const badLabel = { ...batch, labels: Int32Array.from([0, spec.numClasses]) };
  const steps: [string, typeof batch, { learningRate: number; microBatchSize?: number }][] = [
    ['trainStep with a label out of range', badLabel, { learningRate: 0.1 }],
    ['trainStep with learningRate NaN', batch, { learningRate: Number.NaN }],
    ['trainStep with learningRate -1', batch, { learningRate: -1 }],
    ['trainStep with microBatchSize 0', batch, { learningRate: 0.1, microBatchSize: 0 }],
  ];
  for (const [what, input, options] of steps) {
    await expectSameError(
      what,
      () => executor.trainStep(input, options),
      expectedError(() => checkTrainStepInput(spec, input, options)),
    );
  }
  const shortBatch = { ...batch, images: batch.images.subarray(1) };
  await expectSameError(
    'gradients with images one value short',
    () => executor.gradients(shortBatch),
    expectedError(() => checkGradientsInput(spec, shortBatch)),
  );
  const trainable = expandGraph(spec).parameters.filter((parameter) => parameter.trainable);
  const wrongState = conformanceWeights(WIDER, seed);
  await expectSameError(
    'setOptimizerState with WRN-10-2 buffers',
    () => executor.setOptimizerState(wrongState),
    expectedError(() => checkOptimizerState(spec, trainable, wrongState)),
  );
}

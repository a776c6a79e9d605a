import { encodeCheckpoint } from '@wrn/checkpoint';
import { isLearningRateDrop, learningRateAt } from '@wrn/spec';
import { TrainingDivergedError } from './errors.js';
import { evaluate, type EvaluationResult } from './evaluate.js';
import type { EpochMetrics } from './events.js';
import { resumeRun, startRun } from './run-start.js';
import { RUN_STATE_KEY } from './run-state.js';
import { trainEpoch } from './train-epoch.js';
import type { TrainOptions } from './train-options.js';

/**
 * What {@link train} returns.
 *
 * @example
 * const { status, metrics } = await train(options);
 */
export interface TrainResult {
  status: 'completed' | 'interrupted';
  metrics: EpochMetrics[];
  bestTop1Error: number | null;
  /** The last evaluation on the test split, if any ran. */
  test?: EvaluationResult;
}

/**
 * Trains a spec on any trainable runtime with the recipe's LR schedule, evaluating, and writing into the run store
 * the metric history and the `last` checkpoint (every epoch and on abort) and the `best` one (lowest test top-1
 * error). A resumed run gives the same weights and metrics as one never interrupted. Throws {@link RunExistsError}
 * for a new run into a store that holds one, {@link RunMismatchError} for a resume with another spec or recipe.
 *
 * @example
 * const result = await train({
 *   runtime: await createTfjsRuntime({ backend: 'wasm' }), spec: parseModelName('WRN-16-2'),
 *   recipe: paperRecipe({ epochs: 5 }), train: trainData, test: testData, store: memoryRunStore(), seed: 1,
 * });
 */
export async function train(options: TrainOptions): Promise<TrainResult> {
  const { runtime, store } = options;
  if (!runtime.capabilities.supportsTraining) {
    throw new TypeError(
      `runtime '${runtime.name}' (${runtime.backend}) cannot train; use the tfjs or webgpu runtime`,
    );
  }
  // Every epoch unless told: the paper reports per-epoch test error curves.
  const evaluateEvery = options.evaluateEvery ?? 1;
  if (!Number.isInteger(evaluateEvery) || evaluateEvery < 1)
    throw new RangeError(`evaluateEvery must be an integer >= 1, got ${evaluateEvery}`);
  const lock = await store.lock();
  try {
    return await trainHoldingLock(options, evaluateEvery);
  } finally {
    lock.release();
  }
}

async function trainHoldingLock(options: TrainOptions, evaluateEvery: number): Promise<TrainResult> {
  const { spec, recipe, store } = options;
  const { executor, state } = options.resume ? await resumeRun(options) : await startRun(options);
  const sessionStart = performance.now();
  const wallBefore = state.wallSeconds;
  let lastTest: EvaluationResult | undefined;
  const save = async () => {
    state.wallSeconds = wallBefore + (performance.now() - sessionStart) / 1000;
    const checkpoint = encodeCheckpoint({
      spec,
      weights: await executor.getWeights(),
      optimizerState: await executor.getOptimizerState(),
      metadata: { [RUN_STATE_KEY]: JSON.stringify(state) },
    });
    await store.writeCheckpoint('last', checkpoint);
    const path = store.locate('last');
    options.onEvent?.({ type: 'checkpoint', path, epoch: state.epoch, batch: state.batch });
  };

  const diverged = (loss: number, learningRate: number, quantity: string) =>
    new TrainingDivergedError(
      state.epoch,
      state.batch,
      loss,
      learningRate,
      state.epoch > 0 || state.step > 0 ? store.locate('last') : undefined,
      quantity,
    );

  try {
    while (state.epoch < recipe.epochs) {
      const learningRate = learningRateAt(recipe, state.epoch);
      // The authors' code restarts momentum whenever the rate drops; PyTorch's MultiStepLR does not (the default).
      if (state.batch === 0 && recipe.schedule.resetMomentum && isLearningRateDrop(recipe, state.epoch))
        executor.resetMomentum();
      const end = await trainEpoch(executor, options.train, state, { ...options, learningRate });
      if (typeof end === 'object') throw diverged(end.diverged, learningRate, 'loss');
      if (end === 'aborted') {
        await save();
        return { status: 'interrupted', metrics: state.metrics, bestTop1Error: state.bestTop1Error };
      }
      const totals = state.epochTotals;
      const metrics: EpochMetrics = {
        epoch: state.epoch,
        learningRate,
        trainLoss: totals.loss / Math.max(totals.examples, 1),
        trainError: 1 - totals.correct / Math.max(totals.examples, 1),
        imagesPerSecond: totals.examples / Math.max(totals.seconds, 1e-9),
        epochSeconds: totals.seconds,
        wallSeconds: 0,
      };
      const isLast = state.epoch === recipe.epochs - 1;
      let best = false;
      if (options.test && ((state.epoch + 1) % evaluateEvery === 0 || isLast)) {
        options.onEvent?.({ type: 'evaluation', epoch: state.epoch });
        lastTest = await evaluate(executor, options.test);
        // A finite training loss can hide diverged state (an infinite BatchNorm running variance): eval mode shows it.
        if (!Number.isFinite(lastTest.loss)) throw diverged(lastTest.loss, learningRate, 'held-out loss');
        Object.assign(metrics, {
          testLoss: lastTest.loss,
          testTop1Error: lastTest.top1Error,
          testTop5Error: lastTest.top5Error,
        });
        best = state.bestTop1Error === null || lastTest.top1Error < state.bestTop1Error;
        if (best) state.bestTop1Error = lastTest.top1Error;
      }
      metrics.wallSeconds = wallBefore + (performance.now() - sessionStart) / 1000;
      state.metrics.push(metrics);
      state.epoch += 1;
      state.batch = 0;
      state.epochTotals = { loss: 0, correct: 0, examples: 0, seconds: 0 };
      await save();
      await store.writeMetrics(state.metrics);
      if (best) {
        const checkpoint = encodeCheckpoint({
          spec,
          weights: await executor.getWeights(),
          metadata: {
            'wrn.best': JSON.stringify({ epoch: metrics.epoch, testTop1Error: metrics.testTop1Error }),
          },
        });
        await store.writeCheckpoint('best', checkpoint);
      }
      options.onEvent?.({ type: 'epoch', metrics, best });
      if (options.signal?.aborted && state.epoch < recipe.epochs) {
        return { status: 'interrupted', metrics: state.metrics, bestTop1Error: state.bestTop1Error };
      }
    }
    return {
      status: 'completed',
      metrics: state.metrics,
      bestTop1Error: state.bestTop1Error,
      ...(lastTest ? { test: lastTest } : {}),
    };
  } finally {
    executor.dispose();
  }
}

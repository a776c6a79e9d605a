import { loadCheckpoint, saveCheckpoint } from '@wrn/checkpoint/node';
import type { TrainableExecutor } from '@wrn/core';
import { isLearningRateDrop, learningRateAt, specToJson } from '@wrn/spec';
import { TrainingDivergedError } from './errors.js';
import { evaluate, type EvaluationResult } from './evaluate.js';
import type { EpochMetrics } from './events.js';
import { prepareNewRun, readRunConfig, runFolder, writeMetrics } from './run-folder.js';
import { lockRunFolder } from './run-lock.js';
import { readRunState, RUN_STATE_KEY, type RunState } from './run-state.js';
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
 * Trains a spec on any trainable runtime with the recipe's LR schedule, evaluating, logging `metrics.jsonl` and
 * writing `last.safetensors` (every epoch and on abort) and `best.safetensors` (lowest test top-1 error) atomically.
 * A resumed run gives the same weights and metrics as one never interrupted.
 *
 * @example
 * const result = await train({
 *   runtime: await createTfjsRuntime({ backend: 'wasm' }), spec: parseModelName('WRN-16-2'),
 *   recipe: paperRecipe({ epochs: 5 }), train: trainData, test: testData, runDir: 'runs/wrn-16-2', seed: 1,
 * });
 */
export async function train(options: TrainOptions): Promise<TrainResult> {
  const { runtime, runDir } = options;
  if (!runtime.capabilities.supportsTraining) {
    throw new TypeError(
      `runtime '${runtime.name}' (${runtime.backend}) cannot train; use the tfjs or webgpu runtime`,
    );
  }
  const evaluateEvery = options.evaluateEvery ?? 1;
  if (!Number.isInteger(evaluateEvery) || evaluateEvery < 1)
    throw new RangeError(`evaluateEvery must be an integer >= 1, got ${evaluateEvery}`);
  const folder = runFolder(runDir);
  const lock = lockRunFolder(runDir);
  try {
    return await trainHoldingLock(options, folder, evaluateEvery);
  } finally {
    lock.release();
  }
}

async function trainHoldingLock(
  options: TrainOptions,
  folder: ReturnType<typeof runFolder>,
  evaluateEvery: number,
): Promise<TrainResult> {
  const { spec, recipe, runDir } = options;
  const { executor, state } = options.resume ? await resumeRun(options) : await startRun(options);
  const sessionStart = performance.now();
  const wallBefore = state.wallSeconds;
  let lastTest: EvaluationResult | undefined;
  const save = async () => {
    state.wallSeconds = wallBefore + (performance.now() - sessionStart) / 1000;
    await saveCheckpoint(folder.last, {
      spec,
      weights: await executor.getWeights(),
      optimizerState: await executor.getOptimizerState(),
      metadata: { [RUN_STATE_KEY]: JSON.stringify(state) },
    });
    options.onEvent?.({ type: 'checkpoint', path: folder.last, epoch: state.epoch, batch: state.batch });
  };

  try {
    while (state.epoch < recipe.epochs) {
      const learningRate = learningRateAt(recipe, state.epoch);
      // The authors' code restarts momentum whenever the rate drops; PyTorch's MultiStepLR does not (the default).
      if (state.batch === 0 && recipe.schedule.resetMomentum && isLearningRateDrop(recipe, state.epoch))
        executor.resetMomentum();
      const end = await trainEpoch(executor, options.train, state, { ...options, learningRate });
      if (typeof end === 'object') {
        const hasCheckpoint = state.epoch > 0 || state.step > 0;
        throw new TrainingDivergedError(
          state.epoch,
          state.batch,
          end.diverged,
          learningRate,
          hasCheckpoint ? folder.last : undefined,
        );
      }
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
      await writeMetrics(runDir, state.metrics);
      if (best) {
        await saveCheckpoint(folder.best, {
          spec,
          weights: await executor.getWeights(),
          metadata: {
            'wrn.best': JSON.stringify({ epoch: metrics.epoch, testTop1Error: metrics.testTop1Error }),
          },
        });
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

async function startRun(options: TrainOptions): Promise<{ executor: TrainableExecutor; state: RunState }> {
  const seed = options.seed ?? 0;
  await prepareNewRun(options.runDir, {
    spec: options.spec,
    recipe: options.recipe,
    seed,
    runtime: { name: options.runtime.name, backend: options.runtime.backend },
    ...options.config,
  });
  const executor = await options.runtime.compile(options.spec, {
    optimizer: options.recipe.optimizer,
    seed,
    ...(options.weights ? { weights: options.weights } : {}),
  });
  const state: RunState = {
    epoch: 0,
    batch: 0,
    step: 0,
    seed,
    epochTotals: { loss: 0, correct: 0, examples: 0, seconds: 0 },
    bestTop1Error: null,
    wallSeconds: 0,
    metrics: [],
    recipe: options.recipe,
  };
  return { executor, state };
}

async function resumeRun(options: TrainOptions): Promise<{ executor: TrainableExecutor; state: RunState }> {
  const folder = runFolder(options.runDir);
  readRunConfig(options.runDir);
  const checkpoint = await loadCheckpoint(folder.last).catch((error: Error) => {
    throw new Error(`cannot resume from ${folder.last}: ${error.message}`);
  });
  if (specToJson(checkpoint.spec) !== specToJson(options.spec)) {
    throw new Error(
      `${folder.last} holds a different model than requested; resume with the run's own spec (config.json)`,
    );
  }
  const state = readRunState(checkpoint.metadata, folder.last);
  if (JSON.stringify(state.recipe) !== JSON.stringify(options.recipe)) {
    throw new Error(
      `the recipe differs from the one ${options.runDir} was started with (config.json); resume without changing it`,
    );
  }
  const executor = await options.runtime.compile(checkpoint.spec, {
    optimizer: state.recipe.optimizer,
    seed: state.seed,
    weights: checkpoint.weights,
  });
  await executor.setOptimizerState(checkpoint.optimizerState);
  // metrics.jsonl may lag the checkpoint if the process died between the two writes: rewrite it from the checkpoint.
  await writeMetrics(options.runDir, state.metrics);
  return { executor, state };
}

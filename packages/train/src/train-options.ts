import type { TrainableRuntime } from '@wrn/core';
import type { ModelSpec, TrainingRecipe, WeightMap } from '@wrn/spec';
import type { TrainingEvent } from './events.js';
import type { RunStore } from './run-store.js';
import type { EvaluationData, TrainingData } from './training-data.js';

/**
 * Options of {@link train}.
 *
 * @example
 * const options: TrainOptions = { runtime, spec, recipe: paperRecipe({ epochs: 10 }), train: trainData, test: testData, store: memoryRunStore() };
 */
export interface TrainOptions {
  /** A runtime that trains (`isTrainableRuntime` narrows one known only at run time). */
  runtime: TrainableRuntime;
  spec: ModelSpec;
  recipe: TrainingRecipe;
  train: TrainingData;
  /** Evaluated every `evaluateEvery` epochs and after the last one; the best checkpoint tracks its top-1 error. */
  test?: EvaluationData;
  /** Where the run's config, metrics and checkpoints go: `memoryRunStore()`, or `fileRunStore(dir)` of `@wrn/train/node`. */
  store: RunStore;
  /** Seeds the initial weights (unless `weights`), the data order and augmentation, and dropout; default 0. */
  seed?: number;
  /** Start from these weights instead of `initWeights(spec, seed)`. */
  weights?: WeightMap;
  /** Continue the run in `store` from its last checkpoint. */
  resume?: boolean;
  /** Evaluate every N epochs (default 1: the paper reports per-epoch test error curves). */
  evaluateEvery?: number;
  /** Gradient accumulation: micro-batches of this size make up each recipe batch (BN statistics per micro-batch). */
  microBatchSize?: number;
  /** Aborting saves the last checkpoint after the current step and returns `{ status: 'interrupted' }`. */
  signal?: AbortSignal;
  onEvent?: (event: TrainingEvent) => void;
  /** Extra fields recorded in the run's config (e.g. the command line, the dataset). */
  config?: Record<string, unknown>;
}

import { decodeCheckpoint } from '@wrn/checkpoint';
import type { TrainableExecutor } from '@wrn/core';
import { DROPOUT_MASK_GENERATOR, expandGraph, specToJson, type ModelSpec } from '@wrn/spec';
import { DropoutGeneratorMismatchError, RunExistsError, RunMismatchError } from './errors.js';
import { readRunState, type RunState } from './run-state.js';
import type { TrainOptions } from './train-options.js';

/** A compiled executor and where the run stands. Internal to {@link train}. */
export interface StartedRun {
  executor: TrainableExecutor;
  state: RunState;
}

/**
 * Starts a new run: refuses a store that already holds one ({@link RunExistsError}), writes the config, compiles.
 * Internal to {@link train}.
 */
export async function startRun(options: TrainOptions): Promise<StartedRun> {
  const { store } = options;
  if (await store.exists()) throw new RunExistsError(store.name);
  // Seed 0 unless given: a run is reproducible by default, and the config records the seed either way.
  const seed = options.seed ?? 0;
  await store.writeConfig({
    spec: options.spec,
    recipe: options.recipe,
    seed,
    runtime: { name: options.runtime.name, backend: options.runtime.backend },
    dropoutMaskGenerator: DROPOUT_MASK_GENERATOR,
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
    dropoutMaskGenerator: DROPOUT_MASK_GENERATOR,
  };
  return { executor, state };
}

/**
 * Continues the run in the store from its last checkpoint; another spec or recipe than the run's throws
 * {@link RunMismatchError}, a run with dropout written with another dropout mask generator (or none recorded)
 * {@link DropoutGeneratorMismatchError}. Internal to {@link train}.
 */
export async function resumeRun(options: TrainOptions): Promise<StartedRun> {
  const { store } = options;
  await store.readConfig();
  const location = store.locate('last');
  const checkpoint = await store
    .readCheckpoint('last')
    .then(decodeCheckpoint)
    .catch((error: Error) => {
      throw new Error(`cannot resume from ${location}: ${error.message}`);
    });
  if (specToJson(checkpoint.spec) !== specToJson(options.spec))
    throw new RunMismatchError(store.name, 'spec');
  const state = readRunState(checkpoint.metadata, location);
  if (JSON.stringify(state.recipe) !== JSON.stringify(options.recipe))
    throw new RunMismatchError(store.name, 'recipe');
  if (state.dropoutMaskGenerator !== DROPOUT_MASK_GENERATOR && hasDropout(checkpoint.spec))
    throw new DropoutGeneratorMismatchError(store.name, state.dropoutMaskGenerator, DROPOUT_MASK_GENERATOR);
  state.dropoutMaskGenerator = DROPOUT_MASK_GENERATOR; // the steps from here on draw with it
  const executor = await options.runtime.compile(checkpoint.spec, {
    optimizer: state.recipe.optimizer,
    seed: state.seed,
    weights: checkpoint.weights,
  });
  await executor.setOptimizerState(checkpoint.optimizerState);
  // The metrics may lag the checkpoint if the process died between the two writes: rewrite them from the checkpoint.
  await store.writeMetrics(state.metrics);
  return { executor, state };
}

/** Whether any layer of the spec drops anything: only then do a run's masks depend on the generator. */
function hasDropout(spec: ModelSpec): boolean {
  return expandGraph(spec).nodes.some((node) => node.op === 'dropout' && node.rate > 0);
}

import { expandGraph, type ParameterSpec } from '@wrn/spec';
import type { InferenceExecutor } from './inference-executor.js';
import { isTrainableExecutor } from './is-trainable-runtime.js';
import {
  checkForwardInput,
  checkGradientsInput,
  checkNotDisposed,
  checkOptimizerState,
  checkTrainStepInput,
  checkWeights,
} from './input-checks.js';
import type { ForwardOptions, TrainableExecutor } from './trainable-executor.js';

/** Listeners of each checked executor's dispose, by executor (a runtime forgets what was disposed). */
const disposeListeners = new WeakMap<InferenceExecutor, Set<() => void>>();

/**
 * Calls `listener` once when a checked executor is disposed. Internal: {@link checkedRuntime} tracks its
 * executors with it.
 *
 * @example
 * onDispose(executor, () => executors.delete(executor));
 */
export function onDispose(executor: InferenceExecutor, listener: () => void): void {
  disposeListeners.get(executor)?.add(listener);
}

/**
 * Wraps an executor so every input passes the shared checks before it reaches the executor, and any call after
 * `dispose()` throws: one {@link InputError}, with one message text, whatever the runtime. Wrapping a checked
 * executor returns it unchanged. A trainable executor (one with `trainStep`) stays trainable.
 *
 * @example
 * return checkedExecutor(new TfjsExecutor(spec, backend, weights, optimizer, seed));
 */
export function checkedExecutor(executor: TrainableExecutor): TrainableExecutor;
export function checkedExecutor(executor: InferenceExecutor): InferenceExecutor;
export function checkedExecutor(executor: InferenceExecutor): InferenceExecutor {
  if (disposeListeners.has(executor)) return executor;
  const spec = executor.spec;
  const parameters = expandGraph(spec).parameters;
  const trainable = isTrainableExecutor(executor);
  let disposed = false;
  const live = (method: string) => checkNotDisposed(disposed, method);
  const listeners = new Set<() => void>();
  const inference: InferenceExecutor = {
    spec,
    async forward(images: Float32Array, size: number, options?: ForwardOptions) {
      live('forward');
      checkForwardInput(spec, images, size, options, trainable);
      return trainable ? executor.forward(images, size, options) : executor.forward(images, size);
    },
    async getWeights() {
      live('getWeights');
      return executor.getWeights();
    },
    async setWeights(weights) {
      live('setWeights');
      checkWeights(spec, parameters, weights, 'setWeights(weights)');
      return executor.setWeights(weights);
    },
    ...(executor.memory
      ? {
          memory: () => {
            live('memory');
            return executor.memory!();
          },
        }
      : {}),
    dispose() {
      if (disposed) return;
      disposed = true;
      executor.dispose();
      for (const listener of listeners) listener();
    },
  };
  const checked = isTrainableExecutor(executor)
    ? withTraining(inference, executor, parameters, live)
    : inference;
  disposeListeners.set(checked, listeners);
  return checked;
}

/** The training methods of a checked executor, over the inference ones. */
function withTraining(
  inference: InferenceExecutor,
  executor: TrainableExecutor,
  parameters: readonly ParameterSpec[],
  live: (method: string) => void,
): TrainableExecutor {
  const spec = executor.spec;
  const trainable = parameters.filter((parameter) => parameter.trainable);
  return {
    ...inference,
    async gradients(batch) {
      live('gradients');
      checkGradientsInput(spec, batch);
      return executor.gradients(batch);
    },
    async trainStep(batch, options) {
      live('trainStep');
      checkTrainStepInput(spec, batch, options);
      return executor.trainStep(batch, options);
    },
    resetMomentum() {
      live('resetMomentum');
      executor.resetMomentum();
    },
    async getOptimizerState() {
      live('getOptimizerState');
      return executor.getOptimizerState();
    },
    async setOptimizerState(state) {
      live('setOptimizerState');
      checkOptimizerState(spec, trainable, state);
      return executor.setOptimizerState(state);
    },
  };
}

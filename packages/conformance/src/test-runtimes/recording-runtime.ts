import type { TrainableRuntime, TrainStepOptions } from '@wrn/core';
import { createReferenceRuntime } from '@wrn/runtime-reference';

/**
 * A runtime that records what a training loop asks of it: the options of every `trainStep`, and, for every
 * `resetMomentum()`, how many steps had been taken before it.
 *
 * @example
 * const runtime = recordingRuntime();
 * await train({ ...options, runtime });
 * runtime.steps.map((step) => step.learningRate); // [0.1, 0.1, 0.05, ...]
 * runtime.resets; // [4]: momentum reset after the 4th step
 */
export function recordingRuntime(
  // The float32-rounding reference: a float32 checkpoint then holds its exact state, as with the real runtimes.
  inner: TrainableRuntime = createReferenceRuntime({ precision: 'float32' }),
): TrainableRuntime & { steps: TrainStepOptions[]; resets: number[] } {
  const steps: TrainStepOptions[] = [];
  const resets: number[] = [];
  return {
    ...inner,
    steps,
    resets,
    async compile(compiledSpec, options) {
      const executor = await inner.compile(compiledSpec, options);
      const trainStep = executor.trainStep.bind(executor);
      const resetMomentum = executor.resetMomentum.bind(executor);
      executor.trainStep = async (batch, stepOptions) => {
        steps.push(stepOptions);
        return trainStep(batch, stepOptions);
      };
      executor.resetMomentum = () => {
        resets.push(steps.length);
        resetMomentum();
      };
      return executor;
    },
  };
}

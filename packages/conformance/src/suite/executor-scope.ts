import {
  isTrainableExecutor,
  isTrainableRuntime,
  type CompileOptions,
  type InferenceExecutor,
  type Runtime,
  type TrainableExecutor,
  type TrainableRuntime,
} from '@wrn/core';
import { ConformanceFailure } from './failure.js';
import type { ModelSpec } from '@wrn/spec';
import { nextMacrotask } from './next-macrotask.js';

/**
 * Compiles executors for one case and disposes every one of them afterwards, whether the case passed or threw.
 * The executors have the runtime's executor type (trainable for a {@link TrainableRuntime}). Each compile first
 * yields to the event loop ({@link nextMacrotask}), so the reference's synchronous work before it and the
 * executor's after it are never one unbroken stretch.
 *
 * @example
 * await withExecutors(runtime, async (compile) => {
 *   const executor = await compile(spec, { weights });
 *   await executor.forward(images, 1);
 * });
 */
export async function withExecutors<E extends InferenceExecutor, T>(
  runtime: Runtime<E>,
  body: (compile: (spec: ModelSpec, options?: CompileOptions) => Promise<E>) => Promise<T>,
): Promise<T> {
  const executors: E[] = [];
  try {
    return await body(async (spec, options) => {
      await nextMacrotask();
      const executor = await runtime.compile(spec, options);
      executors.push(executor);
      return executor;
    });
  } finally {
    for (const executor of executors) executor.dispose();
  }
}

/**
 * The runtime of a case that trains, as a {@link TrainableRuntime}; such cases skip where `supportsTraining` is
 * false, so reaching here without it is a bug in the case.
 *
 * @example
 * await withExecutors(trainable(runtime), async (compile) => (await compile(spec)).trainStep(batch, options));
 */
export function trainable(runtime: Runtime): TrainableRuntime {
  if (!isTrainableRuntime(runtime)) {
    throw new Error(
      `internal: a training case ran on '${runtime.name}', which cannot train; skip it by capability`,
    );
  }
  return runtime;
}

/**
 * An executor of a runtime whose `capabilities.supportsTraining` is true, as a `TrainableExecutor`; fails the case
 * when the executor lacks the training methods the capability promises.
 *
 * @example
 * if (runtime.capabilities.supportsTraining) await asTrainable(executor).trainStep(batch, { learningRate: 0.1 });
 */
export function asTrainable(executor: InferenceExecutor): TrainableExecutor {
  if (!isTrainableExecutor(executor)) {
    throw new ConformanceFailure('capabilities.supportsTraining is true but the executor has no trainStep');
  }
  return executor;
}

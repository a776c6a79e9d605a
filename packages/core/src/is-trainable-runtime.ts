import type { InferenceExecutor } from './inference-executor.js';
import type { Runtime, TrainableRuntime } from './runtime.js';
import type { TrainableExecutor } from './trainable-executor.js';

/**
 * Narrows a runtime known only at run time (the CLI loads one by name) to a {@link TrainableRuntime}, by its
 * `capabilities.supportsTraining` constant.
 *
 * @example
 * const runtime = await loadRuntime(name);
 * if (!isTrainableRuntime(runtime)) throw new Error(`runtime '${runtime.name}' cannot train; use tfjs`);
 * await train({ runtime, ...options });
 */
export function isTrainableRuntime(runtime: Runtime): runtime is TrainableRuntime {
  return runtime.capabilities.supportsTraining;
}

/**
 * Tells a trainable executor from an inference-only one by its methods, for code holding an executor of a runtime
 * it only knows as `Runtime` (the conformance suite, after reading `capabilities.supportsTraining`).
 *
 * @example
 * if (isTrainableExecutor(executor)) await executor.trainStep(batch, { learningRate: 0.1 });
 */
export function isTrainableExecutor(executor: InferenceExecutor): executor is TrainableExecutor {
  return typeof (executor as Partial<TrainableExecutor>).trainStep === 'function';
}

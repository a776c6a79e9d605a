import type { ModelSpec, SgdSpec, WeightMap } from '@wrn/spec';
import type { RuntimeCapabilities } from './capabilities.js';
import type { InferenceExecutor } from './inference-executor.js';
import type { TrainableExecutor } from './trainable-executor.js';

/**
 * Options of {@link Runtime.compile}.
 *
 * @example
 * await runtime.compile(spec, { weights: initWeights(spec, 0), optimizer: paperRecipe().optimizer, seed: 1 });
 */
export interface CompileOptions {
  /** Initial weights in canonical names and layouts; default `initWeights(spec, seed)`. */
  weights?: WeightMap;
  /** SGD settings used by `trainStep` (the rate comes per step); default the paper's recipe. */
  optimizer?: SgdSpec;
  /** Seeds weight initialisation (when `weights` is absent) and dropout masks; default 0. */
  seed?: number;
}

/**
 * A runtime: a small interpreter of the spec's layer graph that compiles executors of type `E`. Users pick one by
 * name; they never implement it. `Runtime` alone is any runtime (inference at least); see {@link TrainableRuntime}.
 *
 * @example
 * const runtime: Runtime = await createOnnxRuntime();
 * try {
 *   const logits = await (await runtime.compile(spec)).forward(images, 8);
 * } finally {
 *   await runtime.dispose();
 * }
 */
export interface Runtime<E extends InferenceExecutor = InferenceExecutor> {
  readonly name: string;
  /** The backend actually in use, e.g. `wasm`, `cpu`, `webgpu`, `cpu-execution-provider`. */
  readonly backend: string;
  readonly capabilities: RuntimeCapabilities;
  compile(spec: ModelSpec, options?: CompileOptions): Promise<E>;
  /**
   * Disposes every executor this runtime compiled and releases what the runtime holds (a GPU device, inference
   * sessions); afterwards `compile` throws. Calling it twice is harmless.
   */
  dispose(): Promise<void> | void;
}

/**
 * A runtime whose executors train; what `train()` from `@wrn/train` accepts.
 *
 * @example
 * const runtime: TrainableRuntime = await createTfjsRuntime({ backend: 'wasm' });
 * const { loss } = await (await runtime.compile(spec)).trainStep(batch, { learningRate: 0.1 });
 */
export type TrainableRuntime = Runtime<TrainableExecutor>;

import type { ModelSpec, SgdSpec, WeightMap } from '@wrn/spec';

/**
 * What a runtime can do, as constants the conformance suite and the training loop read instead of guessing.
 *
 * @example
 * if (!runtime.capabilities.supportsTraining) throw new Error(`${runtime.name} cannot train`);
 */
export interface RuntimeCapabilities {
  /** `trainStep` updates weights, optimizer state and BatchNorm running statistics. */
  supportsTraining: boolean;
  /** `gradients` returns the loss gradients of every trainable parameter. */
  supportsGradients: boolean;
  /** `memory()` reports live tensors/buffers, so leaks can be tested. */
  reportsMemory: boolean;
  /** Arithmetic precision of the executor. */
  precision: 'float32' | 'float64';
}

/**
 * A batch in the canonical layout: normalised images NCHW (`[n, channels, height, width]`) and integer labels.
 *
 * @example
 * const batch: Batch = { images: new Float32Array(2 * 3 * 32 * 32), labels: new Int32Array([3, 7]), size: 2 };
 */
export interface Batch {
  images: Float32Array;
  labels: Int32Array;
  /** Number of examples n; `images.length === n * channels * height * width`. */
  size: number;
}

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
 * The result of one training step.
 *
 * @example
 * const { loss } = await executor.trainStep(batch, { learningRate: 0.1 });
 */
export interface StepResult {
  /** Mean softmax cross-entropy over the batch, before the update (weight decay not included). */
  loss: number;
  /** Number of examples the step used. */
  examples: number;
  /** Correct top-1 predictions among them (from the training-mode forward pass). */
  correct: number;
}

/**
 * Options of one training step.
 *
 * @example
 * await executor.trainStep(batch, { learningRate: 0.1, microBatchSize: 32, dropoutSeed: 1234 });
 */
export interface TrainStepOptions {
  learningRate: number;
  /** Split the batch into micro-batches of this size (gradient accumulation); default the whole batch. */
  microBatchSize?: number;
  /**
   * Seeds this step's dropout masks, so a resumed run replays the same masks; when absent the executor draws
   * from its own generator (seeded at compile time).
   */
  dropoutSeed?: number;
}

/**
 * A compiled network. Every method that touches device memory is asynchronous (WebGPU reads are).
 * Weight maps use the canonical PyTorch names and layouts and include BatchNorm running statistics.
 *
 * @example
 * const executor = await runtime.compile(spec);
 * const logits = await executor.forward(images, batchSize); // eval mode, Float32Array [n, classes]
 * executor.dispose();
 */
export interface Executor {
  readonly spec: ModelSpec;
  /** Logits `[n, classes]`. `training: true` uses batch statistics and dropout, without updating any state. */
  forward(images: Float32Array, size: number, options?: { training?: boolean }): Promise<Float32Array>;
  /** Mean loss and its gradient for every trainable parameter (training mode, no update, no weight decay). */
  gradients(batch: Batch): Promise<{ loss: number; gradients: WeightMap }>;
  /**
   * One SGD step (the spec's update rule) and a BatchNorm running-statistics update. With `microBatchSize`
   * smaller than the batch, gradients of the micro-batches are averaged before one update and BatchNorm
   * statistics are computed and updated per micro-batch.
   */
  trainStep(batch: Batch, options: TrainStepOptions): Promise<StepResult>;
  /** Clears the momentum buffers, so the next step starts them afresh (`buf = g`). */
  resetMomentum(): void;
  getWeights(): Promise<WeightMap>;
  setWeights(weights: WeightMap): Promise<void>;
  /** Momentum buffers by parameter name; empty before the first step or after a reset. */
  getOptimizerState(): Promise<WeightMap>;
  setOptimizerState(state: WeightMap): Promise<void>;
  /** Live tensors and bytes held by the runtime, where `capabilities.reportsMemory`. */
  memory(): { tensors: number; bytes: number } | undefined;
  dispose(): void;
}

/**
 * A runtime: a small interpreter of the spec's layer graph. Users pick one by name; they never implement it.
 *
 * @example
 * const runtime = await createTfjsRuntime({ backend: 'wasm' });
 * console.log(runtime.name, runtime.backend, runtime.capabilities.supportsTraining);
 */
export interface Runtime {
  readonly name: string;
  /** The backend actually in use, e.g. `wasm`, `cpu`, `webgpu`, `cpu-execution-provider`. */
  readonly backend: string;
  readonly capabilities: RuntimeCapabilities;
  compile(spec: ModelSpec, options?: CompileOptions): Promise<Executor>;
}

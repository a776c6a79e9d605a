import type { WeightMap } from '@wrn/spec';
import type { Batch } from './batch.js';
import type { InferenceExecutor } from './inference-executor.js';

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
   * Seeds this step's dropout masks, so a resumed run replays the same masks; when absent the step seed is
   * `passDropoutSeed(compileSeed, pass)` of `@wrn/spec` (`pass` counts the executor's training passes). Every
   * runtime draws the masks with `dropoutMasks` of `@wrn/spec`, each micro-batch its example range of the step's.
   */
  dropoutSeed?: number;
}

/**
 * Options of a trainable executor's forward pass.
 *
 * @example
 * await executor.forward(images, 8, { training: true });
 */
export interface ForwardOptions {
  /** Batch statistics and dropout, without updating any state; default false (eval mode, as inference). */
  training?: boolean;
}

/**
 * A compiled network that also trains: training-mode forward, gradients, SGD steps and optimizer state. Runtimes
 * whose `capabilities.supportsTraining` is true compile these (see `TrainableRuntime`). `gradients` belongs
 * here rather than to a capability of its own: a runtime that steps computes the gradients anyway.
 *
 * @example
 * const executor: TrainableExecutor = await trainableRuntime.compile(spec, { seed: 1 });
 * const { loss } = await executor.trainStep(batch, { learningRate: 0.1 });
 */
export interface TrainableExecutor extends InferenceExecutor {
  /** Logits `[n, classes]`; `training: true` uses batch statistics and dropout, without updating any state. */
  forward(images: Float32Array, size: number, options?: ForwardOptions): Promise<Float32Array>;
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
  /** Momentum buffers by parameter name; empty before the first step or after a reset. */
  getOptimizerState(): Promise<WeightMap>;
  /** Replaces the momentum buffers; the map holds trainable parameters only, any subset of them. */
  setOptimizerState(state: WeightMap): Promise<void>;
}

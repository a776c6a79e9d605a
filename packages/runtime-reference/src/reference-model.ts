import type { Batch, StepResult, TrainStepOptions } from '@wrn/core';
import {
  dropoutMasks,
  expandGraph,
  paperRecipe,
  passDropoutSeed,
  type LayerGraph,
  type ModelSpec,
  type SgdSpec,
  type WeightMap,
} from '@wrn/spec';
import { referenceBackward } from './backward.js';
import { updateRunningStatistics } from './batch-norm.js';
import { referenceForward, type ForwardResult } from './forward.js';
import { sgdStep } from './sgd.js';
import { countCorrect, softmaxCrossEntropy } from './softmax-cross-entropy.js';
import { requireTensor, toFloat64, zeros, type Tensor64, type WeightMap64 } from './tensor.js';

/**
 * Options of {@link ReferenceModel}. `graph` and `optimizerStep` exist so tests can build deliberately broken
 * executors; leave them out otherwise.
 *
 * @example
 * const options: ReferenceModelOptions = { optimizer: paperRecipe().optimizer, seed: 0 };
 */
export interface ReferenceModelOptions {
  /** SGD settings; default the paper's recipe (what `CompileOptions.optimizer` defaults to). */
  optimizer?: SgdSpec;
  /**
   * The compile seed: a training pass given no step seed draws its masks with `passDropoutSeed(seed, pass)`; default
   * 0 (as `CompileOptions.seed`).
   */
  seed?: number;
  /** Rounds values and value gradients to float32 (models a float32 runtime); default false, pure float64. */
  roundToFloat32?: boolean;
  /** The graph to interpret; default `expandGraph(spec)`. */
  graph?: LayerGraph;
  /** The update rule; default {@link sgdStep}. */
  optimizerStep?: typeof sgdStep;
  /** Draws a step's dropout masks for an example range; default `dropoutMasks` of `@wrn/spec`. */
  drawMasks?: typeof dropoutMasks;
}

/**
 * Which dropout masks a training pass applies: those of examples `start ..` of the step seeded `stepSeed` (see
 * `dropoutMasks` of `@wrn/spec`). A micro-batch starting at example 32 of its step's batch draws from 32.
 *
 * @example
 * model.gradients(batch, { stepSeed: 1234, start: 0 });
 */
export interface DropoutDraw {
  stepSeed: number;
  start: number;
}

/**
 * What {@link ReferenceModel.gradients} returns: loss, gradients, and the training-mode forward it came from.
 *
 * @example
 * const { loss, gradients } = model.gradients(batch);
 */
export interface ReferenceGradients {
  loss: number;
  gradients: WeightMap64;
  logits: Tensor64;
  batchNorm: ForwardResult['batchNorm'];
}

/**
 * The stateful float64 oracle: weights (running statistics included), momentum buffers, and a count of training
 * passes (each draws its dropout masks from `@wrn/spec`'s generator, as every runtime does), with forward, gradients
 * and training steps exactly as the spec defines them. It trusts its inputs: they are checked once, by the shared
 * checks of `@wrn/core` that wrap every runtime.
 *
 * @example
 * const model = new ReferenceModel(spec, initWeights(spec, 0));
 * const logits = model.forward(images, 2, { training: false }); // Tensor64 [2, classes]
 */
export class ReferenceModel {
  readonly graph: LayerGraph;
  readonly optimizer: SgdSpec;
  weights: WeightMap64;
  momentumBuffers: WeightMap64 = new Map();
  /**
   * The smallest |ReLU input| relative to the largest input of the same ReLU, over every training pass so far
   * (Infinity before the first). Below float32's rounding of those inputs, a float32 runtime may put the value on
   * the other side of zero and legitimately differ by a whole gradient term: tests use it to pick inputs that are
   * not that close. @example model.reluMargin; // 3.1e-6
   */
  reluMargin = Infinity;
  /** Training passes so far (training forwards, gradients, steps): the next one's step seed is `passDropoutSeed`. */
  private passes = 0;
  private readonly optimizerStep: typeof sgdStep;
  private readonly drawMasks: typeof dropoutMasks;

  constructor(
    readonly spec: ModelSpec,
    weights: WeightMap | WeightMap64,
    private readonly options: ReferenceModelOptions = {},
  ) {
    this.graph = options.graph ?? expandGraph(spec); // the spec's own graph unless a test rewrites it
    this.optimizer = options.optimizer ?? paperRecipe().optimizer; // as CompileOptions.optimizer defaults
    this.optimizerStep = options.optimizerStep ?? sgdStep; // the spec's update rule unless a test breaks it
    this.drawMasks = options.drawMasks ?? dropoutMasks; // the spec's masks unless a test breaks them
    this.weights = new Map();
    this.setWeights(weights);
  }

  /** Replaces the weights (copied; float32 maps are widened exactly). @example model.setWeights(weights) */
  setWeights(weights: WeightMap | WeightMap64): void {
    this.weights = toFloat64(weights);
  }

  /**
   * Logits of normalised NCHW images; training mode is a training pass (masks of the next pass's step seed) and
   * updates nothing. @example model.forward(x, 1)
   */
  forward(images: ArrayLike<number>, size: number, options: { training?: boolean } = {}): Tensor64 {
    const training = options.training ?? false; // eval mode, as Executor.forward defaults
    const dropoutMasks = training
      ? this.drawMasks(this.graph, this.nextPass(), { start: 0, size })
      : undefined;
    const run = { training, dropoutMasks, roundToFloat32: this.options.roundToFloat32 };
    return referenceForward(this.graph, this.weights, this.images(images, size), run).logits;
  }

  /**
   * Mean loss, gradients (no weight decay) and training-mode logits; updates nothing. Without `dropout` this is a
   * training pass of its own (the next pass's step seed, from example 0); with it, part of a step (its micro-batch).
   * @example model.gradients(batch)
   */
  gradients(batch: Batch, dropout?: DropoutDraw): ReferenceGradients {
    const { stepSeed, start } = dropout ?? { stepSeed: this.nextPass(), start: 0 };
    const dropoutMasks = this.drawMasks(this.graph, stepSeed, { start, size: batch.size });
    const round = this.options.roundToFloat32;
    const forward = referenceForward(this.graph, this.weights, this.images(batch.images, batch.size), {
      training: true,
      dropoutMasks,
      roundToFloat32: round,
    });
    this.reluMargin = Math.min(this.reluMargin, reluMargin(this.graph, forward.values));
    const { loss, dLogits } = softmaxCrossEntropy(forward.logits, batch.labels);
    const gradients = referenceBackward(this.graph, this.weights, forward, dLogits, {
      dropoutMasks,
      roundToFloat32: round,
    });
    return { loss, gradients, logits: forward.logits, batchNorm: forward.batchNorm };
  }

  /**
   * One SGD step, one training pass: per micro-batch a training forward/backward and a running-statistics update,
   * then the gradients averaged by example count and one update. The step seed is `dropoutSeed`, else the pass's
   * own; each micro-batch applies the masks of its example range of that step, so the masks do not depend on the
   * micro-batch size. @example model.trainStep(batch, { learningRate: 0.1 })
   */
  trainStep(batch: Batch, options: TrainStepOptions): StepResult {
    const passSeed = this.nextPass(); // a step counts as a pass whether or not it brings its own seed
    const stepSeed = options.dropoutSeed ?? passSeed;
    const micro = options.microBatchSize ?? batch.size; // the whole batch at once, as the contract defaults
    const sum: WeightMap64 = new Map();
    let loss = 0;
    let correct = 0;
    const statistics: ForwardResult['batchNorm'][] = [];
    const perExample = batch.images.length / batch.size;
    for (let start = 0; start < batch.size; start += micro) {
      const size = Math.min(micro, batch.size - start);
      const part: Batch = {
        images: batch.images.subarray(start * perExample, (start + size) * perExample),
        labels: batch.labels.subarray(start, start + size),
        size,
      };
      const result = this.gradients(part, { stepSeed, start });
      const share = size / batch.size;
      loss += result.loss * share;
      correct += countCorrect(result.logits, part.labels);
      for (const [name, gradient] of result.gradients) {
        const total = sum.get(name) ?? zeros(gradient.shape);
        gradient.data.forEach((value, index) => (total.data[index]! += value * share));
        sum.set(name, total);
      }
      statistics.push(result.batchNorm);
    }
    // Every micro-batch ran before any state changes, so a bad batch leaves the model as it was.
    this.updateRunningStatistics(statistics);
    this.optimizerStep(this.weights, sum, this.momentumBuffers, this.optimizer, options.learningRate);
    return { loss, examples: batch.size, correct };
  }

  /** Applies each micro-batch's BatchNorm statistics in order, after checking all of them (nothing half-updated). */
  private updateRunningStatistics(statistics: ForwardResult['batchNorm'][]): void {
    for (const caches of statistics) {
      for (const [name, cache] of caches) {
        if (cache.count < 2) {
          throw new RangeError(
            `BatchNorm '${name}' sees ${cache.count} value per channel in training mode; PyTorch needs more than 1. ` +
              'Use a larger (micro-)batch or input',
          );
        }
      }
    }
    for (const caches of statistics) {
      for (const node of this.graph.nodes) {
        if (node.op !== 'batchNorm') continue;
        const mean = requireTensor(this.weights, node.runningMean);
        updateRunningStatistics(
          mean,
          requireTensor(this.weights, node.runningVar),
          caches.get(node.name)!,
          node.momentum,
        );
      }
    }
  }

  /** Counts a training pass and returns its step seed (for when the caller gives none). */
  private nextPass(): number {
    return passDropoutSeed(this.options.seed ?? 0, this.passes++); // seed 0 as in the constructor's docs
  }

  /** Clears the momentum buffers. @example model.resetMomentum() */
  resetMomentum(): void {
    this.momentumBuffers = new Map();
  }

  private images(images: ArrayLike<number>, size: number): Tensor64 {
    return { shape: [size, ...this.graph.inputShape], data: Float64Array.from(images) };
  }
}

/** min |x| / max |x| over the inputs of each ReLU of a pass, the smallest over the ReLUs. */
function reluMargin(graph: LayerGraph, values: Map<string, Tensor64>): number {
  let margin = Infinity;
  for (const node of graph.nodes) {
    if (node.op !== 'relu') continue;
    const input = values.get(node.inputs[0]!)!.data;
    let smallest = Infinity;
    let largest = 0;
    for (const value of input) {
      const size = Math.abs(value);
      if (size < smallest) smallest = size;
      if (size > largest) largest = size;
    }
    if (largest > 0) margin = Math.min(margin, smallest / largest);
  }
  return margin;
}

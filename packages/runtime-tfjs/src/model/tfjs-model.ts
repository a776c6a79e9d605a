import * as tf from '@tensorflow/tfjs';
import type { Batch, ForwardOptions, StepResult, TrainStepOptions } from '@wrn/core';
import {
  expandGraph,
  passDropoutSeed,
  type BatchNormNode,
  type LayerGraph,
  type ModelSpec,
  type SgdSpec,
  type WeightMap,
} from '@wrn/spec';
import { runGraph } from '../graph-interpreter.js';
import { imagesToInternal, toCanonical } from '../layout.js';
import {
  accumulateMicroBatches,
  planMicroBatches,
  type AccumulatedGradients,
  type MicroBatch,
  type MicroBatchSlice,
  type NodeStatistics,
} from '../micro-batches.js';
import { batchPass } from './batch-pass.js';
import { ModelVariables } from './model-variables.js';
import { MomentumBuffers } from './momentum-buffers.js';
import { updateRunningStatistics } from './running-statistics.js';

/**
 * A Wide ResNet on one tfjs backend: its variables, passes, gradient accumulation over micro-batches, SGD with
 * momentum buffers and BatchNorm running statistics. {@link TfjsExecutor} is its executor surface; the
 * data-parallel executor and its worker replicas drive the step's parts (plan, accumulate, update) themselves.
 * It trusts its inputs (the executors are wrapped in the shared checks of `@wrn/core`).
 *
 * @example
 * const model = new TfjsModel(spec, 'wasm', initWeights(spec, 1), paperRecipe().optimizer, 1);
 * const { loss } = await model.trainStep(batch, { learningRate: 0.1 });
 */
export class TfjsModel {
  readonly graph: LayerGraph;
  private readonly variables: ModelVariables;
  private readonly momentum: MomentumBuffers;
  private readonly batchNorms = new Map<string, BatchNormNode>();
  private passes = 0;
  private disposed = false;

  constructor(
    readonly spec: ModelSpec,
    readonly backend: string,
    weights: WeightMap,
    readonly optimizer: SgdSpec,
    readonly seed: number,
  ) {
    this.graph = expandGraph(spec);
    for (const node of this.graph.nodes) if (node.op === 'batchNorm') this.batchNorms.set(node.name, node);
    this.variables = new ModelVariables(this.graph, weights);
    this.momentum = new MomentumBuffers(optimizer);
  }

  /**
   * Makes this model's backend the active one (tfjs has one active backend per process).
   *
   * @example
   * await model.activate();
   */
  async activate(): Promise<void> {
    if (tf.getBackend() !== this.backend && !(await tf.setBackend(this.backend))) {
      throw new Error(`tfjs backend '${this.backend}' failed to initialise`);
    }
  }

  /** Counts a training pass (training forward, gradients, step) and returns its own step seed. */
  private nextDropoutSeed(): number {
    return passDropoutSeed(this.seed, this.passes++);
  }

  /**
   * The logits of `size` images (eval mode unless `options.training`).
   *
   * @example
   * const logits = await model.forward(images, 1);
   */
  async forward(images: Float32Array, size: number, options: ForwardOptions = {}): Promise<Float32Array> {
    await this.activate();
    const training = options.training ?? false; // inference is the common use
    const dropoutSeed = training ? this.nextDropoutSeed() : 0;
    const logits = tf.tidy(() => {
      const x = imagesToInternal(images, size, this.graph.inputShape);
      return runGraph(this.graph, this.variables.parameter, x, { training, dropoutSeed });
    });
    try {
      return new Float32Array(await logits.data());
    } finally {
      logits.dispose();
    }
  }

  /**
   * The mean loss of a batch and its gradients (canonical layout); updates nothing.
   *
   * @example
   * const { loss, gradients } = await model.gradients(batch);
   */
  async gradients(batch: Batch): Promise<{ loss: number; gradients: WeightMap }> {
    await this.activate();
    const pass = batchPass(this.graph, this.variables, batch, 0, batch.size, this.nextDropoutSeed());
    try {
      const gradients: WeightMap = new Map();
      for (const parameter of this.graph.parameters.filter((p) => p.trainable)) {
        gradients.set(
          parameter.name,
          await toCanonical(pass.gradients.get(parameter.name)!, parameter.shape),
        );
      }
      return { loss: (await pass.loss.data())[0]!, gradients };
    } finally {
      pass.dispose();
    }
  }

  /**
   * One SGD step on a batch: gradients accumulated over its micro-batches, each micro-batch's BatchNorm running
   * statistics update in order, then the update.
   *
   * @example
   * const { loss, correct } = await model.trainStep(batch, { learningRate: 0.1, microBatchSize: 32 });
   */
  async trainStep(batch: Batch, options: TrainStepOptions): Promise<StepResult> {
    await this.activate();
    const plan = this.planStep(batch, options);
    const result = await this.accumulate(batch, plan, batch.size, (statistics) =>
      this.applyRunningStatistics(statistics),
    );
    try {
      this.applySgd(result.gradients, options.learningRate);
    } finally {
      result.dispose();
    }
    return { loss: result.loss, examples: batch.size, correct: result.correct };
  }

  /**
   * The micro-batches of a step, one training pass, and its step seed: `dropoutSeed`, else the pass's own
   * (`passDropoutSeed`). Every micro-batch (and every replica's slice of one) applies its example range of that
   * step's masks, so the masks depend neither on the micro-batch size nor on the thread count.
   *
   * @example
   * const plan = model.planStep(batch, { microBatchSize: 32, dropoutSeed: 7 });
   */
  planStep(batch: Batch, options: Pick<TrainStepOptions, 'microBatchSize' | 'dropoutSeed'>): MicroBatch[] {
    const passSeed = this.nextDropoutSeed(); // a step counts as a pass whether or not it brings its own seed
    return planMicroBatches(batch.size, options.microBatchSize, options.dropoutSeed ?? passSeed);
  }

  /**
   * Gradients of the micro-batches `plan` (indices into `batch`) summed with weights size / `total`; each
   * micro-batch's BatchNorm statistics go to `onStatistics` in order. Updates nothing. With `sliceOf`, this is one
   * replica of several sharing each micro-batch: it runs its slice of each (skipping those where it has none),
   * with BatchNorm statistics over the whole micro-batch and its share of the loss.
   *
   * @example
   * const result = await model.accumulate(batch, plan, batch.size, (statistics) => list.push(...statistics));
   * result.dispose();
   */
  accumulate(
    batch: Batch,
    plan: MicroBatch[],
    total: number,
    onStatistics: (statistics: NodeStatistics[]) => void,
    sliceOf?: (range: MicroBatch) => MicroBatchSlice | undefined,
  ): Promise<AccumulatedGradients> {
    const own = sliceOf ? plan.filter((range) => sliceOf(range) !== undefined) : plan;
    return accumulateMicroBatches(own, total, (range) => {
      const slice = sliceOf?.(range);
      const pass = slice
        ? batchPass(this.graph, this.variables, batch, slice.start, slice.end, range.seed, {
            microBatchSize: range.end - range.start,
            allReduce: slice.allReduce,
          })
        : batchPass(this.graph, this.variables, batch, range.start, range.end, range.seed);
      onStatistics([...pass.statistics].map(([node, statistics]) => ({ node: node.name, ...statistics })));
      return pass;
    });
  }

  /**
   * PyTorch's running-statistics update, in order, from batch statistics (tensors or host arrays).
   *
   * @example
   * model.applyRunningStatistics(statistics);
   */
  applyRunningStatistics(statistics: NodeStatistics[]): void {
    updateRunningStatistics(this.batchNorms, this.variables.parameter, statistics);
  }

  /**
   * The spec's SGD update of every trainable parameter from gradients in the internal layout.
   *
   * @example
   * model.applySgd(result.gradients, 0.1);
   */
  applySgd(gradients: Map<string, tf.Tensor>, learningRate: number): void {
    this.momentum.update(this.variables.trainable, gradients, learningRate);
  }

  /**
   * Internal-layout shape of a parameter.
   *
   * @example
   * const gradient = tf.tensor(data, model.internalShape('head.dense.weight'));
   */
  internalShape(name: string): number[] {
    return this.variables.internalShape(name);
  }

  /**
   * Every parameter in the canonical layout.
   *
   * @example
   * const weights = await model.getWeights();
   */
  async getWeights(): Promise<WeightMap> {
    await this.activate();
    return this.variables.read();
  }

  /**
   * Assigns the given parameters (canonical layout).
   *
   * @example
   * await model.setWeights(weights);
   */
  async setWeights(weights: WeightMap): Promise<void> {
    await this.activate();
    this.variables.assign(weights);
  }

  /**
   * The momentum buffers in the canonical layout.
   *
   * @example
   * const state = await model.getOptimizerState();
   */
  async getOptimizerState(): Promise<WeightMap> {
    await this.activate();
    return this.momentum.read(this.graph);
  }

  /**
   * Replaces the momentum buffers (canonical layout).
   *
   * @example
   * await model.setOptimizerState(state);
   */
  async setOptimizerState(state: WeightMap): Promise<void> {
    await this.activate();
    this.momentum.load(state);
  }

  /**
   * Drops the momentum buffers: the next step starts momentum afresh.
   *
   * @example
   * model.resetMomentum();
   */
  resetMomentum(): void {
    this.momentum.reset();
  }

  /**
   * Releases the variables and momentum buffers: the model is unusable afterwards. Disposing twice does nothing.
   *
   * @example
   * model.dispose();
   */
  dispose(): void {
    if (this.disposed) return;
    this.momentum.reset();
    this.variables.dispose();
    this.disposed = true;
  }
}

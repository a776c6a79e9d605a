import * as tf from '@tensorflow/tfjs';
import type { Batch, ForwardOptions, StepResult, TrainableExecutor, TrainStepOptions } from '@wrn/core';
import {
  deriveSeed,
  expandGraph,
  type BatchNormNode,
  type LayerGraph,
  type ModelSpec,
  type SgdSpec,
  type WeightMap,
} from '@wrn/spec';
import { runGraph } from './graph-interpreter.js';
import { imagesToInternal, toCanonical, toInternal } from './layout.js';
import {
  accumulateMicroBatches,
  planMicroBatches,
  type AccumulatedGradients,
  type MicroBatch,
  type MicroBatchSlice,
  type NodeStatistics,
} from './micro-batches.js';
import { sgdUpdate } from './sgd-update.js';
import { trainingPass, type PassSlice, type TrainingPass } from './training-pass.js';

/**
 * A {@link TrainableExecutor} on one tfjs backend: parameters live as tfjs variables in the internal layout (conv
 * HWIO, dense `[in, out]`), the graph is interpreted by {@link runGraph}, and the update is the spec's SGD rule.
 * Built by {@link createTfjsBackendRuntime}, which wraps it in the shared input checks of `@wrn/core`; it trusts
 * its inputs, so it is not constructed directly.
 *
 * @example
 * const executor = await runtime.compile(spec, { seed: 1 });
 * await executor.trainStep(batch, { learningRate: 0.1, microBatchSize: 32 });
 */
export class TfjsExecutor implements TrainableExecutor {
  readonly graph: LayerGraph;
  private readonly variables = new Map<string, tf.Variable>();
  private readonly trainable = new Map<string, tf.Variable>();
  private readonly batchNorms = new Map<string, BatchNormNode>();
  private momentum = new Map<string, tf.Tensor>();
  private passes = 0;
  private disposed = false;

  constructor(
    readonly spec: ModelSpec,
    private readonly backend: string,
    weights: WeightMap,
    private readonly optimizer: SgdSpec,
    private readonly seed: number,
  ) {
    this.graph = expandGraph(spec);
    for (const node of this.graph.nodes) if (node.op === 'batchNorm') this.batchNorms.set(node.name, node);
    for (const parameter of this.graph.parameters) {
      const initial = toInternal(weights.get(parameter.name)!);
      const variable = tf.variable(initial, parameter.trainable);
      initial.dispose();
      this.variables.set(parameter.name, variable);
      if (parameter.trainable) this.trainable.set(parameter.name, variable);
    }
  }

  private readonly parameter = (name: string): tf.Tensor => {
    const variable = this.variables.get(name);
    if (!variable) throw new Error(`internal: parameter '${name}' is not compiled`);
    return variable;
  };

  /** Makes this executor's backend the active one (tfjs has one active backend per process). */
  private async activate(): Promise<void> {
    if (tf.getBackend() !== this.backend && !(await tf.setBackend(this.backend))) {
      throw new Error(`tfjs backend '${this.backend}' failed to initialise`);
    }
  }

  private nextDropoutSeed(): number {
    return deriveSeed(this.seed, `dropout-pass-${this.passes++}`);
  }

  async forward(images: Float32Array, size: number, options: ForwardOptions = {}): Promise<Float32Array> {
    await this.activate();
    const training = options.training ?? false; // inference is the common use
    const dropoutSeed = training ? this.nextDropoutSeed() : 0;
    const logits = tf.tidy(() => {
      const x = imagesToInternal(images, size, this.graph.inputShape);
      return runGraph(this.graph, this.parameter, x, { training, dropoutSeed });
    });
    try {
      return new Float32Array(await logits.data());
    } finally {
      logits.dispose();
    }
  }

  async gradients(batch: Batch): Promise<{ loss: number; gradients: WeightMap }> {
    await this.activate();
    const pass = this.pass(batch, 0, batch.size, this.nextDropoutSeed());
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
   * The micro-batches of a step and their dropout seeds, drawn in order (a step seed makes them independent of
   * the executor's own counter). @internal (shared with the data-parallel executor)
   */
  planStep(batch: Batch, options: Pick<TrainStepOptions, 'microBatchSize' | 'dropoutSeed'>): MicroBatch[] {
    const stepSeed = options.dropoutSeed;
    return planMicroBatches(batch.size, options.microBatchSize, (start) =>
      stepSeed === undefined ? this.nextDropoutSeed() : deriveSeed(stepSeed, `micro-batch-${start}`),
    );
  }

  /**
   * Gradients of the micro-batches `plan` (indices into `batch`) summed with weights size / `total`; each
   * micro-batch's BatchNorm statistics go to `onStatistics` in order. Updates nothing. With `sliceOf`, this is one
   * replica of several sharing each micro-batch: it runs its slice of each (skipping those where it has none),
   * with BatchNorm statistics over the whole micro-batch and its share of the loss. @internal
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
        ? this.pass(batch, slice.start, slice.end, range.seed, {
            offset: slice.start - range.start,
            microBatchSize: range.end - range.start,
            allReduce: slice.allReduce,
          })
        : this.pass(batch, range.start, range.end, range.seed);
      onStatistics([...pass.statistics].map(([node, statistics]) => ({ node: node.name, ...statistics })));
      return pass;
    });
  }

  /** PyTorch's running-statistics update, in order, from batch statistics (tensors or host arrays). @internal */
  applyRunningStatistics(statistics: NodeStatistics[]): void {
    tf.tidy(() => {
      for (const { node: name, mean, variance, count } of statistics) {
        const node = this.batchNorms.get(name)!;
        // PyTorch: the running variance takes the unbiased batch variance (a single value has none: kept biased).
        const batchVariance = variance instanceof tf.Tensor ? variance : tf.tensor1d(variance);
        const unbiased = count > 1 ? tf.mul(batchVariance, count / (count - 1)) : batchVariance;
        const m = node.momentum;
        const runningMean = this.variables.get(node.runningMean)!;
        const runningVariance = this.variables.get(node.runningVar)!;
        runningMean.assign(tf.add(tf.mul(runningMean, 1 - m), tf.mul(mean, m)));
        runningVariance.assign(tf.add(tf.mul(runningVariance, 1 - m), tf.mul(unbiased, m)));
      }
    });
  }

  /** The spec's SGD update of every trainable parameter from gradients in the internal layout. @internal */
  applySgd(gradients: Map<string, tf.Tensor>, learningRate: number): void {
    for (const [name, variable] of this.trainable) {
      const next = sgdUpdate(
        variable,
        gradients.get(name)!,
        this.momentum.get(name),
        this.optimizer,
        learningRate,
      );
      this.momentum.get(name)?.dispose();
      if (next) this.momentum.set(name, next);
    }
  }

  /** Internal-layout shape of a parameter. @internal */
  internalShape(name: string): number[] {
    return this.parameter(name).shape;
  }

  /** One training pass over examples [start, end) of a batch (a slice of a shared micro-batch); updates nothing. */
  private pass(
    batch: Batch,
    start: number,
    end: number,
    dropoutSeed: number,
    slice?: PassSlice,
  ): TrainingPass {
    const pixels = batch.images.length / batch.size;
    const x = imagesToInternal(
      batch.images.subarray(start * pixels, end * pixels),
      end - start,
      this.graph.inputShape,
    );
    const labels = tf.tensor1d(batch.labels.subarray(start, end), 'int32');
    try {
      return trainingPass(this.graph, this.parameter, this.trainable, x, labels, dropoutSeed, slice);
    } finally {
      tf.dispose([x, labels]);
    }
  }

  resetMomentum(): void {
    tf.dispose([...this.momentum.values()]);
    this.momentum = new Map();
  }

  async getWeights(): Promise<WeightMap> {
    await this.activate();
    const weights: WeightMap = new Map();
    for (const parameter of this.graph.parameters) {
      weights.set(parameter.name, await toCanonical(this.variables.get(parameter.name)!, parameter.shape));
    }
    return weights;
  }

  async setWeights(weights: WeightMap): Promise<void> {
    await this.activate();
    for (const [name, tensor] of weights) {
      tf.tidy(() => this.variables.get(name)!.assign(toInternal(tensor)));
    }
  }

  async getOptimizerState(): Promise<WeightMap> {
    await this.activate();
    const state: WeightMap = new Map();
    for (const parameter of this.graph.parameters) {
      const buffer = this.momentum.get(parameter.name);
      if (buffer) state.set(parameter.name, await toCanonical(buffer, parameter.shape));
    }
    return state;
  }

  async setOptimizerState(state: WeightMap): Promise<void> {
    await this.activate();
    this.resetMomentum();
    for (const [name, tensor] of state) this.momentum.set(name, toInternal(tensor));
  }

  memory(): { tensors: number; bytes: number } {
    const { numTensors, numBytes } = tf.memory();
    return { tensors: numTensors, bytes: numBytes };
  }

  dispose(): void {
    if (this.disposed) return;
    this.resetMomentum();
    tf.dispose([...this.variables.values()]);
    this.variables.clear();
    this.trainable.clear();
    this.disposed = true;
  }
}

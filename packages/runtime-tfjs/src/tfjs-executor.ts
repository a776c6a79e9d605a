import * as tf from '@tensorflow/tfjs';
import type { Batch, ForwardOptions, StepResult, TrainableExecutor, TrainStepOptions } from '@wrn/core';
import type { LayerGraph, ModelSpec, SgdSpec, WeightMap } from '@wrn/spec';
import { TfjsModel } from './model/tfjs-model.js';

/**
 * A {@link TrainableExecutor} on one tfjs backend: the executor surface of a model whose parameters live as tfjs
 * variables in the internal layout (conv HWIO, dense `[in, out]`), whose graph is interpreted by {@link runGraph},
 * and whose update is the spec's SGD rule. Built by {@link createTfjsBackendRuntime}, which wraps it in the shared
 * input checks of `@wrn/core`; it trusts its inputs, so it is not constructed directly.
 *
 * @example
 * const executor = await runtime.compile(spec, { seed: 1 });
 * await executor.trainStep(batch, { learningRate: 0.1, microBatchSize: 32 });
 */
export class TfjsExecutor implements TrainableExecutor {
  private readonly model: TfjsModel;

  constructor(spec: ModelSpec, backend: string, weights: WeightMap, optimizer: SgdSpec, seed: number) {
    this.model = new TfjsModel(spec, backend, weights, optimizer, seed);
  }

  get spec(): ModelSpec {
    return this.model.spec;
  }

  /** The layer graph the model interprets (expanded from the spec). */
  get graph(): LayerGraph {
    return this.model.graph;
  }

  forward(images: Float32Array, size: number, options: ForwardOptions = {}): Promise<Float32Array> {
    return this.model.forward(images, size, options);
  }

  gradients(batch: Batch): Promise<{ loss: number; gradients: WeightMap }> {
    return this.model.gradients(batch);
  }

  trainStep(batch: Batch, options: TrainStepOptions): Promise<StepResult> {
    return this.model.trainStep(batch, options);
  }

  resetMomentum(): void {
    this.model.resetMomentum();
  }

  getWeights(): Promise<WeightMap> {
    return this.model.getWeights();
  }

  setWeights(weights: WeightMap): Promise<void> {
    return this.model.setWeights(weights);
  }

  getOptimizerState(): Promise<WeightMap> {
    return this.model.getOptimizerState();
  }

  setOptimizerState(state: WeightMap): Promise<void> {
    return this.model.setOptimizerState(state);
  }

  memory(): { tensors: number; bytes: number } {
    const { numTensors, numBytes } = tf.memory();
    return { tensors: numTensors, bytes: numBytes };
  }

  dispose(): void {
    this.model.dispose();
  }
}

import type { Batch, Executor, StepResult, TrainStepOptions } from '@wrn/core';
import type { ModelSpec, WeightMap } from '@wrn/spec';
import { assertWeightNames } from './check-weights.js';
import type { ReferenceModel } from './reference-model.js';
import { toFloat32, toFloat64 } from './tensor.js';

/**
 * The {@link Executor} face of a {@link ReferenceModel}: float32 in and out at the boundary, float64 inside.
 * `memory()` counts the tensors it holds (weights and momentum buffers), so leak checks have something to read.
 *
 * @example
 * const executor = new ReferenceExecutor(new ReferenceModel(spec, initWeights(spec, 0)));
 * const logits = await executor.forward(images, 1);
 */
export class ReferenceExecutor implements Executor {
  private disposed = false;

  constructor(private readonly model: ReferenceModel) {}

  get spec(): ModelSpec {
    return this.model.spec;
  }

  async forward(
    images: Float32Array,
    size: number,
    options: { training?: boolean } = {},
  ): Promise<Float32Array> {
    return Float32Array.from(this.live().forward(images, size, options).data);
  }

  async gradients(batch: Batch): Promise<{ loss: number; gradients: WeightMap }> {
    const { loss, gradients } = this.live().gradients(batch);
    return { loss, gradients: toFloat32(gradients) };
  }

  async trainStep(batch: Batch, options: TrainStepOptions): Promise<StepResult> {
    if (!Number.isFinite(options.learningRate) || options.learningRate < 0) {
      throw new RangeError(`learningRate must be a finite number >= 0, got ${options.learningRate}`);
    }
    return this.live().trainStep(batch, options);
  }

  resetMomentum(): void {
    this.live().resetMomentum();
  }

  async getWeights(): Promise<WeightMap> {
    return toFloat32(this.live().weights);
  }

  async setWeights(weights: WeightMap): Promise<void> {
    this.live().setWeights(weights);
  }

  async getOptimizerState(): Promise<WeightMap> {
    return toFloat32(this.live().momentumBuffers);
  }

  async setOptimizerState(state: WeightMap): Promise<void> {
    const model = this.live();
    if (state.size > 0) assertWeightNames(model.graph, state, 'reference setOptimizerState', 'trainable');
    model.momentumBuffers = toFloat64(state);
  }

  memory(): { tensors: number; bytes: number } | undefined {
    const tensors = [...this.model.weights.values(), ...this.model.momentumBuffers.values()];
    return {
      tensors: tensors.length,
      bytes: tensors.reduce((sum, tensor) => sum + tensor.data.byteLength, 0),
    };
  }

  dispose(): void {
    this.disposed = true;
    this.model.weights = new Map();
    this.model.momentumBuffers = new Map();
  }

  private live(): ReferenceModel {
    if (this.disposed) throw new Error('reference executor: used after dispose(); compile a new one');
    return this.model;
  }
}

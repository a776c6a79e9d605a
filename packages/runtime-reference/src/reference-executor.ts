import type { Batch, ForwardOptions, StepResult, TrainableExecutor, TrainStepOptions } from '@wrn/core';
import type { ModelSpec, WeightMap } from '@wrn/spec';
import type { ReferenceModel } from './reference-model.js';
import { toFloat32, toFloat64 } from './tensor.js';

/**
 * The {@link TrainableExecutor} face of a {@link ReferenceModel}: float32 in and out at the boundary, float64 inside.
 * `memory()` counts the tensors it holds (weights and momentum buffers), so leak checks have something to read.
 * It trusts its inputs: `createReferenceRuntime` wraps it in the shared checks of `@wrn/core`.
 *
 * @example
 * const executor = new ReferenceExecutor(new ReferenceModel(spec, initWeights(spec, 0)));
 * const logits = await executor.forward(images, 1);
 */
export class ReferenceExecutor implements TrainableExecutor {
  constructor(private readonly model: ReferenceModel) {}

  get spec(): ModelSpec {
    return this.model.spec;
  }

  async forward(images: Float32Array, size: number, options: ForwardOptions = {}): Promise<Float32Array> {
    return Float32Array.from(this.model.forward(images, size, options).data);
  }

  async gradients(batch: Batch): Promise<{ loss: number; gradients: WeightMap }> {
    const { loss, gradients } = this.model.gradients(batch);
    return { loss, gradients: toFloat32(gradients) };
  }

  async trainStep(batch: Batch, options: TrainStepOptions): Promise<StepResult> {
    return this.model.trainStep(batch, options);
  }

  resetMomentum(): void {
    this.model.resetMomentum();
  }

  async getWeights(): Promise<WeightMap> {
    return toFloat32(this.model.weights);
  }

  async setWeights(weights: WeightMap): Promise<void> {
    this.model.setWeights(weights);
  }

  async getOptimizerState(): Promise<WeightMap> {
    return toFloat32(this.model.momentumBuffers);
  }

  async setOptimizerState(state: WeightMap): Promise<void> {
    this.model.momentumBuffers = toFloat64(state);
  }

  memory(): { tensors: number; bytes: number } {
    const tensors = [...this.model.weights.values(), ...this.model.momentumBuffers.values()];
    return {
      tensors: tensors.length,
      bytes: tensors.reduce((sum, tensor) => sum + tensor.data.byteLength, 0),
    };
  }

  dispose(): void {
    this.model.weights = new Map();
    this.model.momentumBuffers = new Map();
  }
}

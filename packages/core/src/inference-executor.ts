import type { ModelSpec, WeightMap } from '@wrn/spec';

/**
 * A compiled network that runs inference: eval-mode forward passes and weight reads and writes. Every method that
 * touches device memory is asynchronous (WebGPU reads are). Weight maps use the canonical PyTorch names and layouts
 * and include BatchNorm running statistics.
 *
 * @example
 * const executor: InferenceExecutor = await runtime.compile(spec);
 * const logits = await executor.forward(images, batchSize); // eval mode, Float32Array [n, classes]
 * executor.dispose();
 */
export interface InferenceExecutor {
  readonly spec: ModelSpec;
  /** Eval-mode logits `[n, classes]` of `size` normalised NCHW images. */
  forward(images: Float32Array, size: number): Promise<Float32Array>;
  getWeights(): Promise<WeightMap>;
  /** Replaces every parameter and running statistic; the map must hold exactly the spec's parameters. */
  setWeights(weights: WeightMap): Promise<void>;
  /** Live tensors and bytes held by the runtime; present exactly where `capabilities.reportsMemory`. */
  memory?(): { tensors: number; bytes: number };
  /** Frees what the executor holds; any later call throws. Calling it twice is harmless. */
  dispose(): void;
}

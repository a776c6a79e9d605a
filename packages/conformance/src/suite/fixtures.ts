import type { Batch } from '@wrn/core';
import {
  deriveSeed,
  expandGraph,
  initWeights,
  Random,
  type ModelSpec,
  type SgdSpec,
  type WeightMap,
} from '@wrn/spec';

/**
 * The SGD settings every training case compiles with: Nesterov as in the paper, but weight decay 100 times the
 * paper's 5e-4 so that a missing or misplaced decay term moves weights by more than a float32 tolerance.
 *
 * @example
 * await runtime.compile(spec, { weights, optimizer: CONFORMANCE_OPTIMIZER });
 */
export const CONFORMANCE_OPTIMIZER: SgdSpec = {
  type: 'sgd',
  learningRate: 0.1, // the paper's rate; the cases pass their own per step
  momentum: 0.9, // the paper's momentum
  nesterov: true, // the paper's update
  dampening: 0, // PyTorch's default and the only value Nesterov allows
  weightDecay: 0.05, // large on purpose: the decay term must be visible above 1e-4
};

/**
 * The batch and base rate of the cases that compare a runtime with the reference after several steps or over
 * micro-batches. At the matrix's batches (1 and 3) and the paper's rate 0.1, BatchNorm over a few values per channel
 * (2x2 planes) makes the trajectory chaotic: nudging the initial weights of the float64 reference by a relative 1e-6
 * moves its weights after 4 steps by up to 6.7e-3, so float32 rounding alone can miss 1e-4. A batch of 8 at rate 0.01
 * keeps every entry's trajectory smooth, and a wrong update rule still moves weights by more than 1e-4.
 *
 * @example
 * conformanceBatch(spec, MULTI_STEP.batchSize, seed);
 */
export const MULTI_STEP = {
  batchSize: 8, // BatchNorm over at least 32 values per channel on the 8x8 entries' 2x2 planes
  microBatchSize: 4, // two micro-batches of 4: an even split, each well-conditioned on its own
  learningRate: 0.01, // steps small enough that 4 of them stay in the region where the loss is smooth
} as const;

/**
 * Weights for a case: `initWeights(spec, seed)` with every BatchNorm weight, bias and running statistic and every
 * conv/dense bias moved away from its initial 1 or 0, so that a BatchNorm or bias bug shows in the logits.
 *
 * @example
 * const weights = conformanceWeights(spec, 7);
 * weights.get('head.bn.running_var')?.data[0]; // somewhere in [0.25, 1.25), not 1
 */
export function conformanceWeights(spec: ModelSpec, seed: number): WeightMap {
  const weights = initWeights(spec, seed);
  for (const parameter of expandGraph(spec).parameters) {
    const random = new Random(deriveSeed(seed, `perturb:${parameter.name}`));
    const data = weights.get(parameter.name)!.data;
    const suffix = parameter.name.slice(parameter.name.lastIndexOf('.') + 1);
    for (let index = 0; index < data.length; index++) {
      if (suffix === 'running_var') data[index] = 0.25 + random.uniform();
      else if (parameter.init === 'ones')
        data[index] = 0.5 + random.uniform(); // BatchNorm weight
      else if (parameter.init === 'zeros') data[index] = 0.2 * random.normal(); // biases and running means
    }
  }
  return weights;
}

/**
 * A batch of standard-normal images (already "normalised") and uniform labels, reproducible from the seed.
 *
 * @example
 * const batch = conformanceBatch(spec, 3, 1); // batch.images.length === 3 * 3 * 32 * 32
 */
export function conformanceBatch(spec: ModelSpec, size: number, seed: number): Batch {
  const random = new Random(deriveSeed(seed, 'batch'));
  const { channels, height, width } = spec.input;
  const images = new Float32Array(size * channels * height * width);
  for (let index = 0; index < images.length; index++) images[index] = random.normal();
  const labels = Int32Array.from({ length: size }, () => random.integer(spec.numClasses));
  return { images, labels, size };
}

/**
 * The spec with dropout off, for value-by-value comparisons in training mode (runtimes draw their own masks).
 *
 * @example
 * withoutDropout(spec).dropout; // 0
 */
export function withoutDropout(spec: ModelSpec): ModelSpec {
  return { ...spec, dropout: 0 };
}

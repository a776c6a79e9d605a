import type { Batch } from '@wrn/core';
import { Random, type ModelSpec } from '@wrn/spec';

/**
 * A batch of standard-normal images and uniform labels for the spec's input, reproducible from the seed (the
 * conformance suite's `conformanceBatch` lives in @wrn/conformance, which depends on this package).
 *
 * @example
 * const batch = randomBatch(spec, 3, 2); // batch.images.length === 3 * 3 * 8 * 8 for an 8x8 spec
 */
export function randomBatch(spec: ModelSpec, size: number, seed: number): Batch {
  const random = new Random(seed);
  const { channels, height, width } = spec.input;
  const images = Float32Array.from({ length: size * channels * height * width }, () => random.normal());
  const labels = Int32Array.from({ length: size }, () => random.integer(spec.numClasses));
  return { images, labels, size };
}

import type { Batch } from '@wrn/core';
import type { ModelSpec } from '@wrn/spec';
import { rgbaToInput } from './pixels.js';
import { syntheticImage } from './synthetic-images.js';

/**
 * A training batch of synthetic images for `spec`: example i has class `i % classes`, drawn with seed `seed + i`.
 *
 * @example
 * const batch = syntheticBatch(spec, 16, 1);
 * await executor.trainStep(batch, { learningRate: 0.05 });
 */
export function syntheticBatch(spec: ModelSpec, size: number, seed: number): Batch {
  const { channels, height, width } = spec.input;
  if (channels !== 3 || height !== 32 || width !== 32) {
    throw new RangeError(`synthetic images are 32x32 RGB; this model wants ${height}x${width}x${channels}`);
  }
  const images = new Float32Array(size * channels * height * width);
  const labels = new Int32Array(size);
  for (let index = 0; index < size; index++) {
    const label = index % spec.numClasses;
    labels[index] = label;
    rgbaToInput(
      syntheticImage(label, spec.numClasses, seed + index),
      spec,
      images,
      index * channels * height * width,
    );
  }
  return { images, labels, size };
}

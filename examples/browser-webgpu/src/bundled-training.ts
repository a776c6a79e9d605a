import type { Batch } from '@wrn/core';
import { paperRecipe, type ModelSpec, type TrainingRecipe } from '@wrn/spec';
import type { TrainingData } from '@wrn/train';
import type { LabelledImage } from './bundle.js';
import { imagesToInput } from './bundle-predictions.js';

/**
 * Training data of one epoch of `steps` batches of `size` of the bundled images, taken in their order and wrapping
 * around: step s trains on images s * size ... s * size + size - 1 (modulo their number), so every image is used and
 * each is seen again once the others have been.
 *
 * @example
 * const data = cyclingBatches(bundle.images, spec, 8, 5);
 */
export function cyclingBatches(
  images: readonly LabelledImage[],
  spec: ModelSpec,
  size: number,
  steps: number,
): TrainingData {
  for (const [name, value] of Object.entries({ size, steps })) {
    if (!Number.isInteger(value) || value < 1)
      throw new RangeError(`${name} must be an integer >= 1, got ${value}`);
  }
  if (images.length === 0) throw new RangeError('no images to train on');
  const batchAt = (step: number): Batch => {
    const chosen = Array.from({ length: size }, (_, k) => images[(step * size + k) % images.length]!);
    return {
      images: imagesToInput(chosen, spec),
      labels: Int32Array.from(chosen, (image) => image.label),
      size,
    };
  };
  return {
    batchesPerEpoch: steps,
    async *batches(_epoch, startBatch) {
      for (let step = startBatch; step < steps; step++) yield batchAt(step);
    },
  };
}

/**
 * The paper's SGD (Nesterov momentum 0.9, weight decay 5e-4) at a constant `learningRate` for one epoch of batches
 * of `batchSize`: the page's few steps have no schedule to follow and no augmentation to apply.
 *
 * @example
 * const recipe = pageRecipe(0.01, 8);
 */
export function pageRecipe(learningRate: number, batchSize: number): TrainingRecipe {
  const paper = paperRecipe();
  return paperRecipe({
    optimizer: { ...paper.optimizer, learningRate },
    schedule: { ...paper.schedule, milestones: [] },
    batchSize,
    epochs: 1,
    augmentation: { crop: null, horizontalFlip: 0 },
  });
}

import type { Batch } from '@wrn/core';
import { paperRecipe, type TrainingRecipe } from '@wrn/spec';
import type { TrainingData } from '@wrn/train';

/**
 * Training data of one epoch of `steps` steps, each on the same `batch`, so a few steps visibly lower its loss.
 *
 * @example
 * const data = repeatedBatch(syntheticBatch(spec, 8, 1000), 5);
 */
export function repeatedBatch(batch: Batch, steps: number): TrainingData {
  if (!Number.isInteger(steps) || steps < 1)
    throw new RangeError(`steps must be an integer >= 1, got ${steps}`);
  return {
    batchesPerEpoch: steps,
    async *batches(_epoch, startBatch) {
      for (let step = startBatch; step < steps; step++) yield batch;
    },
  };
}

/**
 * The paper's SGD (Nesterov momentum 0.9, weight decay 5e-4) at a constant `learningRate` for one epoch of batches
 * of `batchSize`: the page's few steps have no schedule to follow and no augmentation to apply.
 *
 * @example
 * const recipe = pageRecipe(0.05, 8);
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

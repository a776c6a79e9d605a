import { createBatchStream, evaluationBatches, type Dataset } from '@wrn/data';
import type { ModelSpec, TrainingRecipe } from '@wrn/spec';
import type { EvaluationData, TrainingData } from './training-data.js';

/**
 * The training split of an in-memory dataset, batched, shuffled and augmented per the recipe; epoch e's batches
 * derive from (seed, e) alone, so a resumed epoch replays exactly.
 *
 * @example
 * const data = trainingData(trainSet, { spec, recipe, seed: 1 });
 */
export function trainingData(
  dataset: Dataset,
  options: { spec: ModelSpec; recipe: TrainingRecipe; seed: number },
): TrainingData {
  const { spec, recipe, seed } = options;
  const stream = (epoch: number, startBatch: number) =>
    createBatchStream({
      dataset,
      batchSize: recipe.batchSize,
      seed,
      epoch,
      startBatch,
      augmentation: recipe.augmentation,
      normalization: spec.input,
      dropLast: recipe.dropLast,
    });
  const batchesPerEpoch = stream(0, 0).batchCount;
  if (batchesPerEpoch === 0) {
    throw new RangeError(
      `the training split has ${dataset.labels.length} images, fewer than one batch of ${recipe.batchSize}; lower --batch-size`,
    );
  }
  return { batchesPerEpoch, batches: stream };
}

/**
 * The evaluation split of an in-memory dataset: file order, no augmentation, every example.
 *
 * @example
 * const test = evaluationData(testSet, { spec, batchSize: 200 });
 */
export function evaluationData(
  dataset: Dataset,
  options: { spec: ModelSpec; batchSize: number },
): EvaluationData {
  return {
    size: dataset.labels.length,
    batches: () =>
      evaluationBatches(dataset, { batchSize: options.batchSize, normalization: options.spec.input }),
  };
}

import type { Batch } from '@wrn/core';

/**
 * The training split as the loop needs it: epoch e's batches from batch `startBatch` on, reproducible from
 * (seed, epoch) alone so an interrupted epoch can be replayed exactly on resume.
 *
 * @example
 * const data: TrainingData = {
 *   batchesPerEpoch: 39,
 *   batches: (epoch, startBatch) => createBatchStream({ dataset, epoch, startBatch, seed: 1, ... }),
 * };
 */
export interface TrainingData {
  batchesPerEpoch: number;
  batches(epoch: number, startBatch: number): AsyncIterable<Batch>;
}

/**
 * The evaluation split: un-augmented batches in a fixed order.
 *
 * @example
 * const test: EvaluationData = { size: 1000, batches: () => createBatchStream({ dataset: testSet, ... }) };
 */
export interface EvaluationData {
  size: number;
  batches(): AsyncIterable<Batch>;
}

import type { Batch } from '@wrn/core';

/**
 * Checks a step's learning rate: a finite number >= 0.
 *
 * @example
 * checkLearningRate(0.1); // ok
 */
export function checkLearningRate(learningRate: number): void {
  if (typeof learningRate !== 'number' || !Number.isFinite(learningRate) || learningRate < 0) {
    throw new RangeError(`learningRate must be a finite number >= 0, got ${String(learningRate)}`);
  }
}

/**
 * Checks a batch's types, sizes and labels. @internal
 *
 * @example
 * checkBatch(batch, spec.numClasses); // throws a RangeError naming a bad label
 */
export function checkBatch(batch: Batch, classes: number): void {
  if (!batch || !(batch.images instanceof Float32Array) || !(batch.labels instanceof Int32Array)) {
    throw new TypeError('batch must be { images: Float32Array (NCHW), labels: Int32Array, size }');
  }
  if (!Number.isInteger(batch.size) || batch.size < 1 || batch.labels.length !== batch.size) {
    throw new RangeError(
      `batch.size (${batch.size}) must be an integer >= 1 equal to labels.length (${batch.labels.length})`,
    );
  }
  const bad = batch.labels.findIndex((label) => label < 0 || label >= classes);
  if (bad >= 0)
    throw new RangeError(`batch.labels[${bad}] = ${batch.labels[bad]} is outside [0, ${classes - 1}]`);
}

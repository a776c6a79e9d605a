import type { ModelSpec } from '@wrn/spec';
import type { Batch } from './batch.js';

/**
 * Lists the problems of `size` NCHW images for a spec: a size that is not an integer >= 1, data that is not a
 * Float32Array, or a length other than `size * channels * height * width`.
 *
 * @example
 * findImageProblems(spec, new Float32Array(10), 1); // ['images has 10 values for size 1; expected 3072 (NCHW [1, 3, 32, 32])']
 */
export function findImageProblems(spec: ModelSpec, images: unknown, size: unknown): string[] {
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) {
    return [`size must be an integer >= 1, got ${String(size)}`];
  }
  if (!(images instanceof Float32Array)) {
    return [
      `images must be a Float32Array (NCHW), got ${(images as object | undefined)?.constructor?.name ?? typeof images}`,
    ];
  }
  const { channels, height, width } = spec.input;
  const expected = size * channels * height * width;
  if (images.length === expected) return [];
  return [
    `images has ${images.length} values for size ${size}; expected ${expected} (NCHW [${size}, ${channels}, ${height}, ${width}])`,
  ];
}

/**
 * Lists the problems of a training batch for a spec: its images (as {@link findImageProblems}), labels that are
 * not an Int32Array of `size` entries, and labels outside `[0, numClasses - 1]` (the first one).
 *
 * @example
 * findBatchProblems(spec, { images, labels: new Int32Array([10]), size: 1 }); // ['batch.labels[0] is 10, outside [0, 9]']
 */
export function findBatchProblems(spec: ModelSpec, batch: Batch): string[] {
  if (typeof batch !== 'object' || batch === null)
    return [`batch must be { images, labels, size }, got ${String(batch)}`];
  const problems = findImageProblems(spec, batch.images, batch.size).map((line) => `batch.${line}`);
  const labels: unknown = batch.labels;
  if (!(labels instanceof Int32Array)) {
    problems.push(
      `batch.labels must be an Int32Array, got ${(labels as object | undefined)?.constructor?.name ?? typeof labels}`,
    );
    return problems;
  }
  if (labels.length !== batch.size) {
    problems.push(
      `batch.labels has ${labels.length} entries for batch.size ${String(batch.size)}; expected one per image`,
    );
  }
  const bad = labels.findIndex((label) => label < 0 || label >= spec.numClasses);
  if (bad >= 0) problems.push(`batch.labels[${bad}] is ${labels[bad]}, outside [0, ${spec.numClasses - 1}]`);
  return problems;
}

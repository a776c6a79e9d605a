/**
 * A labelled image dataset held in memory: 8-bit pixels, CHW per image, images one after another.
 * `images.length === count * channels * height * width` and every label is in `[0, classNames.length)`.
 *
 * @example
 * const dataset: Dataset = {
 *   images: new Uint8Array(2 * 3 * 32 * 32), labels: new Int32Array([0, 1]), count: 2,
 *   channels: 3, height: 32, width: 32, classNames: ['cat', 'dog'],
 * };
 */
export interface Dataset {
  /** Pixels 0..255, `[count, channels, height, width]` (CHW per image, as the CIFAR binaries store them). */
  images: Uint8Array;
  /** Integer class per image. */
  labels: Int32Array;
  count: number;
  channels: number;
  height: number;
  width: number;
  classNames: string[];
  /** Where the data came from (file paths), for messages and logs; absent for in-memory datasets. */
  sources?: string[];
}

/**
 * Checks a dataset's shape and labels, throwing a `RangeError` that names the first problem.
 *
 * @example
 * validateDataset(dataset); // returns the same dataset when it is consistent
 */
export function validateDataset(dataset: Dataset): Dataset {
  const { count, channels, height, width } = dataset;
  for (const [name, value] of Object.entries({ count, channels, height, width })) {
    if (!Number.isInteger(value) || value < (name === 'count' ? 0 : 1)) {
      throw new RangeError(`dataset.${name} must be a positive integer, got ${value}`);
    }
  }
  const imageSize = channels * height * width;
  if (dataset.images.length !== count * imageSize) {
    throw new RangeError(
      `dataset.images has ${dataset.images.length} bytes but count x channels x height x width = ${count * imageSize}; ` +
        'fix the count or the image shape',
    );
  }
  if (dataset.labels.length !== count) {
    throw new RangeError(`dataset.labels has ${dataset.labels.length} entries but dataset.count is ${count}`);
  }
  const classes = dataset.classNames.length;
  if (classes < 1) throw new RangeError('dataset.classNames is empty; a dataset needs at least one class');
  for (let index = 0; index < count; index++) {
    const label = dataset.labels[index]!;
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new RangeError(
        `dataset.labels[${index}] is ${label}, outside [0, ${classes}) for ${classes} class names`,
      );
    }
  }
  return dataset;
}

/**
 * The bytes of image `index` (a view, not a copy).
 *
 * @example
 * const pixels = imageAt(dataset, 0); // Uint8Array of channels * height * width
 */
export function imageAt(dataset: Dataset, index: number): Uint8Array {
  if (!Number.isInteger(index) || index < 0 || index >= dataset.count) {
    throw new RangeError(`image index must be an integer in [0, ${dataset.count}), got ${index}`);
  }
  const size = dataset.channels * dataset.height * dataset.width;
  return dataset.images.subarray(index * size, (index + 1) * size);
}

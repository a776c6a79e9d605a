import { deriveSeed, Random } from '@wrn/spec';

/**
 * The seed of epoch `epoch`'s shuffle. Every random choice of the pipeline derives from (seed, epoch) or
 * (seed, epoch, batch) through these functions, never from call order or worker scheduling.
 *
 * @example
 * epochSeed(0, 3); // a fixed 32-bit integer
 */
export function epochSeed(seed: number, epoch: number): number {
  return deriveSeed(seed, `wrn-data/epoch/${epoch}`);
}

/**
 * The seed of the augmentation draws of batch `batch` in epoch `epoch`.
 *
 * @example
 * batchSeed(0, 3, 17); // a fixed 32-bit integer
 */
export function batchSeed(seed: number, epoch: number, batch: number): number {
  return deriveSeed(seed, `wrn-data/epoch/${epoch}/batch/${batch}`);
}

/**
 * The order in which epoch `epoch` visits the examples: a Fisher-Yates shuffle seeded by {@link epochSeed}, or
 * `0..count-1` without shuffling.
 *
 * @example
 * epochOrder(5, { seed: 1, epoch: 0, shuffle: true }); // a permutation of 0..4
 */
export function epochOrder(
  count: number,
  options: { seed: number; epoch: number; shuffle: boolean },
): Int32Array {
  const order = new Int32Array(count);
  for (let index = 0; index < count; index++) order[index] = index;
  if (!options.shuffle) return order;
  const random = new Random(epochSeed(options.seed, options.epoch));
  for (let index = count - 1; index > 0; index--) {
    const other = random.integer(index + 1);
    const value = order[index]!;
    order[index] = order[other]!;
    order[other] = value;
  }
  return order;
}

/**
 * Number of batches in one epoch: `floor(count / batchSize)` with drop-last, else `ceil(count / batchSize)`.
 *
 * @example
 * batchesPerEpoch(50000, 128, true); // 390
 */
export function batchesPerEpoch(count: number, batchSize: number, dropLast: boolean): number {
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be an integer >= 1, got ${batchSize}`);
  return dropLast ? Math.floor(count / batchSize) : Math.ceil(count / batchSize);
}

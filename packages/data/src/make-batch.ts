import type { AugmentationSpec } from '@wrn/spec';
import { Random } from '@wrn/spec';
import {
  compilePipeline,
  drawAugmentation,
  writeExample,
  type CompiledPipeline,
  type Layout,
} from './augment.js';
import type { Dataset } from './dataset.js';
import { batchesPerEpoch, batchSeed, epochOrder } from './epoch-plan.js';
import type { Normalization } from './normalization.js';

/**
 * A batch in the @wrn/core `Batch` shape: normalised float images (NCHW unless asked otherwise) and labels.
 *
 * @example
 * const batch: Batch = makeBatch({ ...options, batchIndex: 0 });
 */
export interface Batch {
  images: Float32Array;
  labels: Int32Array;
  size: number;
}

/**
 * What defines an epoch's batches. Everything is a pure function of these values, so a run resumed from
 * (seed, epoch, batch) replays exactly the same examples and augmentations.
 *
 * @example
 * const options: BatchOptions = {
 *   dataset, batchSize: 128, seed: 0, epoch: 0, augmentation: paperRecipe().augmentation,
 *   normalization: spec.input, dropLast: true,
 * };
 */
export interface BatchOptions {
  dataset: Dataset;
  batchSize: number;
  /** Seed of the whole run; default 0 (a fixed seed keeps unseeded runs reproducible). */
  seed?: number;
  /** 0-indexed epoch; default 0 (the first epoch). */
  epoch?: number;
  /** Crop/flip settings (the recipe's `augmentation`), or `null` for evaluation. */
  augmentation: AugmentationSpec | null;
  /** Per-channel mean/std (the model's `spec.input`), or `null` to only scale pixels to [0, 1]. */
  normalization: Normalization;
  /** Default 'NCHW', the @wrn/core canonical layout. */
  layout?: Layout;
  /** Default false, so evaluation sees every example; training passes the recipe's `dropLast`. */
  dropLast?: boolean;
  /** Default true (training order); pass false for evaluation in file order. */
  shuffle?: boolean;
}

/**
 * Resolved options plus the tables shared by every batch of a stream.
 *
 * @example
 * const plan: EpochPlan = planEpoch(options);
 * plan.order; // the epoch's example order
 */
export interface EpochPlan {
  dataset: Dataset;
  batchSize: number;
  seed: number;
  epoch: number;
  batchCount: number;
  order: Int32Array;
  pipeline: CompiledPipeline;
}

/**
 * Resolves {@link BatchOptions} once: the epoch's order, its batch count and the compiled pipeline.
 *
 * @example
 * const plan = planEpoch(options);
 * plan.batchCount; // 390 for 50,000 images in batches of 128 with drop-last
 */
export function planEpoch(options: BatchOptions): EpochPlan {
  const { dataset, batchSize } = options;
  const seed = options.seed ?? 0; // a fixed seed keeps unseeded runs reproducible
  const epoch = options.epoch ?? 0; // the first epoch
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new RangeError(`seed must be an integer in [0, 4294967295], got ${seed}`);
  if (!Number.isInteger(epoch) || epoch < 0)
    throw new RangeError(`epoch must be an integer >= 0, got ${epoch}`);
  const dropLast = options.dropLast ?? false; // evaluation must see every example
  const shuffle = options.shuffle ?? true; // training order by default
  const batchCount = batchesPerEpoch(dataset.count, batchSize, dropLast);
  const order = epochOrder(dataset.count, { seed, epoch, shuffle });
  const layout = options.layout ?? 'NCHW'; // the @wrn/core canonical layout
  const pipeline = compilePipeline(dataset, options.augmentation, options.normalization, layout);
  return { dataset, batchSize, seed, epoch, batchCount, order, pipeline };
}

/**
 * Builds batch `batchIndex` of a planned epoch. Its examples are `order[batchIndex * batchSize ...]` and its
 * augmentation draws come from `Random(batchSeed(seed, epoch, batchIndex))`, example by example.
 *
 * @example
 * const plan = planEpoch(options);
 * const batch = batchFromPlan(plan, 0);
 */
export function batchFromPlan(plan: EpochPlan, batchIndex: number): Batch {
  if (!Number.isInteger(batchIndex) || batchIndex < 0 || batchIndex >= plan.batchCount) {
    throw new RangeError(`batch index must be an integer in [0, ${plan.batchCount}), got ${batchIndex}`);
  }
  const start = batchIndex * plan.batchSize;
  const indices = plan.order.subarray(start, Math.min(start + plan.batchSize, plan.dataset.count));
  return fillBatch(
    plan.pipeline,
    plan.dataset.images,
    plan.dataset.labels,
    indices,
    batchSeed(plan.seed, plan.epoch, batchIndex),
  );
}

/**
 * The kernel shared by the main thread and the workers: gathers `indices`, draws their augmentations from
 * `Random(seed)` and writes a fresh batch.
 *
 * @example
 * const batch = fillBatch(pipeline, dataset.images, dataset.labels, Int32Array.of(4, 2), 123);
 */
export function fillBatch(
  pipeline: CompiledPipeline,
  images: Uint8Array,
  labels: ArrayLike<number>,
  indices: Int32Array,
  seed: number,
): Batch {
  const size = indices.length;
  const output = new Float32Array(size * pipeline.channels * pipeline.outputHeight * pipeline.outputWidth);
  const batchLabels = new Int32Array(size);
  const random = new Random(seed);
  for (let slot = 0; slot < size; slot++) {
    const index = indices[slot]!;
    batchLabels[slot] = labels[index]!;
    writeExample(pipeline, images, index, drawAugmentation(pipeline, random), output, slot);
  }
  return { images: output, labels: batchLabels, size };
}

/**
 * Builds one batch synchronously from the options alone: "epoch e, batch b" for any (seed, e, b). Streams reuse
 * one {@link planEpoch}; this convenience plans the epoch on each call.
 *
 * @example
 * const batch = makeBatch({ ...options, epoch: 3, batchIndex: 17 });
 * batch.images.length; // 128 * 3 * 32 * 32
 */
export function makeBatch(options: BatchOptions & { batchIndex: number }): Batch {
  return batchFromPlan(planEpoch(options), options.batchIndex);
}

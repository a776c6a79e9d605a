import type { AugmentationSpec } from '@wrn/spec';
import type { Layout } from './augment.js';
import type { Batch } from './make-batch.js';
import type { Normalization } from './normalization.js';

/** What every batch worker receives once: the shared dataset and the pipeline settings. @example const setup: WorkerSetup = { images, labels, shape, augmentation, normalization, layout: 'NCHW' }; */
export interface WorkerSetup {
  images: Uint8Array;
  labels: Int32Array;
  shape: { channels: number; height: number; width: number };
  augmentation: AugmentationSpec | null;
  normalization: Normalization;
  layout: Layout;
}

/** One batch to build: its examples and the seed of its augmentation draws. @example const task: BatchTask = { id: 0, indices: Int32Array.of(3, 1), seed: 42 }; */
export interface BatchTask {
  id: number;
  indices: Int32Array;
  seed: number;
}

/** A built batch, tagged with its task id. @example const result: BatchResult = { id: 0, ...batch }; */
export interface BatchResult extends Batch {
  id: number;
}

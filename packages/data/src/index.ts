// Browser-safe entry: the dataset model, CIFAR byte decoding, augmentation, normalisation and batching.
// File readers, download and worker threads live in '@wrn/data/node'.
export { imageAt, validateDataset, type Dataset } from './dataset.js';
export {
  CIFAR_IMAGE_BYTES,
  CIFAR_IMAGE_SHAPE,
  decodeCifarFiles,
  encodeCifarRecords,
  parseLabelNames,
  type CifarRecordFormat,
  type NamedBytes,
} from './cifar-format.js';
export { normalizationTable, type Normalization } from './normalization.js';
export {
  compilePipeline,
  drawAugmentation,
  writeExample,
  type AugmentationDraw,
  type CompiledPipeline,
  type Layout,
} from './augment.js';
export { batchesPerEpoch, batchSeed, epochOrder, epochSeed } from './epoch-plan.js';
export {
  batchFromPlan,
  fillBatch,
  makeBatch,
  planEpoch,
  type Batch,
  type BatchOptions,
  type EpochPlan,
} from './make-batch.js';
export { createBatchStream, evaluationBatches, type BatchStreamOptions } from './batch-stream.js';
export { generateSyntheticDataset, type SyntheticOptions } from './synthetic.js';
export { resizeBilinear } from './resize.js';
export { TarParser, type TarEntry, type TarHandlers } from './tar-parser.js';

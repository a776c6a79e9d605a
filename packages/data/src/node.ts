// Node-only entry: file readers, verified download, safe extraction, synthetic files and worker threads.
export * from './index.js';
export { readCifar10, type Cifar10ReadOptions } from './reader-cifar10.js';
export { readCifar100, type Cifar100ReadOptions } from './reader-cifar100.js';
export { IMAGE_EXTENSIONS, readImageFolder, type ImageFolderOptions } from './image-folder.js';
export { decodeImage } from './decode-image.js';
export {
  CIFAR_ARCHIVES,
  OFFICIAL_BASE_URL,
  resolveArchiveSource,
  type ArchiveSource,
  type DatasetName,
} from './archive-sources.js';
export { defaultDataDirectory } from './cache-directory.js';
export { download, type DownloadOptions } from './download.js';
export { fetchToFile, fileMd5, type DownloadProgress } from './fetch-file.js';
export { terminalProgress } from './terminal-progress.js';
export { extractTarGz, safeEntryPath } from './extract-tar.js';
export { writeSyntheticCifar, type SyntheticCifarOptions } from './synthetic-files.js';
export {
  createBatchWorkerPool,
  createWorkerBatchStream,
  type BatchWorkerPool,
  type BatchWorkerPoolOptions,
  type PoolStreamOptions,
} from './batch-worker-pool.js';

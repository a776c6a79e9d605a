import { parentPort, workerData } from 'node:worker_threads';
import { compilePipeline } from './augment.js';
import { fillBatch } from './make-batch.js';
import type { BatchTask, WorkerSetup } from './worker-messages.js';

// The worker side of the batch pool: compiles the same pipeline as the main thread once, then builds each batch
// it is sent from (indices, seed) alone, so its result does not depend on which worker runs it or when.
const setup = workerData as WorkerSetup;
const pipeline = compilePipeline(setup.shape, setup.augmentation, setup.normalization, setup.layout);
parentPort!.on('message', (task: BatchTask) => {
  const batch = fillBatch(pipeline, setup.images, setup.labels, task.indices, task.seed);
  parentPort!.postMessage({ id: task.id, ...batch }, [
    batch.images.buffer as ArrayBuffer,
    batch.labels.buffer as ArrayBuffer,
  ]);
});

import type { AugmentationSpec } from '@wrn/spec';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Layout } from './augment.js';
import type { BatchStreamOptions } from './batch-stream.js';
import type { Dataset } from './dataset.js';
import { batchSeed } from './epoch-plan.js';
import { planEpoch, type Batch } from './make-batch.js';
import type { Normalization } from './normalization.js';
import type { BatchResult, BatchTask, WorkerSetup } from './worker-messages.js';

/**
 * Options of {@link createBatchWorkerPool}: what stays fixed across epochs.
 *
 * @example
 * const options: BatchWorkerPoolOptions = { dataset, augmentation: recipe.augmentation, normalization: spec.input, workers: 2 };
 */
export interface BatchWorkerPoolOptions {
  dataset: Dataset;
  augmentation: AugmentationSpec | null;
  normalization: Normalization;
  layout?: Layout;
  /** Worker threads; default one fewer than the cores (at least 1), leaving a core to the training loop. */
  workers?: number;
}

/** Per-epoch options of {@link BatchWorkerPool.stream}. @example pool.stream({ batchSize: 128, seed: 1, epoch: 4, dropLast: true }) */
export type PoolStreamOptions = Omit<
  BatchStreamOptions,
  'dataset' | 'augmentation' | 'normalization' | 'layout'
>;

/**
 * Worker threads that build batches in parallel. The dataset is shared with them without copying when its
 * pixels live in a `SharedArrayBuffer` (the Node readers allocate them so) and copied once otherwise.
 *
 * Determinism: the main thread plans the epoch (shuffled order from (seed, epoch)) and sends each batch's indices
 * with its seed `batchSeed(seed, epoch, batch)`; workers compute the batch from those alone, and results are yielded
 * in batch order. So the stream is identical to `createBatchStream`/`makeBatch` whatever the worker count or timing.
 *
 * @example
 * const pool = createBatchWorkerPool({ dataset, augmentation: recipe.augmentation, normalization: spec.input });
 * for (let epoch = 0; epoch < recipe.epochs; epoch++) {
 *   for await (const batch of pool.stream({ batchSize: 128, seed: 1, epoch, dropLast: true })) await train(batch);
 * }
 * await pool.close();
 */
export interface BatchWorkerPool {
  readonly workers: number;
  stream(options: PoolStreamOptions): AsyncIterable<Batch> & { batchCount: number };
  close(): Promise<void>;
}

/**
 * Runs the compiled worker next to this file. Running from TypeScript source (tests, `tsx`), the worker first
 * registers tsx's loader in its own thread, then imports the source.
 */
function startWorker(setup: WorkerSetup): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./batch-worker.js', import.meta.url), { workerData: setup });
  // tsx's ESM API (index.mjs beside the index.cjs that require resolves) registers its loader for this thread.
  const loader = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const source = new URL('./batch-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: setup });
}

/**
 * Starts a {@link BatchWorkerPool}.
 *
 * @example
 * const pool = createBatchWorkerPool({ dataset, augmentation: null, normalization: null, workers: 2 });
 */
export function createBatchWorkerPool(options: BatchWorkerPoolOptions): BatchWorkerPool {
  const { dataset } = options;
  const layout = options.layout ?? 'NCHW'; // the @wrn/core canonical layout
  const count = options.workers ?? Math.max(1, availableParallelism() - 1); // leave a core to the training loop
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`workers must be an integer >= 1, got ${count}`);
  planEpoch({
    dataset,
    augmentation: options.augmentation,
    normalization: options.normalization,
    layout,
    batchSize: 1,
  }); // validates the settings on this thread before any worker starts
  const shared =
    dataset.images.buffer instanceof SharedArrayBuffer ? dataset.images : copyToShared(dataset.images);
  const setup: WorkerSetup = {
    images: shared,
    labels: dataset.labels,
    shape: { channels: dataset.channels, height: dataset.height, width: dataset.width },
    augmentation: options.augmentation,
    normalization: options.normalization,
    layout,
  };
  const waiting = new Map<number, { resolve: (batch: Batch) => void; reject: (error: Error) => void }>();
  let failure: Error | undefined;
  let closed = false;
  const fail = (error: Error) => {
    failure ??= error;
    for (const { reject } of waiting.values()) reject(failure);
    waiting.clear();
  };
  const workers = Array.from({ length: count }, () => {
    const worker = startWorker(setup);
    worker.on('message', ({ id, images, labels, size }: BatchResult) => {
      waiting.get(id)?.resolve({ images, labels, size });
      waiting.delete(id);
    });
    worker.on('error', (error) => fail(new Error(`batch worker failed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => {
      if (!closed) fail(new Error(`batch worker exited unexpectedly with code ${code}`));
    });
    return worker;
  });
  let nextId = 0;
  let nextWorker = 0;
  const submit = (task: Omit<BatchTask, 'id'>): Promise<Batch> => {
    if (closed) return Promise.reject(new Error('the batch worker pool is closed'));
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    const promise = new Promise<Batch>((resolve, reject) => waiting.set(id, { resolve, reject }));
    promise.catch(() => undefined); // a consumer that stops early never awaits some results
    workers[nextWorker++ % count]!.postMessage({ id, ...task });
    return promise;
  };
  return {
    workers: count,
    stream(streamOptions) {
      const { augmentation, normalization } = options;
      const plan = planEpoch({ ...streamOptions, dataset, augmentation, normalization, layout });
      const startBatch = streamOptions.startBatch ?? 0; // the start of the epoch
      const prefetch = streamOptions.prefetch ?? 2 * count; // two batches per worker keep every worker busy
      if (!Number.isInteger(startBatch) || startBatch < 0 || startBatch > plan.batchCount) {
        throw new RangeError(`startBatch must be an integer in [0, ${plan.batchCount}], got ${startBatch}`);
      }
      if (!Number.isInteger(prefetch) || prefetch < 1)
        throw new RangeError(`prefetch must be an integer >= 1 with workers, got ${prefetch}`);
      const task = (batch: number) => {
        const start = batch * plan.batchSize;
        const indices = plan.order.slice(start, Math.min(start + plan.batchSize, dataset.count));
        return submit({ indices, seed: batchSeed(plan.seed, plan.epoch, batch) });
      };
      return {
        batchCount: plan.batchCount,
        async *[Symbol.asyncIterator]() {
          const pending: Promise<Batch>[] = [];
          let next = startBatch;
          while (next < plan.batchCount || pending.length > 0) {
            while (next < plan.batchCount && pending.length < prefetch) pending.push(task(next++));
            yield await pending.shift()!;
          }
        },
      };
    },
    async close() {
      closed = true;
      fail(new Error('the batch worker pool was closed'));
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

function copyToShared(images: Uint8Array): Uint8Array {
  const shared = new Uint8Array(new SharedArrayBuffer(images.length));
  shared.set(images);
  return shared;
}

/**
 * One epoch through a temporary worker pool, closed when the iteration ends (or breaks).
 *
 * @example
 * for await (const batch of createWorkerBatchStream({ ...streamOptions, workers: 2 })) await train(batch);
 */
export async function* createWorkerBatchStream(
  options: BatchStreamOptions & { workers?: number },
): AsyncGenerator<Batch> {
  const pool = createBatchWorkerPool(options);
  try {
    yield* pool.stream(options);
  } finally {
    await pool.close();
  }
}

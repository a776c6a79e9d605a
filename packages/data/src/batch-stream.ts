import { batchFromPlan, planEpoch, type Batch, type BatchOptions } from './make-batch.js';

/**
 * Options of {@link createBatchStream}: the epoch's {@link BatchOptions} plus where to start and how far ahead to
 * compute.
 *
 * @example
 * const options: BatchStreamOptions = { ...batchOptions, epoch: 3, startBatch: 100, prefetch: 2 };
 */
export interface BatchStreamOptions extends BatchOptions {
  /** First batch to produce; default 0. Resuming at batch b yields exactly batches b.. of the full epoch. */
  startBatch?: number;
  /** Batches computed ahead while the consumer awaits its own work; default 2 (double buffering). */
  prefetch?: number;
}

/** Runs `task` after pending I/O and timers, so prefetching never blocks the consumer's awaited work. */
const yieldToEventLoop: (task: () => void) => void =
  typeof setImmediate === 'function' ? (task) => setImmediate(task) : (task) => setTimeout(task, 0);

/**
 * The batches of one epoch as an async iterable, on the calling thread. Up to `prefetch` batches are computed in
 * event-loop turns while the consumer awaits (e.g. a GPU step), so a fast pipeline never makes it wait. The
 * output is identical to `makeBatch` for each index, whatever the prefetch depth.
 *
 * @example
 * for await (const batch of createBatchStream({ dataset, batchSize: 128, seed: 1, epoch, augmentation, normalization: spec.input, dropLast: true })) {
 *   await executor.trainStep(batch, { learningRate });
 * }
 */
export function createBatchStream(
  options: BatchStreamOptions,
): AsyncIterable<Batch> & { batchCount: number } {
  const plan = planEpoch(options);
  const startBatch = options.startBatch ?? 0; // the start of the epoch
  const prefetch = options.prefetch ?? 2; // double buffering hides one batch of latency
  if (!Number.isInteger(startBatch) || startBatch < 0 || startBatch > plan.batchCount) {
    throw new RangeError(`startBatch must be an integer in [0, ${plan.batchCount}], got ${startBatch}`);
  }
  if (!Number.isInteger(prefetch) || prefetch < 0)
    throw new RangeError(`prefetch must be an integer >= 0, got ${prefetch}`);
  return {
    batchCount: plan.batchCount,
    async *[Symbol.asyncIterator]() {
      const pending: Promise<Batch>[] = [];
      let next = startBatch;
      const schedule = () => {
        const index = next++;
        const batch = new Promise<Batch>((resolve, reject) =>
          yieldToEventLoop(() => {
            try {
              resolve(batchFromPlan(plan, index));
            } catch (error) {
              reject(error);
            }
          }),
        );
        // A consumer that stops early never awaits prefetched batches; their errors must not crash the process.
        batch.catch(() => undefined);
        pending.push(batch);
      };
      while (next < plan.batchCount || pending.length > 0) {
        while (next < plan.batchCount && pending.length < prefetch + 1) schedule();
        yield await pending.shift()!;
      }
    },
  };
}

/**
 * Evaluation batches: file order, no augmentation, every example (no drop-last).
 *
 * @example
 * for await (const batch of evaluationBatches(testSet, { batchSize: 500, normalization: spec.input })) { ... }
 */
export function evaluationBatches(
  dataset: BatchOptions['dataset'],
  options: Pick<BatchStreamOptions, 'batchSize' | 'normalization' | 'layout' | 'prefetch'>,
): AsyncIterable<Batch> & { batchCount: number } {
  return createBatchStream({ ...options, dataset, augmentation: null, shuffle: false, dropLast: false });
}

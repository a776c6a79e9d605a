import type { MicroBatch, MicroBatchSlice } from '../micro-batches.js';
import type { SharedAllReduce } from './shared-all-reduce.js';

/**
 * How many replicas share a micro-batch of `size` examples: every replica, or one per example when it is smaller.
 * Only a plan's last micro-batch can be shorter than the others, so a replica that sits one out has no later
 * all-reduce round in that step that the others would wait for.
 *
 * @example
 * participantsOf(32, 2); // 2
 * participantsOf(1, 2); // 1
 */
export function participantsOf(size: number, threads: number): number {
  return Math.min(size, threads);
}

/**
 * Replica `replica`'s contiguous, balanced slice of the micro-batch `range` (indices into the batch), or undefined
 * when it has no example of it.
 *
 * @example
 * replicaSlice({ start: 0, end: 5, seed: 1 }, 1, 2); // { start: 2, end: 5 }
 */
export function replicaSlice(
  range: MicroBatch,
  replica: number,
  threads: number,
): { start: number; end: number } | undefined {
  const size = range.end - range.start;
  const participants = participantsOf(size, threads);
  if (replica >= participants) return undefined;
  return {
    start: range.start + Math.floor((replica * size) / participants),
    end: range.start + Math.floor(((replica + 1) * size) / participants),
  };
}

/**
 * The `sliceOf` hook of `TfjsModel.accumulate` for the replica `reducer` belongs to: its slice of each
 * micro-batch, with BatchNorm's all-reduce over that micro-batch's participants.
 *
 * @example
 * await model.accumulate(batch, plan, batch.size, onStatistics, slicesFor(reducer));
 */
export function slicesFor(reducer: SharedAllReduce): (range: MicroBatch) => MicroBatchSlice | undefined {
  return (range) => {
    const slice = replicaSlice(range, reducer.replica, reducer.replicas);
    if (!slice) return undefined;
    const participants = participantsOf(range.end - range.start, reducer.replicas);
    return { ...slice, allReduce: (values) => reducer.reduce(values, participants) };
  };
}

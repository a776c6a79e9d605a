import type { Batch } from '@wrn/core';
import type { MicroBatch } from '../micro-batches.js';
import type { TfjsModel } from '../model/tfjs-model.js';
import { hostStatistics } from './host-transfer.js';
import type { HostStatistics, ShardResult } from './protocol.js';
import { slicesFor } from './replica-slices.js';
import { ALL_REDUCE_ABORTED, type SharedAllReduce } from './shared-all-reduce.js';

/**
 * One replica's part of a data-parallel step: its slice of every micro-batch of `plan`, in lockstep with the other
 * replicas (BatchNorm statistics all-reduced through `reducer`), as host arrays. `withStatistics` reads the batch
 * statistics back too (one replica's suffice: all replicas see the same ones). A failure aborts the all-reduce
 * group first, so the other replicas throw instead of waiting for this one.
 *
 * @example
 * const result = await runShard(model, batch, plan, reducer, true);
 */
export async function runShard(
  model: TfjsModel,
  batch: Batch,
  plan: MicroBatch[],
  reducer: SharedAllReduce,
  withStatistics: boolean,
): Promise<ShardResult> {
  const statistics: HostStatistics[] = [];
  try {
    const result = await model.accumulate(
      batch,
      plan,
      batch.size,
      (list) => {
        if (withStatistics) statistics.push(...hostStatistics(list));
      },
      slicesFor(reducer),
    );
    try {
      const gradients = [...result.gradients].map(
        ([name, tensor]) => [name, tensor.dataSync() as Float32Array] as [string, Float32Array],
      );
      return { gradients, loss: result.loss, correct: result.correct, statistics };
    } finally {
      result.dispose();
    }
  } catch (error) {
    reducer.abort();
    throw error;
  }
}

/**
 * The error to report from a step whose replicas settled as `outcomes`: the first one that is not a consequence of
 * another replica's failure (an all-reduce abort), else the first; undefined when all succeeded.
 *
 * @example
 * const failure = firstCause(await Promise.allSettled(shards));
 * if (failure) throw failure;
 */
export function firstCause(outcomes: PromiseSettledResult<unknown>[]): unknown {
  const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
  const causes = failures.filter(
    (reason) => !String((reason as Error)?.message).includes(ALL_REDUCE_ABORTED),
  );
  return causes[0] ?? failures[0];
}

/**
 * Adds the replicas' weighted gradient sums, parameter by parameter, in replica order. A replica that had no
 * example in the step (more threads than a micro-batch's examples) has no gradients to add.
 *
 * @example
 * const gradients = sumGradients([own, ...remote]);
 */
export function sumGradients(results: ShardResult[]): [string, Float32Array][] {
  const [first, ...rest] = results.filter((result) => result.gradients.length > 0);
  return first!.gradients.map(([name, data], index) => {
    const sum = new Float32Array(data);
    for (const result of rest) {
      const other = result.gradients[index]![1];
      for (let i = 0; i < sum.length; i++) sum[i]! += other[i]!;
    }
    return [name, sum];
  });
}

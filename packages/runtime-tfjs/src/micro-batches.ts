import * as tf from '@tensorflow/tfjs';
import type { ChannelAllReduce } from './all-reduce-means.js';
import type { TrainingPass } from './training-pass.js';

/**
 * Examples [start, end) of a batch and the step seed of its dropout masks (the same for every micro-batch of a
 * step: each applies its example range of the step's masks).
 *
 * @example
 * const range: MicroBatch = { start: 0, end: 32, seed: 7 };
 */
export interface MicroBatch {
  start: number;
  end: number;
  seed: number;
}

/**
 * A replica's examples [start, end) of a micro-batch it shares with other replicas, and the all-reduce that joins
 * their BatchNorm statistics.
 *
 * @example
 * const slice: MicroBatchSlice = { start: 16, end: 32, allReduce: (values) => reducer.reduce(values, 2) };
 */
export interface MicroBatchSlice {
  start: number;
  end: number;
  allReduce: ChannelAllReduce;
}

/**
 * One BatchNorm's batch statistics (biased variance) by node name, as tensors or host arrays.
 *
 * @example
 * const statistics: NodeStatistics = { node: 'head.bn', mean, variance, count: 128 };
 */
export interface NodeStatistics {
  node: string;
  mean: tf.Tensor | Float32Array;
  variance: tf.Tensor | Float32Array;
  count: number;
}

/**
 * Gradients summed over micro-batches (weighted by size / total), with their loss sum and correct count.
 *
 * @example
 * const result = await accumulateMicroBatches(plan, batch.size, pass);
 * result.dispose();
 */
export interface AccumulatedGradients {
  gradients: Map<string, tf.Tensor>;
  /** Mean loss over the examples of the plan, times their number / total (so shards add up to the batch mean). */
  loss: number;
  correct: number;
  dispose(): void;
}

/**
 * Splits `size` examples into consecutive micro-batches of at most `microBatchSize` (default: one micro-batch),
 * all with the step seed `stepSeed`.
 *
 * @example
 * planMicroBatches(5, 2, 7); // [{0,2,7}, {2,4,7}, {4,5,7}]
 */
export function planMicroBatches(
  size: number,
  microBatchSize: number | undefined,
  stepSeed: number,
): MicroBatch[] {
  const step = microBatchSize ?? size; // no micro-batching unless asked (the shared checks vetted the size)
  const plan: MicroBatch[] = [];
  for (let start = 0; start < size; start += step)
    plan.push({ start, end: Math.min(size, start + step), seed: stepSeed });
  return plan;
}

/**
 * Runs `pass` over each micro-batch and sums their gradients weighted by size / `total`, so a whole batch's plan
 * gives its mean-loss gradient (BatchNorm statistics are per micro-batch). Only the running sum and one pass are
 * alive at a time.
 *
 * @example
 * await accumulateMicroBatches(planMicroBatches(batch.size, 32, seed), batch.size, pass);
 */
export async function accumulateMicroBatches(
  plan: MicroBatch[],
  total: number,
  pass: (range: MicroBatch) => TrainingPass,
): Promise<AccumulatedGradients> {
  let sums: Map<string, tf.Tensor> | undefined;
  let lossSum = 0;
  let correct = 0;
  try {
    for (const range of plan) {
      const weight = (range.end - range.start) / total;
      const result = pass(range);
      try {
        const previous = sums;
        sums = new Map();
        for (const [name, gradient] of result.gradients) {
          const old = previous?.get(name);
          const scaled = () => (weight === 1 ? tf.clone(gradient) : tf.mul(gradient, weight));
          sums.set(
            name,
            tf.tidy(() => (old ? tf.add(old, scaled()) : scaled())),
          );
        }
        if (previous) tf.dispose([...previous.values()]);
        lossSum += (await result.loss.data())[0]! * weight;
        correct += (await result.correct.data())[0]!;
      } finally {
        result.dispose();
      }
    }
  } catch (error) {
    if (sums) tf.dispose([...sums.values()]);
    throw error;
  }
  const gradients = sums ?? new Map<string, tf.Tensor>();
  return { gradients, loss: lossSum, correct, dispose: () => tf.dispose([...gradients.values()]) };
}

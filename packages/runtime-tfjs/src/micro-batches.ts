import * as tf from '@tensorflow/tfjs';
import type { Batch } from '@wrn/core';
import type { TrainingPass } from './training-pass.js';

/**
 * Gradients averaged over micro-batches, with the loss and the correct count of the whole batch.
 *
 * @example
 * const result = await accumulateMicroBatches(batch, 32, (start, end) => pass(start, end));
 * result.dispose();
 */
export interface AccumulatedGradients {
  gradients: Map<string, tf.Tensor>;
  loss: number;
  correct: number;
  dispose(): void;
}

/**
 * Runs `pass` over consecutive micro-batches `[start, end)` of at most `microBatchSize` examples and averages
 * their gradients weighted by size, so the result equals the whole batch's mean-loss gradient (up to BatchNorm,
 * whose statistics are per micro-batch). Only the running sum and one pass are alive at a time.
 *
 * @example
 * await accumulateMicroBatches(batch, undefined, pass); // one pass over the whole batch
 */
export async function accumulateMicroBatches(
  batch: Batch,
  microBatchSize: number | undefined,
  pass: (start: number, end: number) => TrainingPass,
): Promise<AccumulatedGradients> {
  const size = microBatchSize ?? batch.size; // no micro-batching unless asked
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`microBatchSize must be an integer >= 1, got ${String(microBatchSize)}`);
  }
  let sums: Map<string, tf.Tensor> | undefined;
  let lossSum = 0;
  let correct = 0;
  try {
    for (let start = 0; start < batch.size; start += size) {
      const end = Math.min(batch.size, start + size);
      const weight = (end - start) / batch.size;
      const result = pass(start, end);
      try {
        const previous = sums;
        sums = new Map();
        for (const [name, gradient] of result.gradients) {
          const old = previous?.get(name);
          const scaled = () => (weight === 1 ? tf.clone(gradient) : tf.mul(gradient, weight));
          sums.set(name, tf.tidy(() => (old ? tf.add(old, scaled()) : scaled())));
        }
        if (previous) tf.dispose([...previous.values()]);
        lossSum += (await result.loss.data())[0]! * (end - start);
        correct += (await result.correct.data())[0]!;
      } finally {
        result.dispose();
      }
    }
  } catch (error) {
    if (sums) tf.dispose([...sums.values()]);
    throw error;
  }
  const gradients = sums!;
  return { gradients, loss: lossSum / batch.size, correct, dispose: () => tf.dispose([...gradients.values()]) };
}

import type { TrainableExecutor } from '@wrn/core';
import { deriveSeed } from '@wrn/spec';
import type { TrainingEvent } from './events.js';
import type { RunState } from './run-state.js';
import type { TrainingData } from './training-data.js';

/** Why an epoch's batch loop ended. */
export type EpochEnd = 'complete' | 'aborted' | { diverged: number };

/**
 * Trains the rest of the epoch `state.epoch` from batch `state.batch`, updating `state` after every step.
 * Internal to {@link train}.
 */
export async function trainEpoch(
  executor: TrainableExecutor,
  data: TrainingData,
  state: RunState,
  options: {
    learningRate: number;
    microBatchSize?: number;
    signal?: AbortSignal;
    onEvent?: (event: TrainingEvent) => void;
  },
): Promise<EpochEnd> {
  const totals = state.epochTotals;
  for await (const batch of data.batches(state.epoch, state.batch)) {
    const started = performance.now();
    const result = await executor.trainStep(batch, {
      learningRate: options.learningRate,
      ...(options.microBatchSize ? { microBatchSize: options.microBatchSize } : {}),
      dropoutSeed: deriveSeed(state.seed, `dropout-step-${state.step}`),
    });
    if (!Number.isFinite(result.loss)) return { diverged: result.loss };
    totals.seconds += (performance.now() - started) / 1000;
    totals.loss += result.loss * result.examples;
    totals.correct += result.correct;
    totals.examples += result.examples;
    state.batch += 1;
    state.step += 1;
    options.onEvent?.({
      type: 'batch',
      epoch: state.epoch,
      batch: state.batch,
      batchesPerEpoch: data.batchesPerEpoch,
      loss: result.loss,
      trainError: 1 - totals.correct / totals.examples,
      learningRate: options.learningRate,
      imagesPerSecond: totals.examples / Math.max(totals.seconds, 1e-9),
      epochSeconds: totals.seconds,
    });
    // One event-loop turn per step lets signal handlers, progress output and I/O run even when a runtime's steps
    // resolve as microtasks only.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (options.signal?.aborted && state.batch < data.batchesPerEpoch) return 'aborted';
  }
  return 'complete';
}

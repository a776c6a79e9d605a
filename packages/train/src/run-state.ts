import type { TrainingRecipe } from '@wrn/spec';
import type { EpochMetrics } from './events.js';

/**
 * Where a run stands, stored in the `wrn.run` metadata of `last.safetensors` next to weights and momentum buffers,
 * so a resumed run continues exactly (same batches, augmentations and dropout masks).
 *
 * @example
 * const state: RunState = JSON.parse(checkpoint.metadata['wrn.run']);
 */
export interface RunState {
  /** The epoch to continue in (0-indexed). */
  epoch: number;
  /** The next batch of that epoch. */
  batch: number;
  /** Training steps taken so far; seeds each step's dropout masks. */
  step: number;
  seed: number;
  /** Running sums of the current epoch, so an epoch interrupted midway reports the same metrics. */
  epochTotals: { loss: number; correct: number; examples: number; seconds: number };
  bestTop1Error: number | null;
  wallSeconds: number;
  metrics: EpochMetrics[];
  recipe: TrainingRecipe;
  /**
   * The dropout mask generator the run's steps drew with (`DROPOUT_MASK_GENERATOR` of `@wrn/spec`); absent in runs
   * written before runs recorded it. A run with dropout resumes only with the same generator.
   */
  dropoutMaskGenerator?: string;
}

/** The metadata key of the run state. @example checkpoint.metadata[RUN_STATE_KEY] */
export const RUN_STATE_KEY = 'wrn.run';

/**
 * Reads the run state from checkpoint metadata, with a clear error when it is absent.
 *
 * @example
 * const state = readRunState(checkpoint.metadata, 'runs/a/last.safetensors');
 */
export function readRunState(metadata: Record<string, string>, path: string): RunState {
  const text = metadata[RUN_STATE_KEY];
  if (!text) {
    throw new TypeError(
      `${path} holds weights but no training state (metadata '${RUN_STATE_KEY}'); use it with --init, not --resume`,
    );
  }
  return JSON.parse(text) as RunState;
}

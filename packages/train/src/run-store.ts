import type { EpochMetrics } from './events.js';

/**
 * Which checkpoint of a run: `last` (weights, momentum and run state, for resuming) or `best` (weights with the
 * lowest test top-1 error).
 *
 * @example
 * const slot: CheckpointSlot = 'best';
 */
export type CheckpointSlot = 'last' | 'best';

/**
 * Held by the run writing a store; `release()` is idempotent.
 *
 * @example
 * const lock = await store.lock();
 * try { await work() } finally { lock.release() }
 */
export interface RunStoreLock {
  release(): void;
}

/**
 * Where {@link train} keeps a run: its config, its metric history and its two checkpoints (safetensors bytes, as
 * `encodeCheckpoint` of `@wrn/checkpoint` writes them). `memoryRunStore()` keeps them in memory (any JavaScript
 * engine, browsers included); `fileRunStore(folder)` of `@wrn/train/node` keeps them in a run folder.
 *
 * @example
 * const store: RunStore = memoryRunStore();
 * await train({ runtime, spec, recipe, train: data, store });
 * const bytes = await store.readCheckpoint('last');
 */
export interface RunStore {
  /** Names the store in messages and events, e.g. the run folder's path. */
  readonly name: string;
  /** Whether a run was started here (its config or its last checkpoint is stored). */
  exists(): Promise<boolean>;
  /** Takes the store for one run; throws a `RunLockedError` while another run holds it. */
  lock(): Promise<RunStoreLock>;
  /** The config written when the run started; throws when there is none. */
  readConfig(): Promise<Record<string, unknown>>;
  writeConfig(config: Record<string, unknown>): Promise<void>;
  /** Replaces the metric history (one entry per finished epoch) with `metrics`, all at once. */
  writeMetrics(metrics: readonly EpochMetrics[]): Promise<void>;
  /** Replaces a checkpoint with `bytes`, all at once: a reader sees the old or the new one, never a mix. */
  writeCheckpoint(slot: CheckpointSlot, bytes: Uint8Array): Promise<void>;
  /** A stored checkpoint's bytes; throws when there is none. */
  readCheckpoint(slot: CheckpointSlot): Promise<Uint8Array>;
  /** Where a checkpoint lives, for messages and `checkpoint` events (a file path, or a name). */
  locate(slot: CheckpointSlot): string;
}

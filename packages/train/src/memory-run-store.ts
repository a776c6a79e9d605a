import { RunLockedError } from './errors.js';
import type { EpochMetrics } from './events.js';
import type { CheckpointSlot, RunStore } from './run-store.js';

/**
 * A {@link RunStore} in memory: for browsers, tests, and runs whose checkpoints are taken out with
 * `readCheckpoint` rather than written to disk. It holds copies, so later changes to written values do not leak in.
 *
 * @example
 * const store = memoryRunStore();
 * await train({ runtime, spec, recipe, train: data, store });
 * const { weights } = decodeCheckpoint(await store.readCheckpoint('last'));
 */
export function memoryRunStore(
  // A page usually holds one store; a second one is told apart by naming it.
  name = 'memory run store',
): RunStore & { metrics(): EpochMetrics[] } {
  let config: Record<string, unknown> | undefined;
  let metrics: EpochMetrics[] = [];
  const checkpoints = new Map<CheckpointSlot, Uint8Array>();
  let locked = false;
  const locate = (slot: CheckpointSlot) => `${name}: ${slot} checkpoint`;
  return {
    name,
    exists: async () => config !== undefined || checkpoints.has('last'),
    lock: async () => {
      if (locked) throw new RunLockedError(name);
      locked = true;
      let held = true;
      const release = () => {
        if (held) locked = false;
        held = false;
      };
      return { release };
    },
    readConfig: async () => {
      if (config === undefined) throw new Error(`${name} holds no run; train without resume to start one`);
      return structuredClone(config);
    },
    writeConfig: async (next) => void (config = structuredClone(next)),
    writeMetrics: async (next) => void (metrics = structuredClone([...next])),
    /** The stored metric history (what `metrics.jsonl` holds in a run folder). */
    metrics: () => structuredClone(metrics),
    writeCheckpoint: async (slot, bytes) => void checkpoints.set(slot, bytes.slice()),
    readCheckpoint: async (slot) => {
      const bytes = checkpoints.get(slot);
      if (bytes === undefined) throw new Error(`${locate(slot)} does not exist; train into ${name} first`);
      return bytes.slice();
    },
    locate,
  };
}

import {
  checkpointFromTensors,
  encodeCheckpoint,
  type Checkpoint,
  type DecodedCheckpoint,
} from '../checkpoint.js';
import { CheckpointError } from '../safetensors-error.js';
import { readSafetensorsFile } from './safetensors-file.js';
import { writeFileAtomic } from './write-file-atomic.js';

/**
 * Validates and saves a checkpoint atomically: a checkpoint that does not match its spec throws before the disk
 * is touched, and an interrupted write leaves the previous file intact.
 *
 * @example
 * await saveCheckpoint('runs/wrn-16-4/epoch-010.safetensors', { spec, weights, optimizerState, metadata: { epoch: '10' } });
 */
export async function saveCheckpoint(path: string, checkpoint: Checkpoint): Promise<void> {
  await writeFileAtomic(path, encodeCheckpoint(checkpoint));
}

/**
 * Loads and validates a checkpoint (safetensors rules, format tag, spec, every tensor against the spec).
 *
 * @example
 * const { spec, weights, metadata } = await loadCheckpoint('runs/wrn-16-4/epoch-010.safetensors');
 */
export async function loadCheckpoint(path: string): Promise<DecodedCheckpoint> {
  const contents = await readSafetensorsFile(path);
  try {
    return checkpointFromTensors(contents);
  } catch (error) {
    if (error instanceof CheckpointError)
      throw new CheckpointError(`${path}: ${error.message}`, error.problems);
    throw error;
  }
}

import { existsSync } from 'node:fs';
import type { DecodedCheckpoint } from '@wrn/checkpoint';
import { loadCheckpoint } from '@wrn/checkpoint/node';
import { UserError } from './errors.js';

/**
 * Loads a checkpoint given on the command line, turning a missing or corrupt file into a one-line user error.
 *
 * @example
 * const { spec, weights } = await readCheckpointOption(values.checkpoint);
 */
export async function readCheckpointOption(path: string | undefined): Promise<DecodedCheckpoint> {
  if (!path)
    throw new UserError('--checkpoint FILE.safetensors is required (e.g. runs/wrn-16-4/best.safetensors)', 2);
  if (!existsSync(path)) throw new UserError(`checkpoint ${path} does not exist`);
  try {
    return await loadCheckpoint(path);
  } catch (error) {
    throw new UserError(`checkpoint ${path} cannot be read: ${(error as Error).message}`);
  }
}

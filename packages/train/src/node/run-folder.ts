import { join } from 'node:path';

/**
 * The files of a run folder.
 *
 * @example
 * const folder = runFolder('runs/wrn-16-4');
 * folder.last; // 'runs/wrn-16-4/last.safetensors'
 */
export function runFolder(dir: string) {
  return {
    dir,
    config: join(dir, 'config.json'),
    metrics: join(dir, 'metrics.jsonl'),
    last: join(dir, 'last.safetensors'),
    best: join(dir, 'best.safetensors'),
    /** Held by the run writing the folder (see `lockRunFolder`). */
    lock: join(dir, 'run.lock'),
  };
}

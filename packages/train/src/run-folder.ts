import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@wrn/checkpoint/node';
import type { EpochMetrics } from './events.js';

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

/**
 * Creates the folder for a new run; refuses one that already holds a run, so nothing is overwritten by accident.
 *
 * @example
 * await prepareNewRun('runs/a', { spec, recipe });
 */
export async function prepareNewRun(dir: string, config: unknown): Promise<void> {
  const folder = runFolder(dir);
  if (existsSync(folder.last) || existsSync(folder.config)) {
    throw new Error(
      `run folder ${dir} already holds a run; pass --resume to continue it, or choose another --out`,
    );
  }
  mkdirSync(dir, { recursive: true });
  await writeFileAtomic(folder.config, new TextEncoder().encode(`${JSON.stringify(config, null, 2)}\n`));
}

/**
 * Reads `config.json` of an existing run.
 *
 * @example
 * const { spec, recipe } = readRunConfig('runs/a');
 */
export function readRunConfig(dir: string): Record<string, unknown> {
  const folder = runFolder(dir);
  if (!existsSync(folder.config)) throw new Error(`${folder.config} does not exist: is ${dir} a run folder?`);
  return JSON.parse(readFileSync(folder.config, 'utf8')) as Record<string, unknown>;
}

/**
 * Rewrites `metrics.jsonl` (one JSON object per epoch) atomically from the full history.
 *
 * @example
 * await writeMetrics('runs/a', state.metrics);
 */
export async function writeMetrics(dir: string, metrics: readonly EpochMetrics[]): Promise<void> {
  const text = metrics.map((line) => JSON.stringify(line)).join('\n');
  await writeFileAtomic(runFolder(dir).metrics, new TextEncoder().encode(text ? `${text}\n` : ''));
}

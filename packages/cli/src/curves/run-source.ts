import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { EXIT_CODES, UserError } from '../errors.js';

/**
 * One run named on the `wrn plot` command line: the name its legend shows and the metrics file to read.
 *
 * @example
 * const source: RunSource = { label: 'wrn-16-4', metricsPath: 'runs/wrn-16-4/metrics.jsonl' };
 */
export interface RunSource {
  label: string;
  metricsPath: string;
}

const NEITHER = 'is neither a run folder (holding metrics.jsonl) nor a metrics .jsonl file';

/**
 * Reads one `wrn plot` argument: `PATH` or `NAME=PATH`, where PATH is a run folder (its metrics.jsonl is read) or a
 * metrics `.jsonl` file. An argument that exists as a path is a path even when it holds `=`. The default name is
 * the run folder's name (the folder holding a file named metrics.jsonl; any other file's name without `.jsonl`).
 *
 * @example
 * runSource('runs/wrn-16-4'); // { label: 'wrn-16-4', metricsPath: 'runs/wrn-16-4/metrics.jsonl' }
 * runSource('torch=torch/run-1.jsonl'); // { label: 'torch', metricsPath: 'torch/run-1.jsonl' }
 */
export function runSource(argument: string): RunSource {
  const separator = existsSync(argument) ? -1 : argument.indexOf('=');
  const label = separator === -1 ? undefined : argument.slice(0, separator);
  const path = separator === -1 ? argument : argument.slice(separator + 1);
  if (label === '' || path === '')
    throw new UserError(
      `'${argument}' names no run: write PATH or NAME=PATH, e.g. 'ours=runs/wrn-16-4'`,
      EXIT_CODES.usage,
    );
  if (!existsSync(path)) throw new UserError(`${path} ${NEITHER}: it does not exist`);
  if (statSync(path).isDirectory()) {
    const metricsPath = join(path, 'metrics.jsonl');
    if (!existsSync(metricsPath))
      throw new UserError(
        `${path} ${NEITHER}: it has no metrics.jsonl (a run writes it when its first epoch finishes)`,
      );
    return { label: label ?? basename(resolve(path)), metricsPath };
  }
  if (!path.toLowerCase().endsWith('.jsonl'))
    throw new UserError(`${path} ${NEITHER}: pass the run folder or its metrics.jsonl`);
  const fileName = basename(path);
  const folderName = basename(dirname(resolve(path)));
  return {
    label: label ?? (fileName === 'metrics.jsonl' ? folderName : fileName.slice(0, -'.jsonl'.length)),
    metricsPath: path,
  };
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { paperRecipe, validateOptimizer, type SgdSpec } from '@wrn/spec';
import { RUN_STATE_KEY } from '@wrn/train';
import { UserError } from './errors.js';

/**
 * The optimizer a training export builds into its graph and where it came from, for the message.
 *
 * @example
 * const { optimizer, source }: ExportOptimizer = exportOptimizer(path, checkpoint.metadata);
 */
export interface ExportOptimizer {
  optimizer: SgdSpec;
  /** Where it came from: the checkpoint's run state, the run folder's config.json, or the paper recipe. */
  source: string;
}

/**
 * The optimizer of the run a checkpoint belongs to: the recipe in its run state (`last.safetensors` of a run), else
 * the recipe in the `config.json` beside it (`best.safetensors` of a run folder), else the paper's recipe. A recipe
 * that is there but invalid is a user error naming the file.
 *
 * @example
 * exportOptimizer('runs/wrn-16-4/best.safetensors', checkpoint.metadata).source; // 'runs/wrn-16-4/config.json'
 */
export function exportOptimizer(checkpointPath: string, metadata: Record<string, string>): ExportOptimizer {
  const fromRun = metadata[RUN_STATE_KEY];
  if (fromRun !== undefined) {
    const label = `${checkpointPath} (metadata '${RUN_STATE_KEY}')`;
    return { optimizer: checked(parse(fromRun, label)?.recipe?.optimizer, label), source: label };
  }
  const config = join(dirname(checkpointPath), 'config.json');
  if (existsSync(config)) {
    const recipe = parse(readFileSync(config, 'utf8'), config)?.recipe;
    if (recipe !== undefined) return { optimizer: checked(recipe.optimizer, config), source: config };
  }
  return { optimizer: paperRecipe().optimizer, source: 'the paper recipe' };
}

type Recorded = { recipe?: { optimizer?: unknown } } | undefined;

function parse(text: string, label: string): Recorded {
  try {
    return JSON.parse(text) as Recorded;
  } catch (error) {
    throw new UserError(
      `${label} is not valid JSON (${(error as Error).message}); restore it or move it away`,
    );
  }
}

function checked(optimizer: unknown, label: string): SgdSpec {
  try {
    return validateOptimizer(optimizer, 'recipe.optimizer');
  } catch (error) {
    throw new UserError(
      `${label}: ${(error as Error).message}; fix the recorded recipe or move the file away`,
    );
  }
}

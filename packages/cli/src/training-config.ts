import { existsSync, readFileSync } from 'node:fs';
import { paperRecipe, validateRecipe, type TrainingRecipe } from '@wrn/spec';
import { integerOption, numberOption } from './arguments.js';
import { UserError } from './errors.js';

/** Flags of `wrn train` that may also come from `--config FILE` (camelCase keys; flags win). */
export const TRAIN_FLAGS = {
  model: { type: 'string' },
  variant: { type: 'string' },
  classes: { type: 'string' },
  dataset: { type: 'string' },
  'data-dir': { type: 'string' },
  download: { type: 'boolean' },
  runtime: { type: 'string' },
  backend: { type: 'string' },
  threads: { type: 'string' },
  epochs: { type: 'string' },
  'batch-size': { type: 'string' },
  'micro-batch-size': { type: 'string' },
  lr: { type: 'string' },
  'weight-decay': { type: 'string' },
  dropout: { type: 'string' },
  'no-augment': { type: 'boolean' },
  seed: { type: 'string' },
  init: { type: 'string' },
  'limit-train': { type: 'string' },
  'limit-test': { type: 'string' },
  'evaluate-every': { type: 'string' },
  config: { type: 'string' },
  out: { type: 'string' },
  resume: { type: 'boolean' },
} as const;

type Flags = Record<string, string | boolean | undefined>;

const camel = (flag: string) => flag.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());

/**
 * Merges `--config FILE` (JSON whose keys are the flags in camelCase, plus an optional partial `recipe`) under the
 * command-line flags.
 *
 * @example
 * mergeConfigFile({ config: 'wrn-16-4.json', epochs: '5' }); // the file's values, epochs from the flag
 */
export function mergeConfigFile(values: Flags): { flags: Flags; recipe: Partial<TrainingRecipe> } {
  if (!values.config) return { flags: values, recipe: {} };
  const path = String(values.config);
  if (!existsSync(path)) throw new UserError(`--config ${path} does not exist`);
  let file: Record<string, unknown>;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new UserError(`--config ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const known = new Map(Object.keys(TRAIN_FLAGS).map((flag) => [camel(flag), flag]));
  const flags: Flags = {};
  for (const [key, value] of Object.entries(file)) {
    if (key === 'recipe') continue;
    const flag = known.get(key);
    if (!flag || flag === 'config')
      throw new UserError(
        `--config ${path}: unknown key '${key}'; known keys: recipe, ${[...known.keys()].filter((k) => k !== 'config').join(', ')}`,
      );
    flags[flag] = typeof value === 'boolean' ? value : String(value);
  }
  return {
    flags: { ...flags, ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) },
    recipe: (file.recipe ?? {}) as Partial<TrainingRecipe>,
  };
}

/**
 * The recipe of a run: the paper's, then the config file's `recipe`, then the flags.
 *
 * @example
 * recipeFromFlags({ epochs: '10', lr: '0.05' }, {});
 */
export function recipeFromFlags(flags: Flags, fromFile: Partial<TrainingRecipe>): TrainingRecipe {
  const base = paperRecipe();
  const merged: TrainingRecipe = {
    ...base,
    ...fromFile,
    optimizer: { ...base.optimizer, ...fromFile.optimizer },
  };
  const epochs = integerOption(flags.epochs, '--epochs', { min: 1 });
  const batchSize = integerOption(flags['batch-size'], '--batch-size', { min: 1 });
  const lr = numberOption(flags.lr, '--lr', { min: 0 });
  const weightDecay = numberOption(flags['weight-decay'], '--weight-decay', { min: 0, max: 1 });
  if (epochs !== undefined) merged.epochs = epochs;
  if (batchSize !== undefined) merged.batchSize = batchSize;
  if (lr !== undefined) merged.optimizer.learningRate = lr;
  if (weightDecay !== undefined) merged.optimizer.weightDecay = weightDecay;
  if (flags['no-augment']) merged.augmentation = { crop: null, horizontalFlip: 0 };
  // Milestones past the last epoch never fire; keep them (the schedule is the paper's, scaled runs set their own).
  try {
    return validateRecipe(merged);
  } catch (error) {
    throw new UserError((error as Error).message);
  }
}

import type { ModelSpec, TrainingRecipe } from '@wrn/spec';
import { UserError } from './errors.js';
import { differingFlags, flagValue } from './flags-over-spec.js';
import { recipeFromFlags } from './training-config.js';

type Flags = Record<string, string | boolean | undefined>;

/** Recipe flags of `wrn train` and the recipe setting each changes, as the error message shows it. */
const RECIPE_FLAG_SETTINGS: Record<string, (recipe: TrainingRecipe) => string> = {
  epochs: (recipe) => `epochs ${recipe.epochs}`,
  'batch-size': (recipe) => `batch size ${recipe.batchSize}`,
  lr: (recipe) => `lr ${recipe.optimizer.learningRate}`,
  'weight-decay': (recipe) => `weight decay ${recipe.optimizer.weightDecay}`,
  'no-augment': (recipe) =>
    `augmentation ${recipe.augmentation.crop === null && recipe.augmentation.horizontalFlip === 0 ? 'off' : 'on'}`,
};

/** Run settings recorded in config.json besides the spec and recipe, by flag. */
const RUN_FLAG_KEYS: Record<string, string> = {
  seed: 'seed',
  dataset: 'dataset',
  'limit-train': 'limitTrain',
  'limit-test': 'limitTest',
};

/** Flags that only mean something for a new run. */
const NEW_RUN_FLAGS = ['init', 'config'];

/**
 * On `--resume`, refuses every given flag that would change what the run recorded (its model, recipe, seed, data
 * subset), with one line naming the flag's value and the recorded one; a flag that repeats the recorded value is
 * fine. Everything else (runtime, backend, threads, data location, micro-batch size, evaluation interval) may change.
 *
 * @example
 * checkResumeFlags(await fileRunStore('runs/a').readConfig(), { runtime: 'webgpu' }, 'runs/a'); // fine
 * checkResumeFlags(await fileRunStore('runs/a').readConfig(), { dropout: '0' }, 'runs/a');      // throws: recorded dropout 0.3
 */
export function checkResumeFlags(
  config: { spec: ModelSpec; recipe: TrainingRecipe } & Record<string, unknown>,
  flags: Flags,
  dir: string,
): void {
  const refuse = (flag: string, recorded: string) => {
    const value = flags[flag] === true ? '' : ` ${String(flags[flag])}`;
    throw new UserError(
      `--${flag}${value} would change the run in ${dir}, recorded with ${recorded} (config.json); resume without --${flag}, or start a new run with --init ${dir}/last.safetensors`,
    );
  };
  for (const flag of NEW_RUN_FLAGS) {
    if (flags[flag] !== undefined)
      throw new UserError(`--${flag} applies to a new run; --resume continues ${dir} with its config.json`);
  }
  const [model] = differingFlags(config.spec, flags);
  if (model) refuse(model.flag, `${model.flag} ${flagValue(model.flag, config.spec)}`);
  const recipe = recipeFromFlags(flags, config.recipe);
  for (const [flag, setting] of Object.entries(RECIPE_FLAG_SETTINGS)) {
    if (flags[flag] !== undefined && setting(recipe) !== setting(config.recipe))
      refuse(flag, setting(config.recipe));
  }
  for (const [flag, key] of Object.entries(RUN_FLAG_KEYS)) {
    const recorded = String(config[key] ?? 'none');
    if (flags[flag] !== undefined && String(flags[flag]) !== recorded) refuse(flag, `${flag} ${recorded}`);
  }
}

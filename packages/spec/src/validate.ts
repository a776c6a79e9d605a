import { blocksPerGroup, checkKernelSizes } from './block-type.js';
import { checkAgainstSchema } from './check-schema.js';
import { MODEL_SPEC_SCHEMA, TRAINING_RECIPE_SCHEMA } from './json-schema.js';
import type { ModelSpec } from './model-spec.js';
import type { SgdSpec, TrainingRecipe } from './recipe.js';

/**
 * Checks every field of a model spec (types, ranges, depth against block type, channel counts) and returns it
 * typed. Throws a TypeError or RangeError that names the field, the value and the valid range.
 *
 * @example
 * const spec = validateModelSpec(JSON.parse(readFileSync('model.json', 'utf8')));
 */
export function validateModelSpec(value: unknown): ModelSpec {
  checkAgainstSchema(value, MODEL_SPEC_SCHEMA, 'spec');
  const spec = value as ModelSpec;
  checkKernelSizes(spec.blockType, 'spec.blockType');
  blocksPerGroup(spec.depth, spec.blockType);
  const channels = spec.input.channels;
  for (const key of ['mean', 'std'] as const) {
    if (spec.input[key].length !== channels) {
      throw new RangeError(
        `spec.input.${key} must have one value per channel (${channels}), got ${spec.input[key].length}`,
      );
    }
  }
  if (spec.classNames && spec.classNames.length !== spec.numClasses) {
    throw new RangeError(
      `spec.classNames must have numClasses (${spec.numClasses}) names, got ${spec.classNames.length}`,
    );
  }
  return spec;
}

/**
 * Checks every field of a training recipe and returns it typed; errors name the field and the valid range.
 *
 * @example
 * validateRecipe({ ...paperRecipe(), batchSize: 0 }); // RangeError: recipe.batchSize must be >= 1, got 0
 */
export function validateRecipe(value: unknown): TrainingRecipe {
  checkAgainstSchema(value, TRAINING_RECIPE_SCHEMA, 'recipe');
  const recipe = value as TrainingRecipe;
  const milestones = recipe.schedule.milestones;
  milestones.forEach((milestone, index) => {
    if (index > 0 && milestone <= (milestones[index - 1] ?? 0)) {
      throw new RangeError(
        `recipe.schedule.milestones must increase strictly, got [${milestones.join(', ')}]`,
      );
    }
  });
  validateOptimizer(recipe.optimizer, 'recipe.optimizer');
  return recipe;
}

/**
 * Checks every field of an SGD optimizer (the recipe's `optimizer`, or `CompileOptions.optimizer`) and returns it
 * typed; errors name the field and the valid range.
 *
 * @example
 * validateOptimizer({ ...paperRecipe().optimizer, momentum: -1 }); // RangeError: optimizer.momentum must be >= 0, got -1
 */
export function validateOptimizer(value: unknown, path = 'optimizer'): SgdSpec {
  // `path` defaults to how compile options name it; a recipe passes 'recipe.optimizer'.
  checkAgainstSchema(value, OPTIMIZER_SCHEMA, path);
  const optimizer = value as SgdSpec;
  if (optimizer.nesterov && (optimizer.momentum <= 0 || optimizer.dampening !== 0)) {
    throw new RangeError(`${path}: Nesterov momentum needs momentum > 0 and dampening 0 (as in PyTorch)`);
  }
  return optimizer;
}

/** The optimizer's part of the recipe schema (one definition for both checks). */
const OPTIMIZER_SCHEMA = TRAINING_RECIPE_SCHEMA.properties!.optimizer!;

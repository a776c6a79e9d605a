import { formatModelName, validateOptimizer, type ModelSpec, type ParameterSpec } from '@wrn/spec';
import type { Batch } from './batch.js';
import { findBatchProblems, findImageProblems } from './batch-problems.js';
import { throwIfProblems } from './input-error.js';
import type { CompileOptions } from './runtime.js';
import { findStepProblems } from './step-problems.js';
import type { TrainStepOptions } from './trainable-executor.js';
import { findWeightProblems } from './weight-problems.js';

/** The fix for weights that do not fit: where weights of the right model come from. */
const WEIGHTS_FIX =
  'pass weights of this spec (same depth, widen factor, block type, variant and classes), e.g. initWeights(spec, seed)';

/**
 * Throws the {@link InputError} for weights (`compile({ weights })`, `setWeights`) that do not hold exactly the
 * parameters of the spec, as finite float32 values in the canonical shapes.
 *
 * @example
 * checkWeights(spec, expandGraph(spec).parameters, weights, 'setWeights(weights)');
 */
export function checkWeights(
  spec: ModelSpec,
  parameters: readonly ParameterSpec[],
  weights: unknown,
  call: string,
): void {
  throwIfProblems(
    `${call} for ${formatModelName(spec)}`,
    findWeightProblems(parameters, weights),
    WEIGHTS_FIX,
  );
}

/**
 * Throws the {@link InputError} for momentum buffers (`setOptimizerState`) that are not a subset of the spec's
 * trainable parameters in their shapes.
 *
 * @example
 * checkOptimizerState(spec, trainableParameters, state);
 */
export function checkOptimizerState(
  spec: ModelSpec,
  trainable: readonly ParameterSpec[],
  state: unknown,
): void {
  throwIfProblems(
    `setOptimizerState(state) for ${formatModelName(spec)}`,
    findWeightProblems(trainable, state, { allowMissing: true }),
    'pass momentum buffers of this spec, as getOptimizerState() of an executor of the same spec returns them',
  );
}

/**
 * Throws the {@link InputError} for `forward(images, size, options)` input that is not `size` NCHW images of the
 * spec, or that asks an executor that cannot train (`trainable` false) for a training-mode pass.
 *
 * @example
 * checkForwardInput(spec, images, 8, { training: true }, false); // throws: needs a trainable executor
 */
export function checkForwardInput(
  spec: ModelSpec,
  images: unknown,
  size: unknown,
  options: { training?: boolean } | undefined,
  trainable: boolean,
): void {
  const problems = findImageProblems(spec, images, size);
  if (options?.training && !trainable) {
    problems.push('options.training needs a trainable executor, and this runtime cannot train');
  }
  throwIfProblems(
    `forward(images, size) for ${formatModelName(spec)}`,
    problems,
    'pass size normalised images in NCHW order as one Float32Array, in eval mode unless the runtime trains',
  );
}

/**
 * Throws the {@link InputError} for a `gradients(batch)` batch that does not fit the spec.
 *
 * @example
 * checkGradientsInput(spec, batch);
 */
export function checkGradientsInput(spec: ModelSpec, batch: Batch): void {
  throwIfProblems(`gradients(batch) for ${formatModelName(spec)}`, findBatchProblems(spec, batch), BATCH_FIX);
}

/** The fix for a bad batch: what a batch of a spec is. */
const BATCH_FIX = 'pass NCHW images of the spec input and one label in [0, numClasses - 1] per image';

/**
 * Throws the {@link InputError} for a `trainStep(batch, options)` whose batch does not fit the spec or whose
 * options are out of range; every problem of both is listed.
 *
 * @example
 * checkTrainStepInput(spec, batch, { learningRate: 0.1 });
 */
export function checkTrainStepInput(spec: ModelSpec, batch: Batch, options: TrainStepOptions): void {
  throwIfProblems(
    `trainStep(batch, options) for ${formatModelName(spec)}`,
    [...findBatchProblems(spec, batch), ...findStepProblems(options)],
    `${BATCH_FIX}, a finite learningRate >= 0 and a microBatchSize >= 1`,
  );
}

/**
 * Throws the {@link InputError} for `compile` options: weights that do not fit the spec, or an optimizer the
 * spec's `validateOptimizer` rejects.
 *
 * @example
 * checkCompileOptions(spec, expandGraph(spec).parameters, { weights, optimizer });
 */
export function checkCompileOptions(
  spec: ModelSpec,
  parameters: readonly ParameterSpec[],
  options: CompileOptions,
): void {
  if (options.weights !== undefined)
    checkWeights(spec, parameters, options.weights, 'compile(spec, { weights })');
  if (options.optimizer === undefined) return;
  try {
    validateOptimizer(options.optimizer);
  } catch (error) {
    throwIfProblems(
      `compile(spec, { optimizer }) for ${formatModelName(spec)}`,
      [(error as Error).message],
      'pass an SgdSpec such as paperRecipe().optimizer',
    );
  }
}

/**
 * Throws the {@link InputError} for a call on an executor after its `dispose()`.
 *
 * @example
 * checkNotDisposed(disposed, 'forward');
 */
export function checkNotDisposed(disposed: boolean, method: string): void {
  if (disposed) throwIfProblems(`${method}()`, ['the executor was disposed'], 'compile the spec again');
}

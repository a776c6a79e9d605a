import type { TrainStepOptions } from './trainable-executor.js';

/** The largest dropout seed: seeds are unsigned 32-bit integers, as `deriveSeed` makes them. */
const MAX_SEED = 0xffffffff;

/**
 * Lists the problems of a training step's options: a learning rate that is not a finite number >= 0, a
 * micro-batch size that is not an integer >= 1, a dropout seed that is not an integer in `[0, 4294967295]`.
 *
 * @example
 * findStepProblems({ learningRate: NaN, microBatchSize: 0 });
 * // ['learningRate must be a finite number >= 0, got NaN', 'microBatchSize must be an integer >= 1, got 0']
 */
export function findStepProblems(options: TrainStepOptions): string[] {
  if (typeof options !== 'object' || options === null)
    return [`options must be { learningRate, ... }, got ${String(options)}`];
  const problems: string[] = [];
  const { learningRate, microBatchSize, dropoutSeed } = options;
  if (typeof learningRate !== 'number' || !Number.isFinite(learningRate) || learningRate < 0) {
    problems.push(`learningRate must be a finite number >= 0, got ${String(learningRate)}`);
  }
  if (microBatchSize !== undefined && (!Number.isInteger(microBatchSize) || microBatchSize < 1)) {
    problems.push(`microBatchSize must be an integer >= 1, got ${String(microBatchSize)}`);
  }
  if (
    dropoutSeed !== undefined &&
    (!Number.isInteger(dropoutSeed) || dropoutSeed < 0 || dropoutSeed > MAX_SEED)
  ) {
    problems.push(`dropoutSeed must be an integer in [0, ${MAX_SEED}], got ${String(dropoutSeed)}`);
  }
  return problems;
}

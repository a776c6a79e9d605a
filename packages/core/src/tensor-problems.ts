import { elementCount, type ParameterSpec } from '@wrn/spec';

/**
 * What a tensor check needs to know of one tensor: its dtype, shape, element count and, where the values were
 * read, the index of the first value that is not finite.
 *
 * @example
 * const stored: TensorDescription = { dtype: 'F32', shape: [10], length: 10 };
 */
export interface TensorDescription {
  dtype: string;
  shape: readonly number[];
  length: number;
  /** Index of the first NaN or infinite value; absent when all are finite or the values were not read. */
  nonFinite?: number;
}

/**
 * Options of {@link findTensorProblems}.
 *
 * @example
 * const options: TensorProblemOptions = { dtype: 'F32', prefix: 'optimizer.', allowMissing: true };
 */
export interface TensorProblemOptions {
  /** The dtype every tensor must have, in the caller's vocabulary (`float32` in memory, `F32` in a file). */
  dtype: string;
  /** Prepended to names in the lines; default none (weights are named as they are). */
  prefix?: string;
  /** Absent names are not problems (momentum buffers exist only once a step ran); default false. */
  allowMissing?: boolean;
}

/**
 * Lists, one line each, how `tensors` differ from the `expected` parameters: missing and unexpected names, wrong
 * dtypes, shapes and data lengths, and non-finite values. The one tensor check of @wrn: runtimes (through
 * {@link findWeightProblems}) and checkpoints use it.
 *
 * @example
 * findTensorProblems(expandGraph(spec).parameters, new Map(), { dtype: 'F32' });
 * // ['missing stem.conv.weight: expected F32 [16, 3, 3, 3]', ...]
 */
export function findTensorProblems(
  expected: readonly ParameterSpec[],
  tensors: ReadonlyMap<string, TensorDescription>,
  options: TensorProblemOptions,
): string[] {
  const prefix = options.prefix ?? ''; // weights are named as they are; momentum buffers pass their prefix
  const problems: string[] = [];
  const known = new Set<string>();
  for (const parameter of expected) {
    known.add(parameter.name);
    const name = prefix + parameter.name;
    const tensor = tensors.get(parameter.name);
    const want = `[${parameter.shape.join(', ')}]`;
    if (!tensor) {
      if (!options.allowMissing) problems.push(`missing ${name}: expected ${options.dtype} ${want}`);
      continue;
    }
    const got = `[${tensor.shape.join(', ')}]`;
    if (tensor.dtype !== options.dtype) {
      problems.push(`wrong dtype for ${name}: expected ${options.dtype}, got ${tensor.dtype}`);
    }
    const size = elementCount(parameter.shape);
    if (got !== want) problems.push(`wrong shape for ${name}: expected ${want}, got ${got}`);
    else if (tensor.length !== size) {
      problems.push(
        `wrong length for ${name}: shape ${want} has ${size} elements but the data has ${tensor.length}`,
      );
    } else if (tensor.nonFinite !== undefined) {
      problems.push(`non-finite value in ${name}: element ${tensor.nonFinite} is not a finite number`);
    }
  }
  for (const [name, tensor] of tensors) {
    if (!known.has(name))
      problems.push(`unexpected ${prefix}${name}: ${tensor.dtype} [${tensor.shape.join(', ')}]`);
  }
  return problems;
}

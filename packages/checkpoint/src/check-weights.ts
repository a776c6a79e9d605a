import type { ParameterSpec } from '@wrn/spec';

/**
 * What is known of a stored tensor when it is checked against the spec: its dtype, shape and element count.
 *
 * @example
 * const stored: StoredTensor = { dtype: 'F32', shape: [10], length: 10 };
 */
export interface StoredTensor {
  dtype: string;
  shape: readonly number[];
  length: number;
}

/**
 * The only dtype a checkpoint's weights and optimizer buffers are stored in.
 *
 * @example
 * tensor.dtype === CHECKPOINT_DTYPE; // 'F32'
 */
export const CHECKPOINT_DTYPE = 'F32';

/**
 * Lists, one line each, how `tensors` differ from the `expected` parameters: missing names, unexpected names,
 * wrong shapes, wrong dtypes and data lengths that do not match the shape. Names are prefixed with `prefix` in the
 * lines. With `allowMissing`, absent names are not problems (optimizer buffers exist only once a step ran).
 *
 * @example
 * findTensorProblems(expandGraph(spec).parameters, new Map()); // ['missing stem.conv.weight: expected F32 [16, 3, 3, 3]', ...]
 */
export function findTensorProblems(
  expected: readonly ParameterSpec[],
  tensors: ReadonlyMap<string, StoredTensor>,
  options: { prefix?: string; allowMissing?: boolean } = {},
): string[] {
  // Weights are named as they are; momentum buffers pass their storage prefix.
  const prefix = options.prefix ?? '';
  const problems: string[] = [];
  const known = new Set<string>();
  for (const parameter of expected) {
    known.add(parameter.name);
    const name = prefix + parameter.name;
    const tensor = tensors.get(parameter.name);
    const want = `[${parameter.shape.join(', ')}]`;
    if (!tensor) {
      if (!options.allowMissing) problems.push(`missing ${name}: expected ${CHECKPOINT_DTYPE} ${want}`);
      continue;
    }
    const got = `[${tensor.shape.join(', ')}]`;
    if (tensor.dtype !== CHECKPOINT_DTYPE) {
      problems.push(`wrong dtype for ${name}: expected ${CHECKPOINT_DTYPE}, got ${tensor.dtype}`);
    }
    const size = parameter.shape.reduce((product, dimension) => product * dimension, 1);
    if (got !== want) problems.push(`wrong shape for ${name}: expected ${want}, got ${got}`);
    else if (tensor.length !== size) {
      problems.push(
        `wrong length for ${name}: shape ${want} has ${size} elements but the data has ${tensor.length}`,
      );
    }
  }
  for (const [name, tensor] of tensors) {
    if (!known.has(name))
      problems.push(`unexpected ${prefix}${name}: ${tensor.dtype} [${tensor.shape.join(', ')}]`);
  }
  return problems;
}

/** Most problems a message lists before summarising the rest (the error's `problems` keeps them all). */
const LISTED_PROBLEMS = 20;

/**
 * Formats problems as one readable message: a headline, then one indented line per problem.
 *
 * @example
 * formatProblems('checkpoint does not match WRN-16-4', ['missing head.fc.bias: expected F32 [10]']);
 */
export function formatProblems(headline: string, problems: readonly string[]): string {
  const listed = problems.slice(0, LISTED_PROBLEMS).map((line) => `  - ${line}`);
  if (problems.length > LISTED_PROBLEMS) listed.push(`  ... and ${problems.length - LISTED_PROBLEMS} more`);
  return `${headline} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${listed.join('\n')}`;
}

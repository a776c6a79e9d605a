import type { ParameterSpec } from '@wrn/spec';
import { findTensorProblems, type TensorDescription } from './tensor-problems.js';

/**
 * The dtype of weights in memory, as problem lines name it: `HostTensor.data` is a Float32Array.
 *
 * @example
 * describeHostTensor({ shape: [1], data: new Float32Array(1) }).dtype === WEIGHT_DTYPE; // true
 */
export const WEIGHT_DTYPE = 'float32';

/**
 * Describes a value that should be a `HostTensor` for {@link findTensorProblems}: dtype `float32` for Float32Array
 * data (else the data's type), its shape and length, and the first non-finite value.
 *
 * @example
 * describeHostTensor({ shape: [2], data: new Float32Array([1, NaN]) }); // { dtype: 'float32', shape: [2], length: 2, nonFinite: 1 }
 */
export function describeHostTensor(tensor: unknown): TensorDescription {
  const { shape, data } = (tensor ?? {}) as { shape?: unknown; data?: unknown };
  const dimensions = Array.isArray(shape) ? (shape as number[]) : [];
  if (!(data instanceof Float32Array)) {
    const type = data === null ? 'null' : ((data as object | undefined)?.constructor?.name ?? typeof data);
    const length = (data as { length?: unknown } | undefined)?.length;
    return { dtype: type, shape: dimensions, length: typeof length === 'number' ? length : 0 };
  }
  const index = data.findIndex((value) => !Number.isFinite(value));
  return {
    dtype: WEIGHT_DTYPE,
    shape: dimensions,
    length: data.length,
    ...(index >= 0 ? { nonFinite: index } : {}),
  };
}

/**
 * Lists the problems of a weight map (or optimizer state, with `allowMissing`) against the parameters it must
 * hold: not a Map, missing, unexpected, wrong dtype, shape or length, non-finite values.
 *
 * @example
 * findWeightProblems(expandGraph(spec).parameters, initWeights(otherSpec, 0));
 * // ['wrong shape for stem.conv.weight: expected [16, 3, 3, 3], got [32, 3, 3, 3]', ...]
 */
export function findWeightProblems(
  parameters: readonly ParameterSpec[],
  weights: unknown,
  options: { allowMissing?: boolean } = {}, // a weight map holds every parameter unless told otherwise
): string[] {
  if (!(weights instanceof Map)) {
    const type =
      weights === null ? 'null' : ((weights as object | undefined)?.constructor?.name ?? typeof weights);
    return [`not a Map of parameter name to { shape, data }: got ${type}`];
  }
  const described = new Map<string, TensorDescription>();
  for (const [name, tensor] of weights as Map<string, unknown>)
    described.set(name, describeHostTensor(tensor));
  return findTensorProblems(parameters, described, {
    dtype: WEIGHT_DTYPE,
    allowMissing: options.allowMissing,
  });
}

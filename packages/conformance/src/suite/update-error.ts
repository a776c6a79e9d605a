import type { WeightMap } from '@wrn/spec';
import type { WeightMap64 } from '@wrn/runtime-reference';
import { assertSameNames } from './compare.js';
import { ConformanceFailure } from './failure.js';

/**
 * How far one tensor's step differs from the reference's step, relative to the largest reference step:
 * `max |(after - before) - (referenceAfter - before)| / max |referenceAfter - before|`. Elementwise tolerances on
 * post-step weights cannot see an error in a small update (2e-3 of an update of 1e-2 is 2e-5); this can. A tensor
 * the reference leaves unchanged scores the largest absolute change instead.
 *
 * @example
 * updateError([1.0102], [1], [1.01]); // 0.02: the update is 0.0102, the reference's 0.01
 */
export function updateError(
  after: ArrayLike<number>,
  before: ArrayLike<number>,
  referenceAfter: ArrayLike<number>,
): number {
  if (after.length !== before.length || referenceAfter.length !== before.length) {
    throw new RangeError(
      `updateError needs equal lengths, got after ${after.length}, before ${before.length}, reference ${referenceAfter.length}`,
    );
  }
  let difference = 0;
  let scale = 0;
  for (let index = 0; index < before.length; index++) {
    const referenceStep = referenceAfter[index]! - before[index]!;
    const gap = Math.abs(after[index]! - referenceAfter[index]!);
    difference = Number.isNaN(gap) ? Infinity : Math.max(difference, gap);
    scale = Math.max(scale, Math.abs(referenceStep));
  }
  return scale === 0 ? difference : difference / scale;
}

/**
 * Asserts every tensor's step is within `limit` of the reference's step by {@link updateError}. The failure names
 * the worst tensor, its error and how many tensors are over the limit.
 *
 * @example
 * assertUpdatesClose('one step', await executor.getWeights(), weights, reference.weights, 1e-4);
 */
export function assertUpdatesClose(
  label: string,
  after: WeightMap,
  before: WeightMap,
  referenceAfter: WeightMap | WeightMap64,
  limit: number,
): void {
  assertSameNames(label, [...after.keys()], [...referenceAfter.keys()]);
  const errors = [...referenceAfter].map(([name, tensor]) => {
    const start = before.get(name);
    if (!start) throw new ConformanceFailure(`${label}: no starting value for '${name}'`);
    return { name, error: updateError(after.get(name)!.data, start.data, tensor.data) };
  });
  const over = errors.filter(({ error }) => !(error <= limit));
  if (over.length > 0) {
    const worst = over.reduce((a, b) => (b.error > a.error ? b : a));
    throw new ConformanceFailure(
      `${label}: ${over.length} of ${errors.length} tensors' updates differ from the reference's by more than ` +
        `${limit} of the largest reference update; worst '${worst.name}' at ${worst.error.toExponential(2)}`,
    );
  }
}

import type { WeightMap } from '@wrn/spec';
import type { WeightMap64 } from '@wrn/runtime-reference';
import { ConformanceFailure } from './failure.js';
import type { Tolerance } from './types.js';

/**
 * Asserts `|actual - expected| <= atol + rtol |expected|` elementwise (expected is the reference), with equal lengths.
 * The failure names the label, the worst element, how many elements are out of tolerance, and the tolerance.
 *
 * @example
 * assertClose('logits', runtimeLogits, referenceLogits.data, { atol: 1e-4, rtol: 1e-4 });
 */
export function assertClose(
  label: string,
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: Tolerance,
): void {
  if (actual.length !== expected.length) {
    throw new ConformanceFailure(`${label}: ${actual.length} values, the reference has ${expected.length}`);
  }
  let worst = -1;
  let worstExcess = 0;
  let violations = 0;
  for (let index = 0; index < expected.length; index++) {
    const a = actual[index]!;
    const b = expected[index]!;
    const allowed = tolerance.atol + tolerance.rtol * Math.abs(b);
    const error = Math.abs(a - b);
    if (!(error <= allowed)) {
      violations++;
      const excess = Number.isNaN(error) ? Infinity : error / allowed;
      if (worst < 0 || excess > worstExcess) [worst, worstExcess] = [index, excess];
    }
  }
  if (violations > 0) {
    const a = actual[worst]!;
    const b = expected[worst]!;
    throw new ConformanceFailure(
      `${label}: ${violations} of ${expected.length} values differ from the reference; worst at [${worst}]: ` +
        `${a} vs ${b} (|diff| ${Math.abs(a - b).toExponential(2)} > atol ${tolerance.atol} + rtol ${tolerance.rtol} * |ref|)`,
    );
  }
}

/**
 * True when every element is within tolerance (see {@link assertClose}), false otherwise.
 *
 * @example
 * isClose([1.00001], [1], { atol: 1e-4, rtol: 0 }); // true
 */
export function isClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: Tolerance,
): boolean {
  if (actual.length !== expected.length) return false;
  for (let index = 0; index < expected.length; index++) {
    const allowed = tolerance.atol + tolerance.rtol * Math.abs(expected[index]!);
    if (!(Math.abs(actual[index]! - expected[index]!) <= allowed)) return false;
  }
  return true;
}

/**
 * Asserts two maps hold the same names in the same order and close values (see {@link assertClose}).
 *
 * @example
 * assertMapsClose('weights after one step', await executor.getWeights(), reference.weights, tolerance);
 */
export function assertMapsClose(
  label: string,
  actual: WeightMap,
  expected: WeightMap | WeightMap64,
  tolerance: Tolerance,
): void {
  assertSameNames(label, [...actual.keys()], [...expected.keys()]);
  for (const [name, tensor] of expected) {
    const got = actual.get(name)!;
    if (got.shape.join(',') !== tensor.shape.join(',')) {
      throw new ConformanceFailure(
        `${label}: '${name}' has shape [${got.shape.join(', ')}], expected [${tensor.shape.join(', ')}]`,
      );
    }
    assertClose(`${label}, '${name}'`, got.data, tensor.data, tolerance);
  }
}

/**
 * Asserts two name lists are equal, in order; the failure lists what is missing, unexpected or out of order.
 *
 * @example
 * assertSameNames('weights', [...weights.keys()], graph.parameters.map((p) => p.name));
 */
export function assertSameNames(label: string, actual: string[], expected: string[]): void {
  const missing = expected.filter((name) => !actual.includes(name));
  const unexpected = actual.filter((name) => !expected.includes(name));
  if (missing.length > 0 || unexpected.length > 0) {
    const list = (names: string[]) =>
      names.slice(0, 4).join(', ') + (names.length > 4 ? `, ... (${names.length})` : '');
    throw new ConformanceFailure(`${label}: missing [${list(missing)}], unexpected [${list(unexpected)}]`);
  }
  const firstOutOfOrder = expected.findIndex((name, index) => actual[index] !== name);
  if (firstOutOfOrder >= 0) {
    throw new ConformanceFailure(
      `${label}: names out of the graph's parameter order at position ${firstOutOfOrder}: ` +
        `'${actual[firstOutOfOrder]}' where '${expected[firstOutOfOrder]}' belongs`,
    );
  }
}

/**
 * Fails with `message` unless `condition` holds.
 *
 * @example
 * check(result.examples === 3, `StepResult.examples is ${result.examples}, expected 3`);
 */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new ConformanceFailure(message);
}

/**
 * Asserts a runtime's `correct` count equals the reference's, unless some example's two best reference logits are
 * within `margin` of each other (then float32 rounding may legitimately flip the argmax and nothing is asserted).
 *
 * @example
 * assertCorrectCount(result.correct, referenceLogits, batch.labels, 1e-3);
 */
export function assertCorrectCount(
  actual: number,
  logits: { shape: number[]; data: ArrayLike<number> },
  labels: Int32Array,
  margin: number,
): void {
  const classes = logits.shape[1] ?? 0;
  let expected = 0;
  for (let n = 0; n < labels.length; n++) {
    const row = Array.from({ length: classes }, (_, k) => logits.data[n * classes + k]!);
    const sorted = [...row].sort((a, b) => b - a);
    if (sorted[0]! - sorted[1]! < margin) return; // a near tie: either answer is right
    if (row.indexOf(sorted[0]!) === labels[n]) expected++;
  }
  check(
    actual === expected,
    `StepResult.correct is ${actual}, the reference counts ${expected} correct predictions`,
  );
}

/** Most problems a message lists before counting the rest (the error's `problems` keeps them all). */
const LISTED_PROBLEMS = 5;

/**
 * The one error every runtime throws for a bad input: weights that do not fit the spec, a malformed batch, a bad
 * step option, or a call after `dispose()`. It extends `RangeError` (the project's class for argument errors) and
 * keeps every problem found in `problems`; the message is one line: the input, the problems, the fix.
 *
 * @example
 * try {
 *   await executor.setWeights(otherWeights);
 * } catch (error) {
 *   if (error instanceof InputError) console.error(error.problems.join('\n'));
 * }
 */
export class InputError extends RangeError {
  override readonly name = 'InputError';

  constructor(
    /** What was checked, e.g. `setWeights(weights) for WRN-10-1`. */
    readonly subject: string,
    /** Every problem found, one line each, e.g. `missing head.fc.bias: expected float32 [10]`. */
    readonly problems: readonly string[],
    /** How to fix it, e.g. `pass weights made for this spec`. */
    readonly fix: string,
  ) {
    const listed = problems.slice(0, LISTED_PROBLEMS).join('; ');
    const more = problems.length > LISTED_PROBLEMS ? `; and ${problems.length - LISTED_PROBLEMS} more` : '';
    super(`${subject}: ${listed}${more}; ${fix}`);
  }
}

/**
 * Throws an {@link InputError} when `problems` is not empty.
 *
 * @example
 * throwIfProblems('batch', findBatchProblems(spec, batch), 'pass one label per image');
 */
export function throwIfProblems(subject: string, problems: readonly string[], fix: string): void {
  if (problems.length > 0) throw new InputError(subject, problems, fix);
}

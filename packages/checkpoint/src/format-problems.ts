/**
 * The only dtype a checkpoint's weights and optimizer buffers are stored in.
 *
 * @example
 * tensor.dtype === CHECKPOINT_DTYPE; // 'F32'
 */
export const CHECKPOINT_DTYPE = 'F32';

/** Most problems a message lists before summarising the rest (the error's `problems` keeps them all). */
const LISTED_PROBLEMS = 20;

/**
 * Formats the problems of `findTensorProblems` (from `@wrn/core`) as one readable message: a headline, then one
 * indented line per problem.
 *
 * @example
 * formatProblems('checkpoint does not match WRN-16-4', ['missing head.fc.bias: expected F32 [10]']);
 */
export function formatProblems(headline: string, problems: readonly string[]): string {
  const listed = problems.slice(0, LISTED_PROBLEMS).map((line) => `  - ${line}`);
  if (problems.length > LISTED_PROBLEMS) listed.push(`  ... and ${problems.length - LISTED_PROBLEMS} more`);
  return `${headline} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${listed.join('\n')}`;
}

/**
 * Thrown by a case when the runtime under test disagrees with the reference or the contract.
 *
 * @example
 * throw new ConformanceFailure('logits differ from the reference at [0, 3]: 0.52 vs 0.61');
 */
export class ConformanceFailure extends Error {
  override readonly name = 'ConformanceFailure';
}

/**
 * Thrown by a case that cannot run here (for a reason found only while running); the case is reported as skipped.
 *
 * @example
 * throw new ConformanceSkip('the runtime reports no memory');
 */
export class ConformanceSkip extends Error {
  override readonly name = 'ConformanceSkip';
}

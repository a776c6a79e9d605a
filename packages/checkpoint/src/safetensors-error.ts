/**
 * Thrown for a malformed, truncated or hostile safetensors file, or for tensors that cannot be written as one.
 * The message names what is wrong, the offending value and, where there is one, the fix.
 *
 * @example
 * try {
 *   decodeSafetensors(bytes);
 * } catch (error) {
 *   if (error instanceof SafetensorsError) console.error(`not a valid safetensors file: ${error.message}`);
 * }
 */
export class SafetensorsError extends Error {
  override readonly name = 'SafetensorsError';
}

/**
 * Thrown when a checkpoint's tensors do not match its spec (missing, unexpected, wrong shape or dtype) or its
 * metadata is not a @wrn checkpoint's. `problems` lists every mismatch, one line each.
 *
 * @example
 * try {
 *   decodeCheckpoint(bytes);
 * } catch (error) {
 *   if (error instanceof CheckpointError) error.problems.forEach((line) => console.error(line));
 * }
 */
export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';

  constructor(
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(message);
  }
}

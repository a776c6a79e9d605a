/**
 * Exit codes of the `wrn` command, documented in the README.
 *
 * @example
 * process.exitCode = EXIT_CODES.userError;
 */
export const EXIT_CODES = {
  ok: 0,
  /** Bad input: unknown model, invalid depth, missing or corrupt data or checkpoint. */
  userError: 1,
  /** Bad command line: unknown command or option, missing argument. */
  usage: 2,
  /** The requested runtime or backend is not installed or has no device here. */
  runtimeUnavailable: 3,
  /** Training stopped because the loss became NaN or infinite (the last good checkpoint is kept). */
  diverged: 4,
  /** Interrupted by Ctrl-C / SIGTERM after saving the checkpoint. */
  interrupted: 130,
} as const;

/**
 * An error the user can fix: printed as one line (no stack trace unless --verbose), with its exit code.
 *
 * @example
 * throw new UserError('checkpoint runs/a/last.safetensors does not exist', EXIT_CODES.userError);
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    readonly exitCode: number = EXIT_CODES.userError,
  ) {
    super(message);
  }
}

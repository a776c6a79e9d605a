import type { CommandOptions } from './arguments.js';

/**
 * One `wrn` sub-command: its options, its help (with an example) and what it runs. Commands load runtimes lazily,
 * inside `run`.
 *
 * @example
 * const plot: Command = { name: 'plot', options: { out: { type: 'string' } }, summary: 'draw curves', help: 'Usage: wrn plot RUN_DIR [--out FILE]', run: async (argv, io) => 0 };
 */
export interface Command {
  name: string;
  /** The options `run` parses besides the common ones (`--help`, `--verbose`, `--json`); `help` names each. */
  options: CommandOptions;
  summary: string;
  help: string;
  run(argv: string[], io: CommandIo): Promise<number>;
}

/**
 * Where a command writes, so tests can capture output.
 *
 * @example
 * const io: CommandIo = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text), isTty: false };
 */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is an interactive terminal (progress bars only then). */
  isTty: boolean;
}

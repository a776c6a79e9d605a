/**
 * One `wrn` sub-command: its help (with an example) and what it runs. Commands load runtimes lazily, inside `run`.
 *
 * @example
 * const summary: Command = { name: 'summary', summary: 'print a model summary', help: '...', run: async (argv, io) => 0 };
 */
export interface Command {
  name: string;
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

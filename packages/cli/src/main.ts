import type { Command, CommandIo } from './command.js';
import { benchCommand } from './commands/bench.js';
import { conformanceCommand } from './commands/conformance.js';
import { dataCommand } from './commands/data.js';
import { evalCommand } from './commands/evaluate.js';
import { exportCommand } from './commands/export.js';
import { initCommand } from './commands/init.js';
import { plotCommand } from './commands/plot.js';
import { predictCommand } from './commands/predict.js';
import { summaryCommand } from './commands/summary.js';
import { trainCommand } from './commands/train.js';
import { EXIT_CODES, UserError } from './errors.js';
import { cliVersion } from './version.js';

/** Every command, in the order `wrn --help` lists them. */
export const COMMANDS: Command[] = [
  summaryCommand,
  initCommand,
  trainCommand,
  evalCommand,
  predictCommand,
  exportCommand,
  conformanceCommand,
  benchCommand,
  plotCommand,
  dataCommand,
];

function usage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    'Usage: wrn <command> [options]   (wrn <command> --help for its options and an example)',
    '',
    'Wide Residual Networks: define, train, evaluate, export and run them on TensorFlow.js, WebGPU or ONNX Runtime.',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Every command also takes --help (its options and an example) and --verbose (stack traces with errors);',
    '--json, where a command documents it, prints machine-readable output.',
    '',
    'Example:',
    '  wrn train --model WRN-16-4 --dataset cifar10 --download --epochs 10 --out runs/wrn-16-4',
  ].join('\n');
}

/**
 * Runs the `wrn` command line and returns the exit code; user errors print one line (a stack with --verbose).
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2), io);
 */
export async function main(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(`${usage()}\n`);
    return name ? EXIT_CODES.ok : EXIT_CODES.usage;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${cliVersion()}\n`);
    return EXIT_CODES.ok;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    io.err(`wrn: unknown command '${name}'; commands: ${COMMANDS.map((c) => c.name).join(', ')}\n`);
    return EXIT_CODES.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${command.help}\n`);
    return EXIT_CODES.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    const verbose = rest.includes('--verbose');
    if (error instanceof UserError) {
      io.err(`wrn ${name}: ${error.message}\n`);
      if (verbose && error.stack) io.err(`${error.stack}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`wrn ${name}: ${message}\n`);
    io.err(
      verbose && error instanceof Error && error.stack
        ? `${error.stack}\n`
        : '(run again with --verbose for the stack trace)\n',
    );
    return EXIT_CODES.userError;
  }
}

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EXIT_CODES, UserError } from './errors.js';

/**
 * The options a command's argument parser accepts, in `node:util` `parseArgs` form.
 *
 * @example
 * const options: CommandOptions = { out: { type: 'string' }, resize: { type: 'boolean' } };
 */
export type CommandOptions = NonNullable<ParseArgsConfig['options']>;
type Options = CommandOptions;
/** Parsed option values: booleans for flags, strings (or string lists with `multiple`) otherwise. */
type OptionValues<T extends Options> = {
  [K in keyof T]?: T[K] extends { type: 'boolean' }
    ? boolean
    : T[K] extends { multiple: true }
      ? string[]
      : string;
};

/** Options every command takes. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  verbose: { type: 'boolean' },
  json: { type: 'boolean' },
} as const satisfies Options;

/**
 * Parses a command's arguments strictly; unknown options and missing values become usage errors that name the
 * option and point at `--help`.
 *
 * @example
 * const { values, positionals } = parseCommand('summary', argv, { variant: { type: 'string' } });
 */
export function parseCommand<T extends Options>(
  command: string,
  argv: string[],
  options: T,
): { values: OptionValues<T & typeof COMMON_OPTIONS>; positionals: string[] } {
  try {
    return parseArgs({
      args: argv,
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    }) as {
      values: OptionValues<T & typeof COMMON_OPTIONS>;
      positionals: string[];
    };
  } catch (error) {
    throw new UserError(
      `${(error as Error).message.replace(/\. To specify.*$/s, '')}; see 'wrn ${command} --help'`,
      EXIT_CODES.usage,
    );
  }
}

/**
 * Reads an integer option, with a clear error naming it.
 *
 * @example
 * const epochs = integerOption(values.epochs, '--epochs', { min: 1 });
 */
export function integerOption(value: unknown, name: string, { min = 0 } = {}): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min)
    throw new UserError(`${name} must be an integer >= ${min}, got '${String(value)}'`, EXIT_CODES.usage);
  return number;
}

/**
 * Reads a number option, with a clear error naming it.
 *
 * @example
 * const lr = numberOption(values.lr, '--lr', { min: 0 });
 */
export function numberOption(
  value: unknown,
  name: string,
  { min = -Infinity, max = Infinity } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number < min || number > max) {
    throw new UserError(
      `${name} must be a number in [${min}, ${max}], got '${String(value)}'`,
      EXIT_CODES.usage,
    );
  }
  return number;
}

/**
 * Requires an option to be present.
 *
 * @example
 * const out = requireOption(values.out, '--out', 'init');
 */
export function requireOption<T>(value: T | undefined, name: string, command: string): T {
  if (value === undefined || value === '')
    throw new UserError(`${name} is required; see 'wrn ${command} --help'`, EXIT_CODES.usage);
  return value;
}

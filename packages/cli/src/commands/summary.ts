import { formatSummary, summarize } from '@wrn/spec';
import { parseCommand } from '../arguments.js';
import type { Command } from '../command.js';
import { MODEL_OPTIONS, specFromOptions } from '../model-options.js';

/**
 * `wrn summary <model>`: the layer table, parameter totals and multiply-accumulates (never loads a runtime).
 *
 * @example
 * await summaryCommand.run(['WRN-28-10', '--json'], io);
 */
export const summaryCommand: Command = {
  name: 'summary',
  options: MODEL_OPTIONS,
  summary: 'print the layers, parameter counts and multiply-accumulates of a model',
  help: `Usage: wrn summary <model> [--variant paper|seed-pytorch|seed-keras] [--classes N] [--dropout X] [--json]

Prints the layer table (name, output shape, parameters), trainable and non-trainable totals and the forward
multiply-accumulates per image; --variant, --classes and --dropout choose the model as in 'wrn init'. --json
prints { model, rows, trainableParams, nonTrainableParams, macs }.

Example:
  wrn summary WRN-28-10 --classes 100
  wrn summary 'WRN-40-4-B(3,1,3)' --json`,
  async run(argv, io) {
    const { values, positionals } = parseCommand('summary', argv, MODEL_OPTIONS);
    const summary = summarize(specFromOptions(positionals[0], values));
    io.out(values.json ? `${JSON.stringify(summary)}\n` : `${formatSummary(summary)}\n`);
    return 0;
  },
};

import { saveCheckpoint } from '@wrn/checkpoint/node';
import { initWeights } from '@wrn/spec';
import { integerOption, parseCommand, requireOption } from '../arguments.js';
import type { Command } from '../command.js';
import { UserError } from '../errors.js';
import { MODEL_OPTIONS, specFromOptions } from '../model-options.js';

/** The options of `wrn init` besides the common ones (each named in its help). */
const INIT_OPTIONS = { ...MODEL_OPTIONS, seed: { type: 'string' }, out: { type: 'string' } } as const;

/**
 * `wrn init <model> --seed S --out FILE`: a freshly initialised checkpoint (identical in every runtime).
 *
 * @example
 * await initCommand.run(['WRN-16-4', '--seed', '1', '--out', 'wrn-16-4.safetensors'], io);
 */
export const initCommand: Command = {
  name: 'init',
  options: INIT_OPTIONS,
  summary: 'write a freshly initialised checkpoint (the same weights in every runtime)',
  help: `Usage: wrn init <model> [--variant paper|seed-pytorch|seed-keras] [--classes N] [--dropout X] --seed S --out FILE.safetensors

Kaiming-normal (fan-in) conv and fully-connected weights, zero biases, BatchNorm weight 1, bias 0, running mean 0,
running variance 1, from the seeded generator of @wrn/spec. The spec is stored in the file's metadata.

Example:
  wrn init WRN-28-10 --seed 42 --out wrn-28-10-seed42.safetensors`,
  async run(argv, io) {
    const { values, positionals } = parseCommand('init', argv, INIT_OPTIONS);
    const spec = specFromOptions(positionals[0], values);
    const seed = integerOption(requireOption(values.seed, '--seed', 'init'), '--seed') ?? 0;
    const out = requireOption(values.out, '--out', 'init');
    if (!out.endsWith('.safetensors')) throw new UserError(`--out must end in .safetensors, got '${out}'`, 2);
    try {
      await saveCheckpoint(out, {
        spec,
        weights: initWeights(spec, seed),
        metadata: { 'wrn.init': JSON.stringify({ seed }) },
      });
    } catch (error) {
      throw new UserError(`cannot write ${out}: ${(error as Error).message}`);
    }
    io.out(values.json ? `${JSON.stringify({ out, seed })}\n` : `wrote ${out} (seed ${seed})\n`);
    return 0;
  },
};

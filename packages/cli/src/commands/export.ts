import { parseCommand, requireOption } from '../arguments.js';
import { readCheckpointOption } from '../checkpoint-input.js';
import type { Command } from '../command.js';
import { EXIT_CODES, UserError } from '../errors.js';

/** The options of `wrn export` besides the common ones (each named in its help). */
const EXPORT_OPTIONS = {
  checkpoint: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  'fold-bn': { type: 'boolean' },
  probabilities: { type: 'boolean' },
} as const;

/**
 * `wrn export --checkpoint FILE --format onnx --out FILE`: a self-describing ONNX model.
 *
 * @example
 * await exportCommand.run(['--checkpoint', 'best.safetensors', '--format', 'onnx', '--out', 'model.onnx', '--fold-bn'], io);
 */
export const exportCommand: Command = {
  name: 'export',
  options: EXPORT_OPTIONS,
  summary: 'export a checkpoint to ONNX (optionally folding BatchNorm into convolutions)',
  help: `Usage: wrn export --checkpoint FILE.safetensors --format onnx --out FILE.onnx [--fold-bn] [--probabilities]

Writes an ONNX model (opset 17) with input 'input' [N, 3, H, W] (dynamic batch) and output 'logits' [N, classes];
--probabilities adds a Softmax output 'probabilities'; --fold-bn folds each BatchNorm that directly follows a
convolution into it. The spec and class names travel in the file's metadata_props.

Example:
  wrn export --checkpoint runs/wrn-16-4/best.safetensors --format onnx --fold-bn --out wrn-16-4.onnx`,
  async run(argv, io) {
    const { values } = parseCommand('export', argv, EXPORT_OPTIONS);
    const format = values.format ?? 'onnx';
    if (format !== 'onnx') throw new UserError(`--format must be onnx, got '${format}'`, EXIT_CODES.usage);
    const out = requireOption(values.out, '--out', 'export');
    const { spec, weights } = await readCheckpointOption(values.checkpoint);
    let saveOnnx: (path: string, spec: unknown, weights: unknown, options: object) => Promise<number>;
    try {
      ({ saveOnnx } = (await import('@wrn/runtime-onnx/node')) as unknown as { saveOnnx: typeof saveOnnx });
    } catch (error) {
      throw new UserError(
        `ONNX export needs @wrn/runtime-onnx (${(error as Error).message}); run: npm install @wrn/runtime-onnx`,
        EXIT_CODES.runtimeUnavailable,
      );
    }
    let bytes: number;
    try {
      bytes = await saveOnnx(out, spec, weights, {
        foldBatchNorm: Boolean(values['fold-bn']),
        probabilities: Boolean(values.probabilities),
      });
    } catch (error) {
      throw new UserError(`cannot export to ${out}: ${(error as Error).message}`);
    }
    io.out(
      values.json ? `${JSON.stringify({ out, bytes })}\n` : `wrote ${out} (${(bytes / 1e6).toFixed(1)} MB)\n`,
    );
    return 0;
  },
};

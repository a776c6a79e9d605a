import { parseCommand, requireOption } from '../arguments.js';
import { readCheckpointOption } from '../checkpoint-input.js';
import type { Command } from '../command.js';
import { EXIT_CODES, UserError } from '../errors.js';
import { exportOptimizer } from '../export-optimizer.js';

/** The options of `wrn export` besides the common ones (each named in its help). */
const EXPORT_OPTIONS = {
  checkpoint: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  'fold-bn': { type: 'boolean' },
  probabilities: { type: 'boolean' },
  training: { type: 'boolean' },
  graph: { type: 'string' },
} as const;

/** What `wrn export` uses of `@wrn/runtime-onnx/node`, loaded only when the command runs (an optional peer). */
interface OnnxExporter {
  saveOnnx(path: string, spec: unknown, weights: unknown, options: object): Promise<number>;
  saveTrainingOnnx(path: string, spec: unknown, weights: unknown, options: object): Promise<number>;
  TRAINING_GRAPH_KINDS: readonly string[];
}

/**
 * `wrn export --checkpoint FILE --format onnx --out FILE [--training [--graph KIND]]`: a self-describing ONNX model,
 * for inference or as a training graph.
 *
 * @example
 * await exportCommand.run(['--checkpoint', 'best.safetensors', '--format', 'onnx', '--out', 'model.onnx', '--fold-bn'], io);
 * await exportCommand.run(['--checkpoint', 'last.safetensors', '--out', 'step.onnx', '--training'], io);
 */
export const exportCommand: Command = {
  name: 'export',
  options: EXPORT_OPTIONS,
  summary: 'export a checkpoint to ONNX, for inference or as a training graph',
  help: `Usage: wrn export --checkpoint FILE.safetensors --format onnx --out FILE.onnx [--fold-bn] [--probabilities]
       wrn export --checkpoint FILE.safetensors --format onnx --out FILE.onnx --training [--graph KIND]

Writes an ONNX model (opset 17) with input 'input' [N, 3, H, W] (dynamic batch) and output 'logits' [N, classes];
--probabilities adds a Softmax output 'probabilities'; --fold-bn folds each BatchNorm that directly follows a
convolution into it. The spec and class names travel in the file's metadata_props.

--training writes a training graph instead, in standard operators, for any ONNX engine: --graph KIND is one of
step|micro-batch|update|gradients|training-forward (default step: one run is a whole SGD step on a batch). The
checkpoint's weights and zero momentum buffers are stored as defaults of their graph inputs, so the first step needs
only 'input', 'labels', 'learning_rate' and (with dropout) the 'dropout_mask.*' inputs; new values come out as
'updated.<name>'. The optimizer built in (momentum, Nesterov, dampening, weight decay; the learning rate is an
input) is the run's: the checkpoint's run state, else the run folder's config.json, else the paper recipe. Every
input and output is documented in the README of @wrn/runtime-onnx.

Example:
  wrn export --checkpoint runs/wrn-16-4/best.safetensors --format onnx --fold-bn --out wrn-16-4.onnx
  wrn export --checkpoint runs/wrn-16-4/last.safetensors --format onnx --training --out wrn-16-4-step.onnx`,
  async run(argv, io) {
    const { values } = parseCommand('export', argv, EXPORT_OPTIONS);
    const format = values.format ?? 'onnx';
    if (format !== 'onnx') throw new UserError(`--format must be onnx, got '${format}'`, EXIT_CODES.usage);
    if (values.training) {
      for (const flag of ['fold-bn', 'probabilities'] as const) {
        if (values[flag])
          throw new UserError(
            `--${flag} applies to inference exports, not --training; drop one of them`,
            EXIT_CODES.usage,
          );
      }
    } else if (values.graph !== undefined) {
      throw new UserError('--graph chooses a training graph; add --training', EXIT_CODES.usage);
    }
    const out = requireOption(values.out, '--out', 'export');
    let exporter: OnnxExporter;
    try {
      exporter = (await import('@wrn/runtime-onnx/node')) as unknown as OnnxExporter;
    } catch (error) {
      throw new UserError(
        `ONNX export needs @wrn/runtime-onnx (${(error as Error).message}); run: npm install @wrn/runtime-onnx`,
        EXIT_CODES.runtimeUnavailable,
      );
    }
    const graph = values.graph ?? 'step'; // one run is a whole SGD step: what another engine needs to train
    if (values.training && !exporter.TRAINING_GRAPH_KINDS.includes(graph)) {
      throw new UserError(
        `--graph must be one of ${exporter.TRAINING_GRAPH_KINDS.join(', ')}, got '${graph}'`,
        EXIT_CODES.usage,
      );
    }
    const { spec, weights, metadata } = await readCheckpointOption(values.checkpoint);
    const optimizer = values.training ? exportOptimizer(values.checkpoint!, metadata) : undefined;
    let bytes: number;
    try {
      bytes = optimizer
        ? await exporter.saveTrainingOnnx(out, spec, weights, { graph, optimizer: optimizer.optimizer })
        : await exporter.saveOnnx(out, spec, weights, {
            foldBatchNorm: Boolean(values['fold-bn']),
            probabilities: Boolean(values.probabilities),
          });
    } catch (error) {
      throw new UserError(`cannot export to ${out}: ${(error as Error).message}`);
    }
    const training = optimizer && {
      graph,
      optimizer: optimizer.optimizer,
      optimizerSource: optimizer.source,
    };
    if (values.json) {
      io.out(`${JSON.stringify({ out, bytes, ...training })}\n`);
    } else {
      const what = training ? `: training graph '${graph}', optimizer from ${training.optimizerSource}` : '';
      io.out(`wrote ${out} (${(bytes / 1e6).toFixed(1)} MB)${what}\n`);
    }
    return 0;
  },
};

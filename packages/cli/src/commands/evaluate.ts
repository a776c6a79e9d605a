import { evaluate, evaluationData } from '@wrn/train';
import { integerOption, parseCommand } from '../arguments.js';
import { readCheckpointOption } from '../checkpoint-input.js';
import type { Command } from '../command.js';
import { datasetFolder, datasetName, readSplit } from '../dataset-input.js';
import { chooseRuntime, RUNTIME_HELP } from '../runtime-choice.js';
import { loadRuntime } from '../runtime-loader.js';

/** The options of `wrn eval` besides the common ones (each named in its help). */
const EVALUATE_OPTIONS = {
  checkpoint: { type: 'string' },
  dataset: { type: 'string' },
  'data-dir': { type: 'string' },
  download: { type: 'boolean' },
  'limit-test': { type: 'string' },
  runtime: { type: 'string' },
  backend: { type: 'string' },
} as const;

/**
 * `wrn eval --checkpoint FILE`: top-1/top-5 error, per-class accuracy and the confusion matrix on the test split.
 *
 * @example
 * await evalCommand.run(['--checkpoint', 'runs/a/best.safetensors', '--json'], io);
 */
export const evalCommand: Command = {
  name: 'eval',
  options: EVALUATE_OPTIONS,
  summary:
    'evaluate a checkpoint on the test split (top-1/top-5 error, per-class accuracy, confusion matrix)',
  help: `Usage: wrn eval --checkpoint FILE.safetensors [--dataset cifar10|cifar100] [--data-dir DIR | --download]
                [--limit-test N] [--runtime onnx|tfjs|webgpu|reference] [--backend B] [--json]

The checkpoint records its model, so no model flags are needed. --json prints
{ top1Error, top5Error, loss, n, perClassAccuracy, confusion, classNames } with errors as fractions.

${RUNTIME_HELP}

Example:
  wrn eval --checkpoint runs/wrn-16-4/best.safetensors --data-dir ~/data/cifar-10-batches-bin --runtime onnx`,
  async run(argv, io) {
    const { values } = parseCommand('eval', argv, EVALUATE_OPTIONS);
    const checkpoint = await readCheckpointOption(values.checkpoint);
    const dataset = datasetName(
      values.dataset ?? (checkpoint.spec.numClasses === 100 ? 'cifar100' : 'cifar10'),
    );
    const folder = await datasetFolder(dataset, { dataDir: values['data-dir'], download: values.download });
    const testSet = await readSplit(
      dataset,
      folder,
      'test',
      integerOption(values['limit-test'], '--limit-test', { min: 1 }),
    );
    const runtime = await loadRuntime(await chooseRuntime(values), values.backend, {
      verbose: Boolean(values.verbose),
    });
    try {
      const executor = await runtime.compile(checkpoint.spec, { weights: checkpoint.weights });
      const result = await evaluate(
        executor,
        evaluationData(testSet, { spec: checkpoint.spec, batchSize: 100 }),
      ).finally(() => executor.dispose());
      const classNames = testSet.classNames;
      if (values.json) {
        io.out(
          `${JSON.stringify({ ...result, classNames, runtime: runtime.name, backend: runtime.backend })}\n`,
        );
        return 0;
      }
      const width = Math.max(...classNames.map((name) => name.length));
      io.out(
        [
          `${result.n} test images, ${runtime.name}/${runtime.backend}`,
          `top-1 error ${(result.top1Error * 100).toFixed(2)}%  top-5 error ${(result.top5Error * 100).toFixed(2)}%  loss ${result.loss.toFixed(4)}`,
          '',
          'per-class accuracy:',
          ...classNames.map(
            (name, i) =>
              `  ${name.padEnd(width)}  ${((result.perClassAccuracy[i] ?? Number.NaN) * 100).toFixed(1)}%`,
          ),
          ...(classNames.length <= 20
            ? [
                '',
                'confusion (rows: label, columns: prediction):',
                ...result.confusion.map(
                  (row, i) =>
                    `  ${(classNames[i] ?? '').padEnd(width)}  ${row.map((n) => String(n).padStart(4)).join('')}`,
                ),
              ]
            : []),
        ].join('\n') + '\n',
      );
      return 0;
    } finally {
      await runtime.dispose();
    }
  },
};

import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Dataset } from '@wrn/data';
import { decodeImage, resizeBilinear } from '@wrn/data/node';
import { evaluationData } from '@wrn/train';
import { integerOption, parseCommand } from '../arguments.js';
import { readCheckpointOption } from '../checkpoint-input.js';
import type { Command } from '../command.js';
import { datasetFolder, datasetName, readSplit } from '../dataset-input.js';
import { UserError } from '../errors.js';
import { chooseRuntime, RUNTIME_HELP } from '../runtime-choice.js';
import { loadRuntime } from '../runtime-loader.js';
import { topClasses } from '../top-classes.js';

/** The options of `wrn predict` besides the common ones (each named in its help). */
const PREDICT_OPTIONS = {
  checkpoint: { type: 'string' },
  image: { type: 'string', multiple: true },
  resize: { type: 'boolean' },
  'data-dir': { type: 'string' },
  dataset: { type: 'string' },
  split: { type: 'string' },
  limit: { type: 'string' },
  runtime: { type: 'string' },
  backend: { type: 'string' },
} as const;

/**
 * `wrn predict --checkpoint FILE (--image FILE... | --data-dir DIR)`: top-5 classes per image.
 *
 * @example
 * await predictCommand.run(['--checkpoint', 'best.safetensors', '--image', 'cat.png', '--json'], io);
 */
export const predictCommand: Command = {
  name: 'predict',
  options: PREDICT_OPTIONS,
  summary: 'classify images (PNG/JPEG files or a CIFAR split) with a checkpoint: top-5 classes per image',
  help: `Usage: wrn predict --checkpoint FILE.safetensors (--image FILE [--image FILE ...] [--resize] |
                   --data-dir DIR [--dataset cifar10|cifar100] [--split test|train] [--limit N])
                   [--runtime onnx|tfjs|webgpu|reference] [--backend B] [--json]

Images must have the model's input size (32x32 for CIFAR models) unless --resize is given.
--json prints { predictions: [{ index, file?, label?, logits, top5: [{ class, name?, probability }] }] }.

${RUNTIME_HELP}

Example:
  wrn predict --checkpoint runs/wrn-16-4/best.safetensors --image cat.png --image ship.jpg
  wrn predict --checkpoint runs/wrn-16-4/best.safetensors --data-dir ~/data/cifar-10-batches-bin --limit 8 --json`,
  async run(argv, io) {
    const { values } = parseCommand('predict', argv, PREDICT_OPTIONS);
    const { spec, weights } = await readCheckpointOption(values.checkpoint);
    const files = values.image ?? [];
    if (files.length === 0 && !values['data-dir'])
      throw new UserError('give --image FILE (repeatable) or --data-dir DIR', 2);
    let images: Dataset;
    if (files.length > 0) {
      images = await readImages(files, spec.input, Boolean(values.resize), spec.numClasses);
    } else {
      const split = values.split ?? 'test';
      if (split !== 'test' && split !== 'train')
        throw new UserError(`--split must be test or train, got '${split}'`, 2);
      const dataset = datasetName(values.dataset ?? (spec.numClasses === 100 ? 'cifar100' : 'cifar10'));
      const folder = await datasetFolder(dataset, { dataDir: values['data-dir'] });
      images = await readSplit(
        dataset,
        folder,
        split,
        integerOption(values.limit, '--limit', { min: 1 }) ?? 10,
      );
    }
    const names = spec.classNames ?? (files.length === 0 ? images.classNames : undefined);
    const runtime = await loadRuntime(await chooseRuntime(values), values.backend, {
      verbose: Boolean(values.verbose),
    });
    try {
      const executor = await runtime.compile(spec, { weights });
      const predictions = [];
      let index = 0;
      try {
        for await (const batch of evaluationData(images, { spec, batchSize: 64 }).batches()) {
          const logits = await executor.forward(batch.images, batch.size);
          for (let i = 0; i < batch.size; i++, index++) {
            const row = Array.from(logits.subarray(i * spec.numClasses, (i + 1) * spec.numClasses));
            predictions.push({
              index,
              ...(files[index] ? { file: files[index] } : { label: batch.labels[i] }),
              logits: row,
              top5: topClasses(row, 5, names),
            });
          }
        }
      } finally {
        executor.dispose();
      }
      if (values.json) {
        io.out(`${JSON.stringify({ predictions })}\n`);
      } else {
        for (const prediction of predictions) {
          const source =
            'file' in prediction
              ? basename(String(prediction.file))
              : `#${prediction.index} (label ${names?.[Number(prediction.label)] ?? prediction.label})`;
          const top = prediction.top5
            .map((entry) => `${entry.name ?? entry.class} ${(entry.probability * 100).toFixed(1)}%`)
            .join(', ');
          io.out(`${source}: ${top}\n`);
        }
      }
      return 0;
    } finally {
      await runtime.dispose();
    }
  },
};

async function readImages(
  files: string[],
  input: { channels: number; height: number; width: number },
  resize: boolean,
  classes: number,
): Promise<Dataset> {
  const size = input.channels * input.height * input.width;
  const pixels = new Uint8Array(files.length * size);
  for (const [index, file] of files.entries()) {
    let decoded;
    try {
      decoded = decodeImage(await readFile(file), file);
    } catch (error) {
      throw new UserError(`cannot read image ${file}: ${(error as Error).message}`);
    }
    let image = decoded.pixels;
    if (decoded.height !== input.height || decoded.width !== input.width) {
      if (!resize)
        throw new UserError(
          `image ${file} is ${decoded.width}x${decoded.height}, the model takes ${input.width}x${input.height}; pass --resize to resize it`,
        );
      image = resizeBilinear(
        image,
        { channels: input.channels, height: decoded.height, width: decoded.width },
        input.height,
        input.width,
      );
    }
    pixels.set(image, index * size);
  }
  const { channels, height, width } = input;
  // Files carry no labels: every image gets label 0 of placeholder class names (labels are not reported for files).
  const classNames = Array.from({ length: classes }, (_, index) => String(index));
  return {
    images: pixels,
    labels: new Int32Array(files.length),
    count: files.length,
    channels,
    height,
    width,
    classNames,
  };
}

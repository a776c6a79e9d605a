import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@wrn/checkpoint/node';
import { CIFAR_ARCHIVES, encodeCifarRecords, readImageFolder } from '@wrn/data/node';
import { parseCommand, requireOption } from '../arguments.js';
import type { Command } from '../command.js';
import { datasetName, readSplit } from '../dataset-input.js';
import { EXIT_CODES, UserError } from '../errors.js';

/** The options of `wrn data` besides the common ones (each named in its help). */
const DATA_OPTIONS = {
  dir: { type: 'string' },
  dataset: { type: 'string' },
  'data-dir': { type: 'string' },
  out: { type: 'string' },
  resize: { type: 'boolean' },
} as const;

/**
 * `wrn data download|verify|import-folder`: get, check and convert datasets.
 *
 * @example
 * await dataCommand.run(['verify', '--data-dir', 'data/cifar-10-batches-bin'], io);
 */
export const dataCommand: Command = {
  name: 'data',
  options: DATA_OPTIONS,
  summary: 'download, verify or import datasets (CIFAR-10/100 binary, folders of images)',
  help: `Usage: wrn data download cifar10|cifar100 [--dir DIR]
       wrn data verify [--dataset cifar10|cifar100] --data-dir DIR [--json]
       wrn data import-folder SRC --out DIR [--resize]

download  fetches the official binary archive into DIR (default $WRN_DATA_DIR or ~/.cache/wrn), checks its MD5
          and extracts it; a verified copy is reused.
verify    reads every file of both splits and prints counts, class names and pixel statistics.
import-folder converts SRC/train/<class>/*.png|jpg and SRC/test/<class>/* into the CIFAR-10 binary layout in DIR
          (data_batch_1.bin, test_batch.bin, batches.meta.txt), so 'wrn train --data-dir DIR' can use it.

Example:
  wrn data download cifar10
  wrn data import-folder photos --out data/photos-bin --resize`,
  async run(argv, io) {
    const { values, positionals } = parseCommand('data', argv, DATA_OPTIONS);
    const [action, argument] = positionals;
    if (action === 'download') {
      const name = datasetName(argument);
      const { download } = await import('@wrn/data/node');
      const folder = await download(name, values.dir).catch((error: Error) => {
        throw new UserError(`downloading ${name} failed: ${error.message}`);
      });
      io.out(
        values.json
          ? `${JSON.stringify({ folder, url: CIFAR_ARCHIVES[name].url })}\n`
          : `${name} ready in ${folder}\n`,
      );
      return 0;
    }
    if (action === 'verify') {
      const name = datasetName(values.dataset);
      const folder = requireOption(values['data-dir'], '--data-dir', 'data');
      const splits = {
        train: await readSplit(name, folder, 'train'),
        test: await readSplit(name, folder, 'test'),
      };
      const report = Object.fromEntries(
        Object.entries(splits).map(([split, data]) => [
          split,
          { count: data.count, meanPixel: mean(data.images) / 255 },
        ]),
      );
      const result = { dataset: name, folder, classNames: splits.train.classNames, ...report };
      io.out(
        values.json
          ? `${JSON.stringify(result)}\n`
          : `${name} in ${folder}: ${splits.train.count} train, ${splits.test.count} test images; classes ${result.classNames.join(', ')}; mean pixel ${report.train?.meanPixel.toFixed(4)}\n`,
      );
      return 0;
    }
    if (action === 'import-folder') {
      const source = argument ?? '';
      if (!source)
        throw new UserError(
          "give the source folder, e.g. 'wrn data import-folder photos --out data/photos-bin'",
          EXIT_CODES.usage,
        );
      const out = requireOption(values.out, '--out', 'data');
      const read = (split: string) =>
        readImageFolder(join(source, split), { resize: Boolean(values.resize) }).catch((error: Error) => {
          throw new UserError(error.message);
        });
      const [train, test] = [await read('train'), await read('test')];
      if (train.classNames.join() !== test.classNames.join())
        throw new UserError(`${source}/train and ${source}/test have different class folders`);
      mkdirSync(out, { recursive: true });
      await writeFileAtomic(join(out, 'data_batch_1.bin'), encodeCifarRecords(train.images, [train.labels]));
      await writeFileAtomic(join(out, 'test_batch.bin'), encodeCifarRecords(test.images, [test.labels]));
      await writeFileAtomic(
        join(out, 'batches.meta.txt'),
        new TextEncoder().encode(`${train.classNames.join('\n')}\n`),
      );
      io.out(
        `wrote ${out}: ${train.count} train, ${test.count} test images, ${train.classNames.length} classes\n`,
      );
      return 0;
    }
    throw new UserError(
      `unknown data action '${action ?? ''}'; use download, verify or import-folder (see 'wrn data --help')`,
      EXIT_CODES.usage,
    );
  },
};

function mean(bytes: Uint8Array): number {
  let sum = 0;
  for (const value of bytes) sum += value;
  return bytes.length === 0 ? 0 : sum / bytes.length;
}

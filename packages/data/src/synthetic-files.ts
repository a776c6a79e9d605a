import { writeFileAtomicSync } from '@wrn/checkpoint/node';
import { deriveSeed } from '@wrn/spec';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { encodeCifarRecords, CIFAR_IMAGE_BYTES } from './cifar-format.js';
import { generateSyntheticDataset } from './synthetic.js';

/**
 * Options of {@link writeSyntheticCifar}.
 *
 * @example
 * const options: SyntheticCifarOptions = { classes: 10, trainPerClass: 100, testPerClass: 20, seed: 0, layout: 'cifar10' };
 */
export interface SyntheticCifarOptions {
  classes: number;
  trainPerClass: number;
  testPerClass: number;
  seed: number;
  /** 'cifar10': data_batch_1..5.bin, test_batch.bin, batches.meta.txt; 'cifar100': train.bin, test.bin, label names. */
  layout: 'cifar10' | 'cifar100';
}

/**
 * Writes a small learnable dataset (see `generateSyntheticDataset`) into `directory` in the official binary layout,
 * so `readCifar10`/`readCifar100`, the CLI and training tests run offline. The CIFAR-10 layout spreads the training
 * records over five files as the real one does (fewer when there are fewer than five records); the CIFAR-100 layout adds a coarse label `floor(fine * groups /
 * classes)` with `groups = min(20, classes)`. Every file is written atomically. Returns the written paths.
 *
 * @example
 * writeSyntheticCifar('/tmp/synthetic', { classes: 10, trainPerClass: 50, testPerClass: 10, seed: 1, layout: 'cifar10' });
 * const train = await readCifar10('/tmp/synthetic');
 */
export function writeSyntheticCifar(directory: string, options: SyntheticCifarOptions): string[] {
  const { classes, layout } = options;
  if (layout !== 'cifar10' && layout !== 'cifar100')
    throw new RangeError(`layout must be 'cifar10' or 'cifar100', got ${String(layout)}`);
  for (const key of ['trainPerClass', 'testPerClass'] as const) {
    if (!Number.isInteger(options[key]) || options[key] < 1)
      throw new RangeError(`${key} must be an integer >= 1, got ${options[key]}`);
  }
  const shape = { classes, seed: options.seed };
  const train = generateSyntheticDataset({
    ...shape,
    perClass: options.trainPerClass,
    seed: deriveSeed(options.seed, 'train'),
  });
  const test = generateSyntheticDataset({
    ...shape,
    perClass: options.testPerClass,
    seed: deriveSeed(options.seed, 'test'),
  });
  mkdirSync(directory, { recursive: true });
  const files: [string, Uint8Array | string][] = [];
  if (layout === 'cifar10') {
    const fileCount = Math.min(5, train.count); // five files as the real layout, none of them empty
    for (let file = 0; file < fileCount; file++) {
      const start = Math.floor((file * train.count) / fileCount);
      const end = Math.floor(((file + 1) * train.count) / fileCount);
      const images = train.images.subarray(start * CIFAR_IMAGE_BYTES, end * CIFAR_IMAGE_BYTES);
      files.push([
        `data_batch_${file + 1}.bin`,
        encodeCifarRecords(images, [train.labels.subarray(start, end)]),
      ]);
    }
    files.push(['test_batch.bin', encodeCifarRecords(test.images, [test.labels])]);
    files.push(['batches.meta.txt', `${train.classNames.join('\n')}\n`]);
  } else {
    const groups = Math.min(20, classes);
    const coarse = (labels: Int32Array) => labels.map((fine) => Math.floor((fine * groups) / classes));
    files.push(['train.bin', encodeCifarRecords(train.images, [coarse(train.labels), train.labels])]);
    files.push(['test.bin', encodeCifarRecords(test.images, [coarse(test.labels), test.labels])]);
    files.push(['fine_label_names.txt', `${train.classNames.join('\n')}\n`]);
    files.push([
      'coarse_label_names.txt',
      `${Array.from({ length: groups }, (_, g) => `group-${g}`).join('\n')}\n`,
    ]);
  }
  return files.map(([name, data]) => {
    const path = join(directory, name);
    writeFileAtomicSync(path, typeof data === 'string' ? new TextEncoder().encode(data) : data);
    return path;
  });
}

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '@wrn/data';
import { defaultDataDirectory, download, readCifar10, readCifar100 } from '@wrn/data/node';
import { UserError } from './errors.js';

export type DatasetName = 'cifar10' | 'cifar100';

/**
 * Checks a `--dataset` value.
 *
 * @example
 * datasetName('cifar100'); // 'cifar100'
 */
export function datasetName(value: string | undefined): DatasetName {
  const name = value ?? 'cifar10'; // the paper's flagship benchmark
  if (name !== 'cifar10' && name !== 'cifar100')
    throw new UserError(`--dataset must be cifar10 or cifar100, got '${name}'`, 2);
  return name;
}

/**
 * Finds the dataset folder: `--data-dir`, else a verified copy in the cache (`$WRN_DATA_DIR` or ~/.cache/wrn),
 * else a download when `--download` is given; otherwise a message saying how to get it.
 *
 * @example
 * const folder = await datasetFolder('cifar10', { dataDir: undefined, download: true });
 */
export async function datasetFolder(
  name: DatasetName,
  options: { dataDir?: string | undefined; download?: boolean | undefined },
): Promise<string> {
  if (options.dataDir) {
    if (!existsSync(options.dataDir)) throw new UserError(`--data-dir ${options.dataDir} does not exist`);
    return options.dataDir;
  }
  const cached = join(
    defaultDataDirectory(),
    name === 'cifar10' ? 'cifar-10-batches-bin' : 'cifar-100-binary',
  );
  if (existsSync(cached) && !options.download) return cached;
  if (!options.download) {
    throw new UserError(
      `no ${name} data found in ${defaultDataDirectory()}; pass --download to fetch it (about 170 MB), or --data-dir DIR ` +
        `for an existing copy of the binary version (the folder holding ${name === 'cifar10' ? 'data_batch_1.bin' : 'train.bin'})`,
    );
  }
  try {
    return await download(name);
  } catch (error) {
    throw new UserError(
      `downloading ${name} failed: ${(error as Error).message}; or pass --data-dir DIR for an existing copy`,
    );
  }
}

/**
 * Reads one split of CIFAR-10/100 from a folder, optionally keeping only the first `limit` images.
 *
 * @example
 * const test = await readSplit('cifar10', folder, 'test', 1000);
 */
export async function readSplit(
  name: DatasetName,
  folder: string,
  split: 'train' | 'test',
  limit?: number,
): Promise<Dataset> {
  let dataset: Dataset;
  try {
    dataset =
      name === 'cifar10' ? await readCifar10(folder, { split }) : await readCifar100(folder, { split });
  } catch (error) {
    throw new UserError((error as Error).message);
  }
  return limit === undefined ? dataset : limitDataset(dataset, limit);
}

/**
 * The first `limit` images of a dataset (views, no copy).
 *
 * @example
 * limitDataset(train, 500).count; // 500
 */
export function limitDataset(dataset: Dataset, limit: number): Dataset {
  const count = Math.min(limit, dataset.count);
  const imageSize = dataset.channels * dataset.height * dataset.width;
  return {
    ...dataset,
    count,
    images: dataset.images.subarray(0, count * imageSize),
    labels: dataset.labels.subarray(0, count),
  };
}

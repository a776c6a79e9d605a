import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { decodeCifarFiles, parseLabelNames } from './cifar-format.js';
import type { Dataset } from './dataset.js';
import { allocateShared, readRequiredFile, resolveDatasetDirectory } from './dataset-directory.js';

const HINT = "get the official binary version with download('cifar10', dir) from '@wrn/data/node'";

/**
 * Options of {@link readCifar10}.
 *
 * @example
 * const options: Cifar10ReadOptions = { split: 'test' };
 */
export interface Cifar10ReadOptions {
  /** Default 'train' (data_batch_*.bin); 'test' reads test_batch.bin. */
  split?: 'train' | 'test';
  /**
   * Training files to read; default every `data_batch_1.bin`, `data_batch_2.bin`, ... up to 5 that exists, which
   * must start at 1 and have no gap (a gap means a lost file and is an error).
   */
  files?: string[];
}

/**
 * Reads the CIFAR-10 binary distribution (`cifar-10-batches-bin/`). `directory` may hold the files themselves or
 * the `cifar-10-batches-bin` folder. Class names come from `batches.meta.txt`. Every file is checked before the
 * dataset is built; errors name the file and the problem.
 *
 * @example
 * const train = await readCifar10(await download('cifar10'));
 * const test = await readCifar10('/data/cifar-10-batches-bin', { split: 'test' });
 */
export async function readCifar10(directory: string, options: Cifar10ReadOptions = {}): Promise<Dataset> {
  const folder = resolveDatasetDirectory(directory, 'cifar-10-batches-bin', 'batches.meta.txt', HINT);
  const metaPath = join(folder, 'batches.meta.txt');
  const classNames = parseLabelNames(
    new TextDecoder().decode(await readRequiredFile(metaPath, HINT)),
    metaPath,
  );
  const split = options.split ?? 'train'; // training is the common read
  if (split !== 'train' && split !== 'test')
    throw new RangeError(`split must be 'train' or 'test', got ${String(split)}`);
  const names = split === 'test' ? ['test_batch.bin'] : (options.files ?? presentTrainingFiles(folder));
  const files = [];
  for (const name of names) {
    const path = join(folder, name);
    files.push({ name: path, bytes: await readRequiredFile(path, HINT) });
  }
  return decodeCifarFiles(files, { labelBytes: 1, labelIndex: 0 }, classNames, allocateShared);
}

/** data_batch_1.bin .. data_batch_k.bin, the longest run present; a later file after a gap is an error. */
function presentTrainingFiles(folder: string): string[] {
  const present = [1, 2, 3, 4, 5].map((k) => existsSync(join(folder, `data_batch_${k}.bin`)));
  const run = present.indexOf(false) === -1 ? 5 : present.indexOf(false);
  if (run === 0) throw new Error(`missing file ${join(folder, 'data_batch_1.bin')}; ${HINT}`);
  if (present.slice(run).some(Boolean)) {
    throw new Error(
      `missing file ${join(folder, `data_batch_${run + 1}.bin`)} while later training batches exist; ${HINT}`,
    );
  }
  return Array.from({ length: run }, (_, k) => `data_batch_${k + 1}.bin`);
}

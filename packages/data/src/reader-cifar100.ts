import { join } from 'node:path';
import { decodeCifarFiles, parseLabelNames } from './cifar-format.js';
import type { Dataset } from './dataset.js';
import { allocateShared, readRequiredFile, resolveDatasetDirectory } from './dataset-directory.js';

const HINT = "get the official binary version with download('cifar100', dir) from '@wrn/data/node'";

/**
 * Options of {@link readCifar100}.
 *
 * @example
 * const options: Cifar100ReadOptions = { split: 'test', labels: 'coarse' };
 */
export interface Cifar100ReadOptions {
  /** Default 'train' (train.bin); 'test' reads test.bin. */
  split?: 'train' | 'test';
  /** Default 'fine' (the 100 classes the paper reports); 'coarse' gives the 20 superclasses. */
  labels?: 'fine' | 'coarse';
}

/**
 * Reads the CIFAR-100 binary distribution (`cifar-100-binary/`): records of coarse label, fine label and pixels.
 * `directory` may hold the files or the `cifar-100-binary` folder. Errors name the file and the problem.
 *
 * @example
 * const train = await readCifar100(await download('cifar100'));
 * train.classNames.length; // 100
 */
export async function readCifar100(directory: string, options: Cifar100ReadOptions = {}): Promise<Dataset> {
  const labels = options.labels ?? 'fine'; // the paper's CIFAR-100 results use the 100 fine classes
  if (labels !== 'fine' && labels !== 'coarse')
    throw new RangeError(`labels must be 'fine' or 'coarse', got ${String(labels)}`);
  const namesFile = labels === 'fine' ? 'fine_label_names.txt' : 'coarse_label_names.txt';
  const folder = resolveDatasetDirectory(directory, 'cifar-100-binary', namesFile, HINT);
  const namesPath = join(folder, namesFile);
  const classNames = parseLabelNames(
    new TextDecoder().decode(await readRequiredFile(namesPath, HINT)),
    namesPath,
  );
  const split = options.split ?? 'train'; // training is the common read
  if (split !== 'train' && split !== 'test')
    throw new RangeError(`split must be 'train' or 'test', got ${String(split)}`);
  const path = join(folder, split === 'train' ? 'train.bin' : 'test.bin');
  const bytes = await readRequiredFile(path, HINT);
  return decodeCifarFiles(
    [{ name: path, bytes }],
    { labelBytes: 2, labelIndex: labels === 'fine' ? 1 : 0 },
    classNames,
    allocateShared,
  );
}

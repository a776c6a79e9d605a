import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The folder that actually holds a dataset's files: `directory/<subfolder>` when that exists (the layout the
 * archives extract to), else `directory` itself (files copied flat). Throws naming both places when `marker` is
 * in neither.
 *
 * @example
 * resolveDatasetDirectory('/data', 'cifar-10-batches-bin', 'batches.meta.txt'); // '/data/cifar-10-batches-bin'
 */
export function resolveDatasetDirectory(
  directory: string,
  subfolder: string,
  marker: string,
  hint: string,
): string {
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new Error(`dataset folder ${directory} does not exist or is not a folder; ${hint}`);
  }
  for (const candidate of [join(directory, subfolder), directory]) {
    if (existsSync(join(candidate, marker))) return candidate;
  }
  throw new Error(
    `missing file ${join(directory, marker)} (also looked in ${join(directory, subfolder)}); ${hint}`,
  );
}

/**
 * Reads a file the dataset needs, turning "not found" into an error that names the file and the fix.
 *
 * @example
 * const bytes = await readRequiredFile('/data/test_batch.bin', 'download it with download("cifar10")');
 */
export async function readRequiredFile(path: string, hint: string): Promise<Uint8Array> {
  try {
    const buffer = await readFile(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`missing file ${path}; ${hint}`);
    throw new Error(`cannot read ${path}: ${(error as Error).message}`);
  }
}

/**
 * Allocates pixel storage in shared memory where the platform has it, so worker threads read the dataset without
 * copying it.
 *
 * @example
 * const images = allocateShared(50000 * 3072);
 */
export function allocateShared(bytes: number): Uint8Array {
  return typeof SharedArrayBuffer === 'function'
    ? new Uint8Array(new SharedArrayBuffer(bytes))
    : new Uint8Array(bytes);
}

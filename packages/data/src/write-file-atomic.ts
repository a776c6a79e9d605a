import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Writes `path` through a temporary file in the same folder and a rename, so readers never see half a file.
 *
 * @example
 * writeFileAtomic('/data/test_batch.bin', bytes);
 */
export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  const temporary = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

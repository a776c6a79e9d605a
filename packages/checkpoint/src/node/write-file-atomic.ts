import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file atomically and durably: the bytes go to a temporary file in the same directory, are flushed to disk
 * (fsync), then renamed over `path`, and the directory is flushed so the rename survives a power cut. Readers see the
 * old file or the complete new one, never a partial write; on failure the temporary file is removed and `path` is
 * left as it was. This is the one atomic writer of the @wrn packages ({@link writeFileAtomicSync} is its blocking twin).
 *
 * @example
 * await writeFileAtomic('runs/model.safetensors', bytes);
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = temporaryPathFor(path, bytes, 'writeFileAtomic');
  const file = await open(temporary, 'wx');
  try {
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncDirectory(dirname(path));
}

/**
 * {@link writeFileAtomic} for synchronous code (e.g. writing fixtures): the same steps and guarantees, blocking.
 *
 * @example
 * writeFileAtomicSync('data/test_batch.bin', bytes);
 */
export function writeFileAtomicSync(path: string, bytes: Uint8Array): void {
  const temporary = temporaryPathFor(path, bytes, 'writeFileAtomicSync');
  const descriptor = openSync(temporary, 'wx');
  try {
    try {
      writeFileSync(descriptor, bytes);
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  syncDirectorySync(dirname(path));
}

/** Checks the arguments and names the temporary file. Internal. */
function temporaryPathFor(path: string, bytes: Uint8Array, caller: string): string {
  if (typeof path !== 'string' || path === '')
    throw new TypeError(`${caller}(path) needs a file path, got ${String(path)}`);
  if (!(bytes instanceof Uint8Array))
    throw new TypeError(`${caller}(path, bytes) needs a Uint8Array, got ${String(bytes)}`);
  // A hidden, unique name in the same directory: rename is atomic only within one file system.
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Makes the rename itself durable; some platforms cannot open directories, which is not an error. Internal. */
async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: the file's contents were already synced before the rename.
  }
}

/** {@link syncDirectory}, blocking. Internal. */
function syncDirectorySync(directory: string): void {
  try {
    const descriptor = openSync(directory, 'r');
    try {
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
  } catch {
    // Best effort, as in syncDirectory.
  }
}

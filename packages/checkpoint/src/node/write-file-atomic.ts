import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file atomically: the bytes go to a temporary file in the same directory, are flushed to disk (fsync),
 * then renamed over `path`. Readers see the old file or the complete new one, never a partial write; on failure
 * the temporary file is removed and `path` is left as it was.
 *
 * @example
 * await writeFileAtomic('runs/model.safetensors', bytes);
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  if (typeof path !== 'string' || path === '')
    throw new TypeError(`writeFileAtomic(path) needs a file path, got ${String(path)}`);
  if (!(bytes instanceof Uint8Array))
    throw new TypeError(`writeFileAtomic(path, bytes) needs a Uint8Array, got ${String(bytes)}`);
  const directory = dirname(path);
  // A hidden, unique name in the same directory: rename is atomic only within one file system.
  const temporary = join(
    directory,
    `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
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
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncDirectory(directory);
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

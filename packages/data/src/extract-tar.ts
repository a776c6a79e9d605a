import { closeSync, createReadStream, existsSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { isAbsolute, join, posix, relative, resolve } from 'node:path';
import { createGunzip } from 'node:zlib';
import { TarParser, type TarEntry } from './tar-parser.js';

/**
 * The path an archive entry may be written to inside `target`, or an `Error` when the entry would escape it
 * (absolute paths, drive letters, backslashes, `..` segments).
 *
 * @example
 * safeEntryPath('/cache/x', 'cifar-10-batches-bin/test_batch.bin'); // '/cache/x/cifar-10-batches-bin/test_batch.bin'
 * safeEntryPath('/cache/x', '../evil'); // throws
 */
export function safeEntryPath(target: string, entryPath: string): string {
  const refuse = (why: string) => new Error(`archive entry "${entryPath}" ${why}; refusing to extract it`);
  if (entryPath.includes('\\') || /^[a-zA-Z]:/.test(entryPath))
    throw refuse('has a Windows drive or backslash');
  if (posix.isAbsolute(entryPath) || isAbsolute(entryPath)) throw refuse('is an absolute path');
  const segments = entryPath.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) throw refuse('contains ".." and would escape the target folder');
  if (segments.length === 0) throw refuse('has an empty path');
  const destination = resolve(target, ...segments);
  const inside = relative(resolve(target), destination);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside))
    throw refuse('resolves outside the target folder');
  return destination;
}

/**
 * Extracts a `.tar.gz` into `target` (created if missing), streaming: regular files and folders only, every path
 * checked by {@link safeEntryPath}, links and devices refused. A corrupt or truncated archive throws, and then
 * `target` is removed if this call created it, so nothing half-extracted is left.
 *
 * @example
 * const entries = await extractTarGz('/cache/cifar-10-binary.tar.gz', '/cache/.staging');
 */
export async function extractTarGz(archive: string, target: string): Promise<TarEntry[]> {
  const created = !existsSync(target);
  mkdirSync(target, { recursive: true });
  const entries: TarEntry[] = [];
  let descriptor: number | undefined;
  const parser = new TarParser({
    entry(entry) {
      const destination = safeEntryPath(target, entry.path);
      if (entry.kind === 'other') {
        throw new Error(
          `archive entry "${entry.path}" is a link or special file (type ${entry.type}); refusing to extract it`,
        );
      }
      entries.push(entry);
      if (entry.kind === 'directory') {
        mkdirSync(destination, { recursive: true });
        return;
      }
      mkdirSync(join(destination, '..'), { recursive: true });
      descriptor = openSync(destination, 'w');
    },
    data(chunk) {
      let written = 0;
      while (written < chunk.length) written += writeSync(descriptor!, chunk, written);
    },
    entryEnd() {
      if (descriptor !== undefined) closeSync(descriptor);
      descriptor = undefined;
    },
  });
  const input = createReadStream(archive);
  const gunzip = createGunzip();
  input.on('error', (error) => gunzip.destroy(error)); // pipe() does not forward read errors
  try {
    for await (const chunk of input.pipe(gunzip)) parser.push(chunk as Buffer);
    parser.finish();
    return entries;
  } catch (error) {
    input.destroy();
    if (descriptor !== undefined) closeSync(descriptor);
    if (created) rmSync(target, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const what = code.startsWith('Z_') ? 'is not a valid gzip file or is truncated' : 'cannot be extracted';
    throw new Error(`${archive} ${what}: ${(error as Error).message}`, { cause: error });
  }
}

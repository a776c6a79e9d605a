import { open } from 'node:fs/promises';
import { tensorFromBytes } from '../decode-safetensors.js';
import type { SafetensorsTensor } from '../dtype.js';
import { encodeSafetensors } from '../encode-safetensors.js';
import { SafetensorsError } from '../safetensors-error.js';
import { parseHeader, readHeaderLength } from '../safetensors-header.js';
import { writeFileAtomic } from './write-file-atomic.js';

/**
 * Reads a safetensors file. The header length is checked against the cap and the real file size, and the header
 * against the real data size, before the file's contents are read: a hostile header never drives an allocation.
 *
 * @example
 * const { tensors, metadata } = await readSafetensorsFile('model.safetensors');
 */
export async function readSafetensorsFile(
  path: string,
): Promise<{ tensors: Map<string, SafetensorsTensor>; metadata: Record<string, string> }> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const prefix = new Uint8Array(Math.min(8, size));
    await readExactly(file, prefix, 0);
    const headerLength = readHeaderLength(prefix, size);
    const header = new Uint8Array(headerLength);
    await readExactly(file, header, 8);
    const dataStart = 8 + headerLength;
    const { entries, metadata } = parseHeader(header, size - dataStart);
    const tensors = new Map<string, SafetensorsTensor>();
    for (const entry of entries) {
      // Each tensor is read straight into its own buffer: one copy in memory, sized by the validated offsets.
      const own = new Uint8Array(entry.end - entry.begin);
      await readExactly(file, own, dataStart + entry.begin);
      tensors.set(entry.name, tensorFromBytes(entry, own));
    }
    return { tensors, metadata };
  } catch (error) {
    if (error instanceof SafetensorsError) throw new SafetensorsError(`${path}: ${error.message}`);
    throw error;
  } finally {
    await file.close();
  }
}

/**
 * Encodes tensors as safetensors and writes them atomically (see {@link writeFileAtomic}).
 *
 * @example
 * await writeSafetensorsFile('w.safetensors', new Map([['w', { dtype: 'F32', shape: [1], data: new Float32Array([1]) }]]));
 */
export async function writeSafetensorsFile(
  path: string,
  tensors: Map<string, SafetensorsTensor>,
  metadata?: Record<string, string>,
): Promise<void> {
  await writeFileAtomic(path, encodeSafetensors(tensors, metadata));
}

/** Fills `target` from `position`; a file that shrank underneath us is reported as truncated. Internal. */
async function readExactly(
  file: Awaited<ReturnType<typeof open>>,
  target: Uint8Array,
  position: number,
): Promise<void> {
  let filled = 0;
  while (filled < target.length) {
    const { bytesRead } = await file.read(target, filled, target.length - filled, position + filled);
    if (bytesRead === 0)
      throw new SafetensorsError(
        `the file ended after ${position + filled} bytes while reading; was it truncated?`,
      );
    filled += bytesRead;
  }
}

import { assertLittleEndianHost, DTYPES, type SafetensorsTensor } from './dtype.js';
import { bfloat16ToFloat32, halfToFloat32 } from './half-precision.js';
import { parseHeader, readHeaderLength, type HeaderEntry } from './safetensors-header.js';

/**
 * Decodes a safetensors file, enforcing every rule of the format (see {@link parseHeader}); a truncated or hostile
 * file throws a {@link SafetensorsError} before anything is allocated from its claims. Each tensor's data is copied
 * into its own aligned typed array (F16/BF16 widened to float32). Tensors come back in data-section order.
 *
 * @example
 * const { tensors, metadata } = decodeSafetensors(bytes);
 * tensors.get('head.fc.bias')?.shape; // [10]
 */
export function decodeSafetensors(bytes: Uint8Array): {
  tensors: Map<string, SafetensorsTensor>;
  metadata: Record<string, string>;
} {
  assertLittleEndianHost();
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`decodeSafetensors(bytes) needs a Uint8Array, got ${String(bytes)}`);
  }
  const headerLength = readHeaderLength(bytes.subarray(0, 8), bytes.length);
  const dataStart = 8 + headerLength;
  const { entries, metadata } = parseHeader(bytes.subarray(8, dataStart), bytes.length - dataStart);
  const tensors = new Map<string, SafetensorsTensor>();
  for (const entry of entries) {
    // A copy into a fresh buffer: `new Uint8Array(view)`, as a Node Buffer's slice() is a view of the whole file.
    const own = new Uint8Array(bytes.subarray(dataStart + entry.begin, dataStart + entry.end));
    tensors.set(entry.name, tensorFromBytes(entry, own));
  }
  return { tensors, metadata };
}

/**
 * Turns a tensor's bytes into its typed array; `own` must be a fresh buffer starting at offset 0 (so it is aligned)
 * that the caller hands over. F16/BF16 are widened to float32. Internal.
 *
 * @example
 * const tensor = tensorFromBytes(entry, new Uint8Array(bytes.subarray(dataStart + entry.begin, dataStart + entry.end)));
 */
export function tensorFromBytes(entry: HeaderEntry, own: Uint8Array): SafetensorsTensor {
  const { dtype, shape } = entry;
  const buffer = own.buffer as ArrayBuffer;
  if (dtype === 'F16' || dtype === 'BF16') {
    const bits = new Uint16Array(buffer, 0, own.length / 2);
    return { dtype, shape, data: dtype === 'F16' ? halfToFloat32(bits) : bfloat16ToFloat32(bits) };
  }
  return { dtype, shape, data: new DTYPES[dtype].array(buffer) };
}

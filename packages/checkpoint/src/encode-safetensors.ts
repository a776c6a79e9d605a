import { elementCount } from '@wrn/spec';
import { assertLittleEndianHost, DTYPES, isSafetensorsDtype, type SafetensorsTensor } from './dtype.js';
import { float32ToBfloat16, float32ToHalf } from './half-precision.js';
import { SafetensorsError } from './safetensors-error.js';
import { checkMetadata, checkShape, METADATA_KEY } from './safetensors-header.js';

/**
 * Encodes tensors as a safetensors file: 8-byte little-endian header length, JSON header (padded with spaces so
 * the data starts 8-byte aligned), then each tensor's bytes in the map's insertion order, contiguous from 0.
 * Metadata values must be strings (JSON-encode structures yourself). F16/BF16 tensors take float32 data, rounded
 * to nearest-even.
 *
 * @example
 * const bytes = encodeSafetensors(new Map([['w', { dtype: 'F32', shape: [2], data: new Float32Array([1, 2]) }]]), {
 *   note: 'hello',
 * });
 */
export function encodeSafetensors(
  tensors: Map<string, SafetensorsTensor>,
  // No metadata by default: the format makes it optional.
  metadata: Record<string, string> = {},
): Uint8Array {
  assertLittleEndianHost();
  if (!(tensors instanceof Map)) {
    throw new TypeError(`encodeSafetensors(tensors) needs a Map of name -> tensor, got ${String(tensors)}`);
  }
  const checkedMetadata = checkMetadata(metadata, 'metadata');
  const header: [string, unknown][] = [];
  // The reference writer omits an empty __metadata__; doing the same keeps files byte-identical to it.
  if (Object.keys(checkedMetadata).length > 0) header.push([METADATA_KEY, checkedMetadata]);
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const [name, tensor] of tensors) {
    const bytes = tensorBytes(name, tensor);
    header.push([
      name,
      { dtype: tensor.dtype, shape: [...tensor.shape], data_offsets: [offset, offset + bytes.length] },
    ]);
    chunks.push(bytes);
    offset += bytes.length;
  }
  // fromEntries defines own properties, so a tensor named __proto__ is written like any other.
  const json = new TextEncoder().encode(JSON.stringify(Object.fromEntries(header)));
  // Pad with spaces (allowed by the format) so the data section starts on an 8-byte boundary for zero-copy readers.
  const headerLength = Math.ceil((8 + json.length) / 8) * 8 - 8;
  const out = new Uint8Array(8 + headerLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLength), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);
  let position = 8 + headerLength;
  for (const chunk of chunks) {
    out.set(chunk, position);
    position += chunk.length;
  }
  return out;
}

/** Validates one tensor and returns its little-endian bytes (a view, or a converted copy for F16/BF16). Internal. */
function tensorBytes(name: string, tensor: SafetensorsTensor): Uint8Array {
  const where = `tensor ${JSON.stringify(name)}`;
  if (name === METADATA_KEY)
    throw new SafetensorsError(`${where}: the name ${METADATA_KEY} is reserved for metadata`);
  if (typeof tensor !== 'object' || tensor === null) {
    throw new TypeError(`${where} must be { dtype, shape, data }, got ${String(tensor)}`);
  }
  const { dtype, shape, data } = tensor;
  if (!isSafetensorsDtype(dtype)) {
    throw new SafetensorsError(
      `${where}: unknown dtype ${String(dtype)}; supported: ${Object.keys(DTYPES).join(', ')}`,
    );
  }
  checkShape(shape, where);
  const expected = DTYPES[dtype].array;
  if (!(data instanceof expected)) {
    throw new TypeError(`${where}: ${dtype} data must be a ${expected.name}, got ${describeArray(data)}`);
  }
  const count = elementCount(shape);
  if (data.length !== count) {
    throw new RangeError(
      `${where}: shape [${shape.join(', ')}] has ${count} elements but data has ${data.length}`,
    );
  }
  if (dtype === 'F16' || dtype === 'BF16') {
    const bits =
      dtype === 'F16' ? float32ToHalf(data as Float32Array) : float32ToBfloat16(data as Float32Array);
    return new Uint8Array(bits.buffer);
  }
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function describeArray(data: unknown): string {
  return typeof data === 'object' && data !== null ? data.constructor.name : String(data);
}

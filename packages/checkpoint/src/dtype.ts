/**
 * The safetensors element types this package reads and writes. F16 and BF16 tensors are held as float32 in memory
 * (widened exactly on decode, rounded to nearest-even on encode); every other dtype keeps its own typed array.
 *
 * @example
 * const dtype: SafetensorsDtype = 'F32';
 */
export type SafetensorsDtype =
  'F64' | 'F32' | 'F16' | 'BF16' | 'I64' | 'I32' | 'I16' | 'I8' | 'U64' | 'U32' | 'U16' | 'U8' | 'BOOL';

/**
 * The typed arrays a tensor's data can live in.
 *
 * @example
 * const data: SafetensorsData = new Float32Array([1, 2, 3]);
 */
export type SafetensorsData =
  | Float64Array
  | Float32Array
  | BigInt64Array
  | Int32Array
  | Int16Array
  | Int8Array
  | BigUint64Array
  | Uint32Array
  | Uint16Array
  | Uint8Array;

/**
 * One tensor: dtype, shape (row-major, C order) and its elements.
 *
 * @example
 * const bias: SafetensorsTensor = { dtype: 'F32', shape: [2], data: new Float32Array([0.5, -1]) };
 */
export interface SafetensorsTensor {
  dtype: SafetensorsDtype;
  shape: number[];
  data: SafetensorsData;
}

/** Per dtype: bytes per stored element and the typed array that holds it in memory. Internal. */
interface DtypeInfo {
  bytes: number;
  array: { new (buffer: ArrayBuffer): SafetensorsData; readonly name: string };
}

/** The dtype table (names exactly as in the safetensors specification). Internal. */
export const DTYPES: Readonly<Record<SafetensorsDtype, DtypeInfo>> = {
  F64: { bytes: 8, array: Float64Array },
  F32: { bytes: 4, array: Float32Array },
  F16: { bytes: 2, array: Float32Array },
  BF16: { bytes: 2, array: Float32Array },
  I64: { bytes: 8, array: BigInt64Array },
  I32: { bytes: 4, array: Int32Array },
  I16: { bytes: 2, array: Int16Array },
  I8: { bytes: 1, array: Int8Array },
  U64: { bytes: 8, array: BigUint64Array },
  U32: { bytes: 4, array: Uint32Array },
  U16: { bytes: 2, array: Uint16Array },
  U8: { bytes: 1, array: Uint8Array },
  BOOL: { bytes: 1, array: Uint8Array },
};

/**
 * Whether a string names a supported dtype.
 *
 * @example
 * isSafetensorsDtype('F32'); // true
 * isSafetensorsDtype('F8_E4M3'); // false
 */
export function isSafetensorsDtype(name: unknown): name is SafetensorsDtype {
  return typeof name === 'string' && Object.hasOwn(DTYPES, name);
}

/** Typed arrays are read and written in place, which matches the file only on little-endian hosts. */
export const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Throws a clear error on a big-endian host instead of silently byte-swapping every value. Internal. */
export function assertLittleEndianHost(): void {
  if (!HOST_IS_LITTLE_ENDIAN) {
    throw new Error(
      'safetensors data is little-endian and this host is big-endian; byte-swapping is not implemented',
    );
  }
}

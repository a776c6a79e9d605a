import { elementCount } from '@wrn/spec';
import { DTYPES, isSafetensorsDtype, type SafetensorsDtype } from './dtype.js';
import { findDuplicateKey } from './duplicate-keys.js';
import { SafetensorsError } from './safetensors-error.js';

/**
 * The reference implementation refuses headers over 100 MB; a larger claim is hostile or corrupt.
 *
 * @example
 * if (headerLength > MAX_HEADER_BYTES) throw new Error('header too large');
 */
export const MAX_HEADER_BYTES = 100_000_000;

/**
 * The reserved header key holding string-to-string metadata.
 *
 * @example
 * JSON.parse(headerText)[METADATA_KEY]; // { format: 'wrn-checkpoint', ... }
 */
export const METADATA_KEY = '__metadata__';

/**
 * One tensor's header entry after validation; `begin`/`end` are byte offsets into the data section.
 *
 * @example
 * const entry: HeaderEntry = { name: 'head.fc.bias', dtype: 'F32', shape: [10], begin: 0, end: 40 };
 */
export interface HeaderEntry {
  name: string;
  dtype: SafetensorsDtype;
  shape: number[];
  begin: number;
  end: number;
}

/**
 * Reads the 8-byte little-endian header length at the start of a file and checks it against the cap and the
 * file's real size, so nothing is ever allocated on a header's say-so.
 *
 * @example
 * const headerLength = readHeaderLength(bytes.subarray(0, 8), bytes.length);
 */
export function readHeaderLength(prefix: Uint8Array, fileLength: number): number {
  if (prefix.length < 8 || fileLength < 8) {
    throw new SafetensorsError(
      `file is truncated: ${fileLength} bytes, but a safetensors file starts with an 8-byte header length`,
    );
  }
  const claimed = new DataView(prefix.buffer, prefix.byteOffset, 8).getBigUint64(0, true);
  if (claimed > BigInt(MAX_HEADER_BYTES)) {
    throw new SafetensorsError(
      `header length ${claimed} exceeds the ${MAX_HEADER_BYTES}-byte cap; the file is corrupt or hostile`,
    );
  }
  const length = Number(claimed);
  if (8 + length > fileLength) {
    throw new SafetensorsError(
      `header length ${length} runs past the end of the file (${fileLength} bytes); the file is truncated`,
    );
  }
  return length;
}

/**
 * Decodes and validates a header against the size of the data section that follows it: UTF-8 JSON object, known
 * dtypes, non-negative integer dims, byte sizes equal to dtype x shape, offsets contiguous from 0 covering the
 * whole data section, string-only metadata. Entries come back in data order.
 *
 * @example
 * const { entries, metadata } = parseHeader(bytes.subarray(8, 8 + headerLength), bytes.length - 8 - headerLength);
 */
export function parseHeader(
  headerBytes: Uint8Array,
  dataLength: number,
): { entries: HeaderEntry[]; metadata: Record<string, string> } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(headerBytes);
  } catch {
    throw new SafetensorsError('header is not valid UTF-8');
  }
  if (!text.startsWith('{')) {
    throw new SafetensorsError(
      `header must be a JSON object starting with '{', got ${JSON.stringify(text.slice(0, 20))}`,
    );
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    throw new SafetensorsError(`header is not valid JSON: ${(error as Error).message}`);
  }
  // JSON text that starts with '{' and parses is an object: no further type check needed.
  const duplicate = findDuplicateKey(text);
  if (duplicate !== undefined)
    throw new SafetensorsError(`header has the key ${JSON.stringify(duplicate)} twice`);

  let metadata: Record<string, string> = {};
  const entries: HeaderEntry[] = [];
  for (const [name, value] of Object.entries(header as Record<string, unknown>)) {
    if (name === METADATA_KEY) metadata = checkMetadata(value);
    else entries.push(checkEntry(name, value, dataLength));
  }
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  checkCoverage(entries, dataLength);
  return { entries, metadata };
}

/**
 * Checks metadata is a flat object of string values (the format's rule) and returns a copy.
 *
 * @example
 * checkMetadata({ format: 'pt' }); // { format: 'pt' }
 */
export function checkMetadata(value: unknown, where = `header.${METADATA_KEY}`): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SafetensorsError(`${where} must be an object of string values, got ${describe(value)}`);
  }
  const entries = Object.entries(value as Record<string, unknown>);
  for (const [key, item] of entries) {
    if (typeof item !== 'string') {
      throw new SafetensorsError(
        `${where}[${JSON.stringify(key)}] must be a string, got ${describe(item)}; JSON-encode structured values`,
      );
    }
  }
  // fromEntries defines own properties, so even a key named __proto__ stays plain data.
  return Object.fromEntries(entries) as Record<string, string>;
}

/** Validates one tensor entry's fields and its byte size. Internal. */
function checkEntry(name: string, value: unknown, dataLength: number): HeaderEntry {
  const where = `tensor ${JSON.stringify(name)}`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SafetensorsError(
      `${where}: entry must be an object with dtype, shape and data_offsets, got ${describe(value)}`,
    );
  }
  const { dtype, shape, data_offsets: offsets } = value as Record<string, unknown>;
  if (!isSafetensorsDtype(dtype)) {
    throw new SafetensorsError(
      `${where}: unknown dtype ${describe(dtype)}; supported: ${Object.keys(DTYPES).join(', ')}`,
    );
  }
  checkShape(shape, where);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isNonNegativeInteger)) {
    throw new SafetensorsError(
      `${where}: data_offsets must be [begin, end] with non-negative integers, got ${describe(offsets)}`,
    );
  }
  const [begin, end] = offsets as [number, number];
  if (end < begin)
    throw new SafetensorsError(`${where}: data_offsets [${begin}, ${end}] end before they begin`);
  if (end > dataLength) {
    throw new SafetensorsError(
      `${where}: data_offsets end at byte ${end} but the data section has only ${dataLength} bytes; the file is truncated`,
    );
  }
  const bytes = elementCount(shape) * DTYPES[dtype].bytes;
  if (!Number.isSafeInteger(bytes) || bytes !== end - begin) {
    throw new SafetensorsError(
      `${where}: ${dtype} x [${shape.join(', ')}] needs ${bytes} bytes but data_offsets [${begin}, ${end}] span ${end - begin}`,
    );
  }
  return { name, dtype, shape: [...shape], begin, end };
}

/**
 * Checks a shape is an array of non-negative safe integers.
 *
 * @example
 * checkShape([3, 3], 'tensor "w"'); // ok
 * checkShape([-1], 'tensor "w"');   // throws SafetensorsError
 */
export function checkShape(shape: unknown, where: string): asserts shape is number[] {
  if (!Array.isArray(shape) || !shape.every(isNonNegativeInteger)) {
    throw new SafetensorsError(
      `${where}: shape must be an array of non-negative integers, got ${describe(shape)}`,
    );
  }
}

/** Offsets sorted by begin must run 0 -> dataLength with no gap and no overlap. Internal. */
function checkCoverage(entries: readonly HeaderEntry[], dataLength: number): void {
  let position = 0;
  let previous = 'the start of the data section';
  for (const entry of entries) {
    if (entry.begin !== position) {
      const relation =
        entry.begin < position ? 'overlaps' : `leaves a gap of ${entry.begin - position} bytes after`;
      throw new SafetensorsError(
        `tensor ${JSON.stringify(entry.name)} at data_offsets [${entry.begin}, ${entry.end}] ${relation} ${previous} ` +
          `(which ends at byte ${position}); offsets must be contiguous from 0`,
      );
    }
    position = entry.end;
    previous = `tensor ${JSON.stringify(entry.name)}`;
  }
  if (position !== dataLength) {
    throw new SafetensorsError(
      `the data section has ${dataLength - position} trailing bytes (${position}..${dataLength}) that no tensor covers`,
    );
  }
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

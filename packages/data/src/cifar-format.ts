import type { Dataset } from './dataset.js';

/**
 * The binary record layout of the CIFAR distributions: `labelBytes` label bytes, then the image as
 * 1024 R + 1024 G + 1024 B bytes, each plane row-major. CIFAR-10 has one label byte; CIFAR-100 has two
 * (coarse, then fine) and `labelIndex` picks one.
 *
 * @example
 * const cifar100Fine: CifarRecordFormat = { labelBytes: 2, labelIndex: 1 };
 */
export interface CifarRecordFormat {
  labelBytes: number;
  labelIndex: number;
}

/** CIFAR images are 3 x 32 x 32. @example CIFAR_IMAGE_SHAPE.height // 32 */
export const CIFAR_IMAGE_SHAPE = { channels: 3, height: 32, width: 32 } as const;

/** Bytes of one CIFAR image. @example CIFAR_IMAGE_BYTES // 3072 */
export const CIFAR_IMAGE_BYTES = 3 * 32 * 32;

/** One named file's bytes, as a reader got them. @example const file: NamedBytes = { name: 'test_batch.bin', bytes } */
export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

/**
 * Decodes whole CIFAR binary files into one dataset, checking every file before allocating anything, so a bad file
 * leaves nothing half-loaded. Errors name the file and the problem (size, label range).
 *
 * @example
 * const dataset = decodeCifarFiles([{ name: 'test_batch.bin', bytes }], { labelBytes: 1, labelIndex: 0 }, names);
 */
export function decodeCifarFiles(
  files: readonly NamedBytes[],
  format: CifarRecordFormat,
  classNames: string[],
  allocate: (bytes: number) => Uint8Array = (bytes) => new Uint8Array(bytes),
): Dataset {
  const recordBytes = format.labelBytes + CIFAR_IMAGE_BYTES;
  const classes = classNames.length;
  let count = 0;
  // Step 1: validate sizes and labels of every file before any copy.
  for (const { name, bytes } of files) {
    if (bytes.length === 0 || bytes.length % recordBytes !== 0) {
      throw new RangeError(
        `${name}: size ${bytes.length} bytes is not a positive multiple of the ${recordBytes}-byte record ` +
          `(${format.labelBytes} label byte(s) + ${CIFAR_IMAGE_BYTES} pixels); the file is truncated or not a CIFAR binary`,
      );
    }
    const records = bytes.length / recordBytes;
    for (let record = 0; record < records; record++) {
      const label = bytes[record * recordBytes + format.labelIndex]!;
      if (label >= classes) {
        throw new RangeError(
          `${name}: record ${record} has label ${label}, outside [0, ${classes}) for the ${classes} class names; ` +
            'the file does not match its label-names file',
        );
      }
    }
    count += records;
  }
  // Step 2: copy pixels and labels into one contiguous dataset.
  const images = allocate(count * CIFAR_IMAGE_BYTES);
  const labels = new Int32Array(count);
  let index = 0;
  for (const { bytes } of files) {
    const records = bytes.length / recordBytes;
    for (let record = 0; record < records; record++, index++) {
      const start = record * recordBytes;
      labels[index] = bytes[start + format.labelIndex]!;
      images.set(bytes.subarray(start + format.labelBytes, start + recordBytes), index * CIFAR_IMAGE_BYTES);
    }
  }
  return { images, labels, count, ...CIFAR_IMAGE_SHAPE, classNames, sources: files.map((file) => file.name) };
}

/**
 * Encodes images and label bytes into the CIFAR binary layout (the inverse of {@link decodeCifarFiles}).
 * `labelRows[k]` holds the k-th label byte of every record (CIFAR-100: coarse row, then fine row).
 *
 * @example
 * const bytes = encodeCifarRecords(dataset.images, [Uint8Array.from(dataset.labels)]);
 */
export function encodeCifarRecords(images: Uint8Array, labelRows: readonly ArrayLike<number>[]): Uint8Array {
  const count = images.length / CIFAR_IMAGE_BYTES;
  if (!Number.isInteger(count)) {
    throw new RangeError(
      `images hold ${images.length} bytes, not a whole number of ${CIFAR_IMAGE_BYTES}-byte images`,
    );
  }
  const recordBytes = labelRows.length + CIFAR_IMAGE_BYTES;
  const output = new Uint8Array(count * recordBytes);
  for (let record = 0; record < count; record++) {
    const start = record * recordBytes;
    labelRows.forEach((row, k) => (output[start + k] = row[record]!));
    output.set(
      images.subarray(record * CIFAR_IMAGE_BYTES, (record + 1) * CIFAR_IMAGE_BYTES),
      start + labelRows.length,
    );
  }
  return output;
}

/**
 * Parses a label-names text file (`batches.meta.txt`, `fine_label_names.txt`): one name per line, blank lines
 * ignored.
 *
 * @example
 * parseLabelNames('airplane\nautomobile\n\n', 'batches.meta.txt'); // ['airplane', 'automobile']
 */
export function parseLabelNames(text: string, fileName: string): string[] {
  const names = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  if (names.length === 0)
    throw new RangeError(`${fileName}: no class names found (expected one name per line)`);
  return names;
}

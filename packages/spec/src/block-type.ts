/**
 * The paper's named block types. Any list of odd kernel sizes is also valid, e.g. B(3) or B(3,3,3).
 *
 * @example
 * BLOCK_TYPES['B(1,3,1)']; // [1, 3, 1]
 */
export const BLOCK_TYPES: Readonly<Record<string, readonly number[]>> = {
  'B(3,3)': [3, 3],
  'B(3,1,3)': [3, 1, 3],
  'B(1,3,1)': [1, 3, 1],
  'B(1,3)': [1, 3],
  'B(3,1)': [3, 1],
  'B(3,1,1)': [3, 1, 1],
};

/**
 * Formats kernel sizes in the paper's notation.
 *
 * @example
 * formatBlockType([3, 1, 3]); // 'B(3,1,3)'
 */
export function formatBlockType(kernels: readonly number[]): string {
  return `B(${kernels.join(',')})`;
}

/**
 * Parses `B(3,1,3)` (spaces allowed) into kernel sizes.
 *
 * @example
 * parseBlockType('B(3, 3)'); // [3, 3]
 */
export function parseBlockType(text: string): number[] {
  const match = /^B\(\s*(\d+(?:\s*,\s*\d+)*)\s*\)$/.exec(text.trim());
  if (!match?.[1]) {
    throw new TypeError(`blockType '${text}' is not of the form B(k1,k2,...), e.g. 'B(3,3)' or 'B(3,1,3)'`);
  }
  const kernels = match[1].split(',').map((part) => Number(part.trim()));
  checkKernelSizes(kernels);
  return kernels;
}

/**
 * Checks that every kernel size is a positive odd integer (odd keeps 'same' padding symmetric).
 *
 * @example
 * checkKernelSizes([3, 3]); // ok
 * checkKernelSizes([2]);    // throws RangeError
 */
export function checkKernelSizes(kernels: readonly number[], field = 'blockType'): void {
  if (kernels.length === 0) throw new RangeError(`${field} must list at least one kernel size, got []`);
  kernels.forEach((kernel, index) => {
    if (!Number.isInteger(kernel) || kernel < 1 || kernel % 2 === 0) {
      throw new RangeError(`${field}[${index}] must be a positive odd integer (1, 3, 5, ...), got ${kernel}`);
    }
  });
}

/**
 * Blocks per group: N = (depth - 4) / (3 m) for m convolutions per block. Throws a RangeError naming the nearest
 * valid depths when N is not a positive integer.
 *
 * @example
 * blocksPerGroup(28, [3, 3]); // 4
 * blocksPerGroup(27, [3, 3]); // RangeError: ... nearest valid depths are 22 and 28
 */
export function blocksPerGroup(depth: number, kernels: readonly number[]): number {
  const step = 3 * kernels.length;
  const blocks = (depth - 4) / step;
  if (!Number.isInteger(depth) || !Number.isInteger(blocks) || blocks < 1) {
    const below = Math.floor((depth - 4) / step) * step + 4;
    const above = below + step;
    const nearest =
      below >= 4 + step && below !== depth ? `${below} and ${above}` : `${Math.max(above, 4 + step)}`;
    throw new RangeError(
      `depth ${depth} is invalid for ${formatBlockType(kernels)}: (depth - 4) must be a positive multiple of ` +
        `${step} (3 groups x ${kernels.length} convolutions); nearest valid depths are ${nearest}`,
    );
  }
  return blocks;
}

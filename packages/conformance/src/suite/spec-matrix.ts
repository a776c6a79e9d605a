import { formatBlockType, VARIANTS, wrn, type Variant } from '@wrn/spec';
import type { SpecEntry } from './types.js';

/**
 * How much of the spec matrix to run: `quick` (the default: 4 small networks, seconds on the reference) or `full`
 * (WRN-10-1 and WRN-10-2 in every variant, several block types, batches 1 and 3, inputs 8x8 and 32x32).
 *
 * @example
 * const level: ConformanceLevel = 'full';
 */
export type ConformanceLevel = 'quick' | 'full';

function entry(
  depth: number,
  widenFactor: number,
  variant: Variant,
  blockType: string,
  inputSize: number,
  batchSize: number,
): SpecEntry {
  // Dropout 0.3 (the paper's) is in every spec: eval mode must ignore it; training comparisons turn it off.
  const spec = wrn({ depth, widenFactor, variant, blockType, inputSize, dropout: 0.3 });
  const name = `WRN-${depth}-${widenFactor} ${variant} ${formatBlockType(spec.blockType)} ${inputSize}x${inputSize} batch ${batchSize}`;
  return { name, spec, batchSize };
}

/**
 * The networks the suite runs on. Each quick entry covers something the others do not: identity shortcuts
 * (WRN-10-1 group 0), projection conv + BN with biases (seed-pytorch), epsilon 1e-3 and a 1x1 middle conv
 * (seed-keras B(3,1,3)), and CIFAR's 32x32 input.
 *
 * @example
 * specMatrix('quick').map((e) => e.name);
 */
export function specMatrix(
  level: ConformanceLevel = 'quick', // affordable on slow backends (tfjs cpu, WebGPU on SwiftShader)
): SpecEntry[] {
  if (level === 'quick') {
    return [
      entry(10, 1, 'paper', 'B(3,3)', 8, 3),
      entry(10, 2, 'seed-pytorch', 'B(3,3)', 8, 1),
      entry(13, 1, 'seed-keras', 'B(3,1,3)', 8, 3),
      entry(10, 1, 'paper', 'B(3,3)', 32, 1),
    ];
  }
  if (level !== 'full') throw new RangeError(`level must be 'quick' or 'full', got '${String(level)}'`);
  const entries: SpecEntry[] = [];
  for (const variant of VARIANTS) {
    for (const widenFactor of [1, 2]) {
      for (const batchSize of [1, 3]) entries.push(entry(10, widenFactor, variant, 'B(3,3)', 8, batchSize));
      entries.push(entry(10, widenFactor, variant, 'B(3,3)', 32, widenFactor === 1 ? 3 : 1));
    }
    entries.push(entry(10, 1, variant, 'B(3)', 8, 3)); // two blocks a group: identity shortcuts after projections
    entries.push(entry(13, 1, variant, 'B(3,1,3)', 8, 3));
    entries.push(entry(13, 1, variant, 'B(1,3,1)', 8, 1));
    entries.push(entry(10, 2, variant, 'B(1,3)', 8, 3));
  }
  return entries;
}

import { elementCount } from './tensor.js';
import { deriveSeed } from './random.js';
import type { LayerGraph } from './layer-graph.js';

/**
 * The name of the dropout mask generator below; training runs record it, so a run never resumes with masks
 * drawn differently. @example DROPOUT_MASK_GENERATOR; // 'wrn-counter-1'
 */
export const DROPOUT_MASK_GENERATOR = 'wrn-counter-1';

/**
 * Which examples of a step's batch a mask covers: examples `start .. start + size - 1`. A micro-batch or a
 * thread's share draws just its part, and the parts put together are the whole batch's masks.
 *
 * @example
 * const range: ExampleRange = { start: 32, size: 32 }; // the second micro-batch of 32
 */
export interface ExampleRange {
  start: number;
  size: number;
}

/**
 * The keep mask (1 keep, 0 drop) of one dropout layer for examples `range` of a step, in NCHW order. Element `i`
 * of the step's whole batch (NCHW, so example-major) is kept when `u(i) >= rate`, where `u(i)` is mulberry32's
 * output at state `key + (i + 1) * 0x6d2b79f5` over 2^32 and `key = deriveSeed(stepSeed, layer)`: a counter-based
 * generator, so any part is drawn without the rest, in any runtime or language.
 *
 * @example
 * dropoutMask(1234, 'group0.block0.dropout', 0.3, 16 * 32 * 32, { start: 0, size: 8 }); // Uint8Array(131072)
 */
export function dropoutMask(
  stepSeed: number,
  layer: string,
  rate: number,
  perExample: number,
  range: ExampleRange,
): Uint8Array {
  const mask = new Uint8Array(range.size * perExample);
  let state = (deriveSeed(stepSeed, layer) + Math.imul(range.start * perExample, 0x6d2b79f5)) >>> 0;
  const threshold = rate * 4294967296; // u >= rate, compared on the 32-bit integer
  for (let i = 0; i < mask.length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    mask[i] = (t ^ (t >>> 14)) >>> 0 >= threshold ? 1 : 0;
  }
  return mask;
}

/**
 * The keep masks of every dropout node of `graph` for examples `range` of a step seeded `stepSeed` (see
 * {@link dropoutMask}), by node name. Every runtime draws its masks here.
 *
 * @example
 * const masks = dropoutMasks(expandGraph(spec), 1234, { start: 0, size: 64 });
 */
export function dropoutMasks(
  graph: LayerGraph,
  stepSeed: number,
  range: ExampleRange,
): Map<string, Uint8Array> {
  const masks = new Map<string, Uint8Array>();
  for (const node of graph.nodes) {
    if (node.op !== 'dropout') continue;
    masks.set(node.name, dropoutMask(stepSeed, node.name, node.rate, elementCount(node.outputShape), range));
  }
  return masks;
}

/**
 * The step seed of an executor's `pass`-th training pass when the caller gives none (`TrainStepOptions.dropoutSeed`
 * absent): every runtime counts its passes (training forward, gradients, steps, a step given its own `dropoutSeed`
 * included) from 0 after compiling with `seed`.
 *
 * @example
 * passDropoutSeed(0, 3); // the seed of the fourth training pass of an executor compiled with seed 0
 */
export function passDropoutSeed(seed: number, pass: number): number {
  return deriveSeed(seed, `dropout-pass-${pass}`);
}

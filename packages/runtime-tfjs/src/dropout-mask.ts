import * as tf from '@tensorflow/tfjs';
import { elementCount } from '@wrn/spec';

/**
 * An inverted-dropout mask as one tensor: each element `1 / (1 - rate)` (kept) or 0 (dropped), kept when a
 * uniform draw in [0, 1) is >= rate. The draws come from mulberry32 seeded with `seed`, generated on the host in
 * one loop: about 10x faster than `tf.randomUniform` plus a comparison and a cast on wasm, and deterministic on
 * every backend. The caller owns the tensor.
 *
 * `offset` makes this the part of a larger mask (same seed) that starts at that element: mulberry32's state
 * advances by a constant per draw, so a replica draws its slice of a shared batch's mask without the rest.
 *
 * @example
 * const y = tf.mul(x, dropoutMask(x.shape, 0.3, 1234));
 */
export function dropoutMask(shape: number[], rate: number, seed: number, offset = 0): tf.Tensor {
  // offset 0 (default): the mask of a whole tensor
  if (!Number.isInteger(offset) || offset < 0)
    throw new RangeError(`offset must be an integer >= 0, got ${String(offset)}`);
  const size = elementCount(shape);
  const mask = new Float32Array(size);
  const kept = 1 / (1 - rate);
  let state = (seed + Math.imul(offset, 0x6d2b79f5)) >>> 0;
  for (let i = 0; i < size; i++) {
    // mulberry32: a 32-bit state, full period 2^32, good enough for masks.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const uniform = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    mask[i] = uniform >= rate ? kept : 0;
  }
  return tf.tensor(mask, shape, 'float32');
}

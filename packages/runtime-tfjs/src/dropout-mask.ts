import * as tf from '@tensorflow/tfjs';
import { dropoutMask, elementCount, type ExampleRange } from '@wrn/spec';

/**
 * Examples `range` of a step's inverted-dropout mask for one layer, as one tensor in the layout tfjs computes in
 * (NHWC, or `[n, features]`): each element `1 / (1 - rate)` (kept) or 0 (dropped). The keep bits are
 * `dropoutMask(stepSeed, layer, rate, ...)` of `@wrn/spec`, the generator every runtime shares, drawn in its NCHW
 * order and laid out NHWC here on the host in one pass; any range is drawn without the rest, so a micro-batch or a
 * replica's slice draws just its examples. The caller owns the tensor.
 *
 * @example
 * const y = tf.mul(x, dropoutMaskTensor('group0.block0.dropout1', 0.3, x.shape, 1234, { start: 0, size: x.shape[0] }));
 */
export function dropoutMaskTensor(
  layer: string,
  rate: number,
  internalShape: readonly number[],
  stepSeed: number,
  range: ExampleRange,
): tf.Tensor {
  const perExample = elementCount(internalShape.slice(1));
  const kept = 1 / (1 - rate);
  const values = new Float32Array(range.size * perExample);
  const [, height = 1, width = 1, channels = 1] = internalShape.length === 4 ? internalShape : [];
  const plane = height * width;
  // One example at a time: its bits (in cache) are read across channels while its values are written in order.
  for (let example = 0; example < range.size; example++) {
    const keep = dropoutMask(stepSeed, layer, rate, perExample, { start: range.start + example, size: 1 });
    let index = example * perExample;
    if (internalShape.length !== 4) {
      for (const bit of keep) values[index++] = bit * kept;
      continue;
    }
    for (let pixel = 0; pixel < plane; pixel++) {
      // NHWC element (example, pixel, channel) is NCHW element (example, channel, pixel).
      for (let channel = 0; channel < channels; channel++)
        values[index++] = keep[channel * plane + pixel]! * kept;
    }
  }
  return tf.tensor(values, [...internalShape], 'float32');
}

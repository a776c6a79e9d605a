import * as tf from '@tensorflow/tfjs';

/**
 * Sums a vector element-wise over every replica that shares one BatchNorm batch, synchronously (each replica
 * calls it at the same point of the same pass) and in replica order, so each replica gets the same bits.
 *
 * @example
 * const allReduce: ChannelAllReduce = (values) => reducer.reduce(values, 2);
 */
export type ChannelAllReduce = (values: Float64Array) => Float64Array;

/**
 * Per-channel means over all replicas sharing a BatchNorm batch, from each replica's local means over `count`
 * elements: the local sums (in float64) and the count go through one `allReduce` round, then each global sum is
 * divided by the global count. Several vectors share the round. The means are new tensors.
 *
 * @example
 * const { means: [mean], count: total } = allReduceMeans([localMean], 8 * 16 * 16, allReduce);
 */
export function allReduceMeans(
  means: tf.Tensor1D[],
  count: number,
  allReduce: ChannelAllReduce,
): { means: tf.Tensor1D[]; count: number } {
  const lengths = means.map((mean) => mean.size);
  const packed = new Float64Array(lengths.reduce((sum, length) => sum + length, 0) + 1);
  let offset = 0;
  for (const mean of means) {
    const data = mean.dataSync();
    for (let index = 0; index < data.length; index++) packed[offset + index] = data[index]! * count;
    offset += data.length;
  }
  packed[offset] = count;
  const sums = allReduce(packed);
  const total = sums[offset]!;
  let start = 0;
  const global = lengths.map((length) => {
    const values = Float32Array.from(sums.subarray(start, start + length), (sum) => sum / total);
    start += length;
    return tf.tensor1d(values, 'float32');
  });
  return { means: global, count: total };
}

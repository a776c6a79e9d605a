import * as tf from '@tensorflow/tfjs';

/**
 * Per-channel sums of an NHWC tensor, accurate in float32 at any size: the reduction over `n * h * w` elements is
 * done in three short sequential sums (each row, then each image's rows, then the images) instead of one long
 * one. A float32 running sum loses about `length * epsilon` of the sum of magnitudes, so one sequential sum over
 * 64 x 32 x 32 = 65,536 terms (as wasm's pooling and reduction kernels do) loses up to 4e-3, and far more relative to
 * a sum that cancels (a BatchNorm bias gradient); three sums of 32, 32 and 64 terms lose 128 epsilon at most.
 *
 * Rows and images are averaged by pooling windows (one pass each, fast on every backend, and no transpose, which
 * wasm's `sum` over outer axes needs), then scaled back to sums.
 *
 * @example
 * const sums = channelSums(tf.ones([2, 3, 4, 5]) as tf.Tensor4D); // [5] of 24
 */
export function channelSums(x: tf.Tensor4D): tf.Tensor1D {
  return tf.tidy(() => {
    const [batch, height, width, channels] = x.shape;
    const rowMeans = tf.avgPool(x, [1, width], [1, width], 'valid');
    const imageMeans = tf.avgPool(rowMeans, [height, 1], [height, 1], 'valid');
    const imageSums = tf.mul(tf.reshape(imageMeans, [batch, channels]), height * width);
    return tf.sum(imageSums, 0) as tf.Tensor1D;
  });
}

/**
 * Per-channel means of an NHWC tensor, from {@link channelSums} (accurate in float32 at any size).
 *
 * @example
 * const means = channelMeans(x); // [channels]
 */
export function channelMeans(x: tf.Tensor4D): tf.Tensor1D {
  const [batch, height, width] = x.shape;
  return tf.tidy(() => tf.div(channelSums(x), batch * height * width) as tf.Tensor1D);
}

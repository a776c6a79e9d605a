import * as tf from '@tensorflow/tfjs';

/** Statistics of one BatchNorm in a training-mode pass: biased batch variance and the element count. */
export interface BatchStatistics {
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
  count: number;
}

/** Per-channel sums of an NHWC tensor as one `[1, m] x [m, c]` product (much faster than a reduction on wasm). */
function channelSums(x: tf.Tensor, ones: tf.Tensor2D): tf.Tensor1D {
  const channels = x.shape[x.rank - 1]!;
  return tf.reshape(tf.matMul(ones, tf.reshape(x, [-1, channels])), [channels]);
}

/**
 * Training-mode BatchNorm over NHWC with batch statistics and a hand-written backward pass. Channel sums are
 * matrix products with a row of ones and the elementwise parts are tfjs's fused batch-norm kernel, so a pass
 * reads the activation a few times instead of a dozen:
 *
 * ```text
 * xhat = (x - mean) * rsqrt(var + eps)   (biased variance),   y = gamma * xhat + beta
 * dx   = a * (dy - mean(dy)) - a * mean(dy * xhat) * xhat,        a = gamma * rsqrt(var + eps)
 * ```
 *
 * The batch mean and biased variance are handed to `record` (kept tensors the caller disposes).
 *
 * @example
 * const y = batchNormTraining(x, gamma, beta, 1e-5, (statistics) => recorded.push(statistics));
 */
export function batchNormTraining(
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  epsilon: number,
  record?: (statistics: BatchStatistics) => void,
): tf.Tensor4D {
  const count = x.shape[0] * x.shape[1] * x.shape[2];
  const normalize = tf.customGrad((input, scale, shift, save) => {
    const ones = tf.ones([1, count]) as tf.Tensor2D;
    const mean = tf.div(channelSums(input as tf.Tensor, ones), count);
    const centered = tf.sub(input as tf.Tensor, mean);
    const variance = tf.div(channelSums(tf.square(centered), ones), count);
    const inverseStd = tf.rsqrt(tf.add(variance, epsilon));
    if (record) record({ mean: tf.keep(mean) as tf.Tensor1D, variance: tf.keep(variance) as tf.Tensor1D, count });
    const normalized = tf.mul(centered, inverseStd);
    (save as tf.GradSaveFunc)([normalized, inverseStd, scale as tf.Tensor, ones]);
    const value = tf.batchNorm(normalized as tf.Tensor4D, tf.zerosLike(mean), tf.onesLike(variance), shift as tf.Tensor1D, scale as tf.Tensor1D, 0);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xhat, invStd, weight, row] = saved as [tf.Tensor, tf.Tensor1D, tf.Tensor1D, tf.Tensor2D];
        const shiftGradient = channelSums(dy, row);
        const scaleGradient = channelSums(tf.mul(dy, xhat), row);
        const a = tf.mul(weight, invStd);
        const zero = tf.zerosLike(invStd);
        const one = tf.onesLike(invStd);
        // a * (dy - mean(dy)) and the correction along xhat, each one fused pass: (v - m) * s / sqrt(1 + 0) + 0.
        const direct = tf.batchNorm(dy as tf.Tensor4D, tf.div(shiftGradient, count), one, zero, a, 0);
        const slope = tf.neg(tf.mul(a, tf.div(scaleGradient, count)));
        const correction = tf.batchNorm(xhat as tf.Tensor4D, zero, one, zero, slope as tf.Tensor1D, 0);
        return [tf.add(direct, correction), scaleGradient, shiftGradient];
      },
    };
  });
  return normalize(x, gamma, beta) as tf.Tensor4D;
}

/**
 * Eval-mode BatchNorm with running statistics, one fused pass.
 *
 * @example
 * const y = batchNormInference(x, gamma, beta, runningMean, runningVar, 1e-5);
 */
export function batchNormInference(
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  runningMean: tf.Tensor1D,
  runningVariance: tf.Tensor1D,
  epsilon: number,
): tf.Tensor4D {
  return tf.batchNorm(x, runningMean, runningVariance, beta, gamma, epsilon);
}

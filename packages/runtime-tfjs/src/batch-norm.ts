import * as tf from '@tensorflow/tfjs';

/** Statistics of one BatchNorm in a training-mode pass: biased batch variance and the element count. */
export interface BatchStatistics {
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
  count: number;
}

const AXES = [0, 1, 2]; // NHWC: statistics per channel over batch, height and width

/**
 * Training-mode BatchNorm over NHWC with batch statistics and a hand-written backward pass (one fused formula
 * instead of autodiff through mean/variance, which saves several full-size passes):
 *
 * ```text
 * y  = gamma * xhat + beta,  xhat = (x - mean) * rsqrt(var + eps)         (biased variance)
 * dx = gamma * rsqrt(var + eps) * (dy - mean(dy) - xhat * mean(dy * xhat))
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
    const mean = tf.mean(input as tf.Tensor, AXES);
    const centered = tf.sub(input as tf.Tensor, mean);
    const variance = tf.mean(tf.square(centered), AXES);
    const inverseStd = tf.rsqrt(tf.add(variance, epsilon));
    const normalized = tf.mul(centered, inverseStd);
    if (record) record({ mean: tf.keep(mean) as tf.Tensor1D, variance: tf.keep(variance) as tf.Tensor1D, count });
    (save as tf.GradSaveFunc)([normalized, inverseStd, scale as tf.Tensor]);
    return {
      value: tf.add(tf.mul(normalized, scale as tf.Tensor), shift as tf.Tensor),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xhat, invStd, weight] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
        const shiftGradient = tf.sum(dy, AXES);
        const scaleGradient = tf.sum(tf.mul(dy, xhat), AXES);
        const inputGradient = tf.mul(
          tf.sub(tf.sub(dy, tf.div(shiftGradient, count)), tf.mul(xhat, tf.div(scaleGradient, count))),
          tf.mul(weight, invStd),
        );
        return [inputGradient, scaleGradient, shiftGradient];
      },
    };
  });
  return normalize(x, gamma, beta) as tf.Tensor4D;
}

/**
 * Eval-mode BatchNorm with running statistics: `y = x * scale + shift` with per-channel vectors.
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
  return tf.tidy(() => {
    const scale = tf.mul(gamma, tf.rsqrt(tf.add(runningVariance, epsilon)));
    const shift = tf.sub(beta, tf.mul(runningMean, scale));
    return tf.add(tf.mul(x, scale), shift);
  });
}

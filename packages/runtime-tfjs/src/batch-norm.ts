import * as tf from '@tensorflow/tfjs';
import { allReduceMeans, type ChannelAllReduce } from './all-reduce-means.js';
import { channelMeans } from './channel-sums.js';

/**
 * Statistics of one BatchNorm in a training-mode pass: biased batch variance and the element count.
 *
 * @example
 * const statistics: BatchStatistics = { mean, variance, count: 32 * 32 * 32 };
 */
export interface BatchStatistics {
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
  count: number;
}

/**
 * Training-mode BatchNorm over NHWC with batch statistics and a hand-written backward pass. Channel means are
 * global average pools and the elementwise parts are tfjs's fused batch-norm kernel, so a pass reads the
 * activation a few times instead of a dozen:
 *
 * ```text
 * xhat = (x - mean) * rsqrt(var + eps)   (biased variance),   y = gamma * xhat + beta
 * dx   = a * (dy - mean(dy)) - a * mean(dy * xhat) * xhat,        a = gamma * rsqrt(var + eps)
 * ```
 *
 * The batch mean and biased variance are handed to `record` (kept tensors the caller disposes).
 *
 * With `allReduce`, `x` is this replica's slice of a batch shared by several replicas: the forward pass
 * all-reduces the per-channel sums (mean = global sum / global count), then the sums of squared deviations from
 * that mean; the backward pass all-reduces sum(dy) and sum(dy * xhat). The gamma and beta gradients stay this
 * slice's own sums (the caller adds the replicas' gradients), and `dy` must be the gradient of the replicas' common
 * loss (each replica's share of it), so the slices' sums add up.
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
  allReduce?: ChannelAllReduce,
): tf.Tensor4D {
  const local = x.shape[0] * x.shape[1] * x.shape[2];
  // Means over the whole BatchNorm batch: this tensor's own, or those of every replica sharing the batch.
  const batchMeans = (means: tf.Tensor1D[]) =>
    allReduce ? allReduceMeans(means, local, allReduce) : { means, count: local };
  const normalize = tf.customGrad((input, scale, shift, save) => {
    const { means, count } = batchMeans([channelMeans(input as tf.Tensor4D)]);
    const mean = means[0]!;
    const centered = tf.sub(input as tf.Tensor, mean);
    const variance = batchMeans([channelMeans(tf.square(centered) as tf.Tensor4D)]).means[0]!;
    const inverseStd = tf.rsqrt(tf.add(variance, epsilon));
    if (record)
      record({ mean: tf.keep(mean) as tf.Tensor1D, variance: tf.keep(variance) as tf.Tensor1D, count });
    const normalized = tf.mul(centered, inverseStd);
    (save as tf.GradSaveFunc)([normalized, inverseStd, scale as tf.Tensor]);
    const value = tf.batchNorm(
      normalized as tf.Tensor4D,
      tf.zerosLike(mean),
      tf.onesLike(variance),
      shift as tf.Tensor1D,
      scale as tf.Tensor1D,
      0,
    );
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xhat, invStd, weight] = saved as [tf.Tensor, tf.Tensor1D, tf.Tensor1D];
        const localGradient = channelMeans(dy as tf.Tensor4D);
        const localProduct = channelMeans(tf.mul(dy, xhat) as tf.Tensor4D);
        // This slice's sums: the gradients of the replicas sharing the batch are added by the caller.
        const shiftGradient = tf.mul(localGradient, local);
        const scaleGradient = tf.mul(localProduct, local);
        const [meanGradient, meanProduct] = batchMeans([localGradient, localProduct]).means;
        const a = tf.mul(weight, invStd);
        const zero = tf.zerosLike(invStd);
        const one = tf.onesLike(invStd);
        // a * (dy - mean(dy)) and the correction along xhat, each one fused pass: (v - m) * s / sqrt(1 + 0) + 0.
        const direct = tf.batchNorm(dy as tf.Tensor4D, meanGradient!, one, zero, a, 0);
        const slope = tf.neg(tf.mul(a, meanProduct!));
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

import { elementCount } from '@wrn/spec';
import { zeros, type Tensor64 } from './tensor.js';

/**
 * What a training-mode BatchNorm keeps for its backward pass and for the running-statistics update.
 *
 * @example
 * const { y, cache } = batchNormTrainingForward(x, gamma, beta, 1e-5);
 * cache.mean; // per-channel batch mean
 */
export interface BatchNormCache {
  /** Normalised input `(x - mean) / sqrt(variance + epsilon)`. */
  normalized: Tensor64;
  mean: Float64Array;
  /** Biased batch variance (divided by the count m). */
  variance: Float64Array;
  /** `1 / sqrt(variance + epsilon)` per channel. */
  inverseStd: Float64Array;
  /** Values per channel: n * h * w. */
  count: number;
}

/** Calls `visit(channel, index)` for every element of an `[n, c, ...]` tensor. */
function forEachElement(shape: number[], visit: (channel: number, index: number) => void): void {
  const [batch = 0, channels = 0] = shape;
  const plane = elementCount(shape.slice(2));
  for (let n = 0; n < batch; n++)
    for (let c = 0; c < channels; c++)
      for (let p = 0; p < plane; p++) visit(c, (n * channels + c) * plane + p);
}

/**
 * Training-mode BatchNorm: normalise with the batch mean and the biased batch variance (PyTorch semantics).
 *
 * @example
 * const { y } = batchNormTrainingForward({ shape: [3, 1], data: new Float64Array([1, 2, 3]) }, gamma, beta, 0);
 */
export function batchNormTrainingForward(
  x: Tensor64,
  gamma: Tensor64,
  beta: Tensor64,
  epsilon: number,
): { y: Tensor64; cache: BatchNormCache } {
  const channels = x.shape[1] ?? 0;
  const count = x.data.length / channels;
  const mean = new Float64Array(channels);
  const variance = new Float64Array(channels);
  forEachElement(x.shape, (c, i) => (mean[c]! += x.data[i]! / count));
  forEachElement(x.shape, (c, i) => (variance[c]! += (x.data[i]! - mean[c]!) ** 2 / count));
  const inverseStd = variance.map((v) => 1 / Math.sqrt(v + epsilon));
  const normalized = zeros(x.shape);
  const y = zeros(x.shape);
  forEachElement(x.shape, (c, i) => {
    normalized.data[i] = (x.data[i]! - mean[c]!) * inverseStd[c]!;
    y.data[i] = gamma.data[c]! * normalized.data[i]! + beta.data[c]!;
  });
  return { y, cache: { normalized, mean, variance, inverseStd, count } };
}

/**
 * Eval-mode BatchNorm: normalise with the running statistics.
 *
 * @example
 * const y = batchNormEvalForward(x, gamma, beta, runningMean, runningVar, 1e-5);
 */
export function batchNormEvalForward(
  x: Tensor64,
  gamma: Tensor64,
  beta: Tensor64,
  runningMean: Tensor64,
  runningVar: Tensor64,
  epsilon: number,
): Tensor64 {
  const y = zeros(x.shape);
  forEachElement(x.shape, (c, i) => {
    const normalized = (x.data[i]! - runningMean.data[c]!) / Math.sqrt(runningVar.data[c]! + epsilon);
    y.data[i] = gamma.data[c]! * normalized + beta.data[c]!;
  });
  return y;
}

/**
 * PyTorch's running-statistics update, in place: `running = (1 - momentum) running + momentum batch`, where the
 * variance uses the unbiased batch variance `variance * m / (m - 1)`.
 *
 * @example
 * updateRunningStatistics(runningMean, runningVar, cache, 0.1);
 */
export function updateRunningStatistics(
  runningMean: Tensor64,
  runningVar: Tensor64,
  cache: BatchNormCache,
  momentum: number,
): void {
  if (cache.count < 2) {
    throw new RangeError(
      `BatchNorm needs more than 1 value per channel in training mode, got ${cache.count}; use a larger batch or input`,
    );
  }
  const unbiased = cache.count / (cache.count - 1);
  for (let c = 0; c < cache.mean.length; c++) {
    runningMean.data[c] = (1 - momentum) * runningMean.data[c]! + momentum * cache.mean[c]!;
    runningVar.data[c] = (1 - momentum) * runningVar.data[c]! + momentum * cache.variance[c]! * unbiased;
  }
}

/**
 * Training-mode BatchNorm backward (the batch statistics depend on x):
 * `dx = inverseStd / m * (m dxhat - sum(dxhat) - xhat sum(dxhat xhat))` with `dxhat = dy gamma`.
 *
 * @example
 * const { dx, dGamma, dBeta } = batchNormBackward(dy, gamma, cache);
 */
export function batchNormBackward(
  dy: Tensor64,
  gamma: Tensor64,
  cache: BatchNormCache,
): { dx: Tensor64; dGamma: Tensor64; dBeta: Tensor64 } {
  const channels = gamma.data.length;
  const dGamma = zeros([channels]);
  const dBeta = zeros([channels]);
  forEachElement(dy.shape, (c, i) => {
    dGamma.data[c]! += dy.data[i]! * cache.normalized.data[i]!;
    dBeta.data[c]! += dy.data[i]!;
  });
  // sum(dxhat) = gamma * dBeta and sum(dxhat * xhat) = gamma * dGamma, per channel.
  const dx = zeros(dy.shape);
  const m = cache.count;
  forEachElement(dy.shape, (c, i) => {
    const dNormalized = dy.data[i]! * gamma.data[c]!;
    const sum = gamma.data[c]! * dBeta.data[c]!;
    const sumTimesNormalized = gamma.data[c]! * dGamma.data[c]!;
    dx.data[i] =
      (cache.inverseStd[c]! / m) * (m * dNormalized - sum - cache.normalized.data[i]! * sumTimesNormalized);
  });
  return { dx, dGamma, dBeta };
}

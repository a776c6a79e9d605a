import { zeros, type Tensor64 } from './tensor.js';

/**
 * Fully connected forward: `y[n, o] = sum_i x[n, i] W[o, i] + b[o]`, with `W` of shape `[out, in]`.
 *
 * @example
 * const logits = denseForward(features, weight, bias);
 */
export function denseForward(x: Tensor64, weight: Tensor64, bias: Tensor64 | undefined): Tensor64 {
  const [batch = 0, inFeatures = 0] = x.shape;
  const outFeatures = weight.shape[0] ?? 0;
  const y = zeros([batch, outFeatures]);
  for (let n = 0; n < batch; n++)
    for (let o = 0; o < outFeatures; o++) {
      let sum = bias ? bias.data[o]! : 0;
      for (let i = 0; i < inFeatures; i++)
        sum += x.data[n * inFeatures + i]! * weight.data[o * inFeatures + i]!;
      y.data[n * outFeatures + o] = sum;
    }
  return y;
}

/**
 * Fully connected backward: `dx = dy W`, `dW = dy^T x`, `db = sum_n dy`.
 *
 * @example
 * const { dx, dWeight, dBias } = denseBackward(features, weight, dLogits);
 */
export function denseBackward(
  x: Tensor64,
  weight: Tensor64,
  dy: Tensor64,
): { dx: Tensor64; dWeight: Tensor64; dBias: Tensor64 } {
  const [batch = 0, inFeatures = 0] = x.shape;
  const outFeatures = weight.shape[0] ?? 0;
  const dx = zeros(x.shape);
  const dWeight = zeros(weight.shape);
  const dBias = zeros([outFeatures]);
  for (let n = 0; n < batch; n++)
    for (let o = 0; o < outFeatures; o++) {
      const gradient = dy.data[n * outFeatures + o]!;
      dBias.data[o]! += gradient;
      for (let i = 0; i < inFeatures; i++) {
        dx.data[n * inFeatures + i]! += gradient * weight.data[o * inFeatures + i]!;
        dWeight.data[o * inFeatures + i]! += gradient * x.data[n * inFeatures + i]!;
      }
    }
  return { dx, dWeight, dBias };
}

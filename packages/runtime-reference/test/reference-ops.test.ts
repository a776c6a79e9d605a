import { describe, expect, it } from 'vitest';
import {
  batchNormBackward,
  batchNormEvalForward,
  batchNormTrainingForward,
  conv2dForward,
  countCorrect,
  denseForward,
  dropoutApply,
  globalAvgPoolForward,
  sgdStep,
  softmaxCrossEntropy,
  updateRunningStatistics,
  type Tensor64,
  type WeightMap64,
} from '../src/index.js';

const tensor = (shape: number[], values: number[]): Tensor64 => ({ shape, data: Float64Array.from(values) });
const close = (actual: ArrayLike<number>, expected: number[]) =>
  expected.forEach((value, index) => expect(actual[index]).toBeCloseTo(value, 12));

describe('reference ops on hand-computed cases', () => {
  // x = 1..9 in a 3x3 plane; the kernel picks the up-left neighbour and twice the down-right one.
  const x = tensor([1, 1, 3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const weight = tensor([1, 1, 3, 3], [1, 0, 0, 0, 0, 0, 0, 0, 2]);

  it('conv2d, stride 1, zero padding 1: y[i,j] = x[i-1,j-1] + 2 x[i+1,j+1]', () => {
    const y = conv2dForward(x, weight, tensor([1], [0.5]), { kernelSize: 3, stride: 1, padding: 1 });
    expect(y.shape).toEqual([1, 1, 3, 3]);
    close(
      y.data,
      [10, 12, 0, 16, 19, 2, 0, 4, 5].map((v) => v + 0.5),
    );
  });

  it('conv2d, stride 2 keeps positions (0,0), (0,2), (2,0), (2,2)', () => {
    const y = conv2dForward(x, weight, undefined, { kernelSize: 3, stride: 2, padding: 1 });
    expect(y.shape).toEqual([1, 1, 2, 2]);
    close(y.data, [10, 0, 0, 5]);
  });

  it('conv2d sums over input channels with OIHW weights', () => {
    const twoChannels = tensor([1, 2, 1, 1], [3, 5]);
    const y = conv2dForward(twoChannels, tensor([2, 2, 1, 1], [1, 10, 100, 1000]), undefined, {
      kernelSize: 1,
      stride: 1,
      padding: 0,
    });
    close(y.data, [3 + 50, 300 + 5000]);
  });

  // x = [1, 2, 3, 6]: mean 3, biased variance 3.5; with epsilon 0.5 the std is exactly 2.
  const values = tensor([4, 1], [1, 2, 3, 6]);
  it('batchNorm training: biased variance, gamma 2, beta 1', () => {
    const { y, cache } = batchNormTrainingForward(values, tensor([1], [2]), tensor([1], [1]), 0.5);
    close(y.data, [-1, 0, 1, 4]);
    close(cache.mean, [3]);
    close(cache.variance, [3.5]);
  });

  it('batchNorm running statistics use the unbiased variance (14/3)', () => {
    const { cache } = batchNormTrainingForward(values, tensor([1], [2]), tensor([1], [1]), 0.5);
    const mean = tensor([1], [0]);
    const variance = tensor([1], [1]);
    updateRunningStatistics(mean, variance, cache, 0.1);
    close(mean.data, [0.3]);
    close(variance.data, [0.9 + 0.1 * (14 / 3)]);
  });

  it('batchNorm eval uses running statistics: (x - 1) / sqrt(3 + 1) * 2 + 1', () => {
    const y = batchNormEvalForward(
      values,
      tensor([1], [2]),
      tensor([1], [1]),
      tensor([1], [1]),
      tensor([1], [3]),
      1,
    );
    close(y.data, [1, 2, 3, 6]);
  });

  it('batchNorm backward: dBeta = sum dy, dGamma = sum dy xhat, dx of a shift is 0', () => {
    const { cache } = batchNormTrainingForward(values, tensor([1], [2]), tensor([1], [1]), 0.5);
    const { dx, dGamma, dBeta } = batchNormBackward(tensor([4, 1], [1, 1, 1, 1]), tensor([1], [2]), cache);
    close(dBeta.data, [4]);
    close(dGamma.data, [0]); // xhat sums to 0
    close(dx.data, [0, 0, 0, 0]); // a constant output gradient cannot change a normalised output
  });

  it('softmax cross-entropy: mean of ln 4 and ln 2, gradient (p - onehot) / n', () => {
    const logits = tensor([2, 2], [0, Math.log(3), 0, 0]);
    const { loss, dLogits } = softmaxCrossEntropy(logits, new Int32Array([0, 1]));
    expect(loss).toBeCloseTo(1.5 * Math.log(2), 12);
    close(dLogits.data, [-0.375, 0.375, 0.25, -0.25]);
    expect(countCorrect(logits, new Int32Array([0, 1]))).toBe(0); // row 1 prefers class 1; a tie picks class 0
  });

  it('dense: y = x W^T + b with W [out, in]', () => {
    const y = denseForward(
      tensor([1, 2], [1, 2]),
      tensor([3, 2], [1, 0, 0, 1, 1, 1]),
      tensor([3], [0, 0, 10]),
    );
    close(y.data, [1, 2, 13]);
  });

  it('dropout is inverted; global average pooling is a mean', () => {
    close(dropoutApply(tensor([4], [1, 2, 3, 4]), new Uint8Array([1, 0, 1, 0]), 0.5).data, [2, 0, 6, 0]);
    close(globalAvgPoolForward(tensor([1, 2, 1, 2], [1, 3, 5, 9])).data, [2, 7]);
  });

  const optimizer = {
    type: 'sgd',
    learningRate: 0.1,
    momentum: 0.9,
    dampening: 0,
    weightDecay: 0.1,
  } as const;
  const twoSteps = (nesterov: boolean) => {
    const weights: WeightMap64 = new Map([['w', tensor([1], [1])]]);
    const buffers: WeightMap64 = new Map();
    const gradients: WeightMap64 = new Map([['w', tensor([1], [0.5])]]);
    sgdStep(weights, gradients, buffers, { ...optimizer, nesterov }, 0.1);
    const first = weights.get('w')!.data[0]!;
    sgdStep(weights, gradients, buffers, { ...optimizer, nesterov }, 0.1);
    return [first, weights.get('w')!.data[0]!, buffers.get('w')!.data[0]!];
  };

  it('SGD Nesterov with weight decay, by hand: 0.886 then 0.725566', () => {
    // g = 0.5 + 0.1 * 1 = 0.6, buf = 0.6, w = 1 - 0.1 (0.6 + 0.54); then g = 0.5886, buf = 1.1286.
    close(twoSteps(true), [0.886, 0.725566, 1.1286]);
  });

  it('SGD plain momentum with weight decay, by hand: 0.94 then 0.8266', () => {
    close(twoSteps(false), [0.94, 0.8266, 1.134]);
  });
});

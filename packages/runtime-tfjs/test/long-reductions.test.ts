import * as tf from '@tensorflow/tfjs';
import { naturalImages } from '@wrn/conformance';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchNormTraining, type BatchStatistics } from '../src/batch-norm.js';
import { loadWasmBackend } from '../src/wasm-backend.js';

// WRN group 0 at CIFAR size: every per-channel reduction runs over 64 x 32 x 32 = 65,536 terms.
const [batch, height, width, channels] = [64, 32, 32, 16];
const pixels = height * width;

/** The suite's natural images with `channels` channels, pixels in [0, 1] around 0.5 (std 0.25). */
const input = { channels, height, width, mean: Array(channels).fill(0.5), std: Array(channels).fill(0.25) };

/** Natural-image-like NHWC data (float32) centred per channel, then shifted and scaled. */
function nhwc(seed: number, shift: (channel: number) => number, scale: number): Float32Array {
  const nchw = naturalImages(input, batch, seed).map((value) => (value - 0.5) / 0.25);
  const result = new Float32Array(nchw.length);
  for (let image = 0; image < batch; image++)
    for (let channel = 0; channel < channels; channel++)
      for (let pixel = 0; pixel < pixels; pixel++) {
        const value = nchw[(image * channels + channel) * pixels + pixel]!;
        result[(image * pixels + pixel) * channels + channel] = scale * value + shift(channel);
      }
  return result;
}

/** max |actual - expected| / max |expected|. */
function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let error = 0;
  let scale = 0;
  for (let index = 0; index < expected.length; index++) {
    error = Math.max(error, Math.abs(actual[index]! - expected[index]!));
    scale = Math.max(scale, Math.abs(expected[index]!));
  }
  return error / scale;
}

/** Per-channel float64 sums of `term(index)` over an NHWC array, one plain loop. */
function channelSums64(term: (index: number) => number): Float64Array {
  const sums = new Float64Array(channels);
  for (let index = 0; index < batch * pixels * channels; index++) sums[index % channels]! += term(index);
  return sums;
}

describe('wasm: long reductions against float64 loops', () => {
  beforeAll(async () => {
    await loadWasmBackend();
    await tf.setBackend('wasm');
  });

  it('BatchNorm training statistics and backward sums over 65,536 terms per channel', () => {
    // Activations with a large mean (as after a convolution), gradients whose per-channel sums nearly cancel.
    const x = nhwc(31, (channel) => 8 + channel / 4, 0.5);
    const dy = nhwc(32, (channel) => 0.001 * (channel - 7.5), 1);
    const recorded: BatchStatistics[] = [];
    const [gammaGradient, betaGradient] = tf.tidy(() => {
      const input = tf.tensor4d(x, [batch, height, width, channels]);
      const probe = tf.tensor4d(dy, [batch, height, width, channels]);
      const loss = (gamma: tf.Tensor, beta: tf.Tensor) =>
        tf.sum(
          tf.mul(
            batchNormTraining(input, gamma as tf.Tensor1D, beta as tf.Tensor1D, 1e-5, (s) =>
              recorded.push(s),
            ),
            probe,
          ),
        );
      return tf.grads(loss)([tf.ones([channels]), tf.zeros([channels])]);
    });
    const count = batch * pixels;
    const mean = channelSums64((index) => x[index]!).map((sum) => sum / count);
    const variance = channelSums64((index) => (x[index]! - mean[index % channels]!) ** 2).map(
      (s) => s / count,
    );
    const inverseStd = variance.map((value) => 1 / Math.sqrt(value + 1e-5));
    const expectedBeta = channelSums64((index) => dy[index]!);
    const expectedGamma = channelSums64(
      (index) => dy[index]! * (x[index]! - mean[index % channels]!) * inverseStd[index % channels]!,
    );
    const statistics = recorded[0]!;
    // The bias gradient cancels about 1,000-fold (sum |dy| / |sum dy|), which magnifies accumulation error: one
    // sequential pass over each image (the old global pool) measured 1.0e-6 here, rows then images then the batch
    // (three sums of 32, 32 and 64 terms) 1.9e-7. The statistics do not cancel: 1e-6. The scale gradient is bounded
    // by float32's rounding of x - mean, not by accumulation: x's mean is 16-32 times its std, so each centred value
    // carries about 6e-8 * 32 of relative error, which the cancelling sum magnifies (1.4e-5 before, 1.2e-5 after).
    expect(relativeError(statistics.mean.dataSync(), mean)).toBeLessThan(1e-6);
    expect(relativeError(statistics.variance.dataSync(), variance)).toBeLessThan(1e-6);
    expect(relativeError(betaGradient!.dataSync(), expectedBeta)).toBeLessThan(5e-7);
    expect(relativeError(gammaGradient!.dataSync(), expectedGamma)).toBeLessThan(2e-5);
    tf.dispose([gammaGradient!, betaGradient!, statistics.mean, statistics.variance]);
  });

  it('Conv2DBackpropFilter over 65,536 products per weight (3x3, stride 1, padding 1)', () => {
    const x = nhwc(33, () => 0, 1).map((value) => Math.max(value, 0)); // post-ReLU: a large mean
    const dy = nhwc(34, () => 0, 1);
    const gradient = tf.tidy(() =>
      tf.engine().runKernel(
        'Conv2DBackpropFilter',
        {
          x: tf.tensor4d(x, [batch, height, width, channels]),
          dy: tf.tensor4d(dy, [batch, height, width, channels]),
        },
        {
          strides: 1,
          pad: [
            [0, 0],
            [1, 1],
            [1, 1],
            [0, 0],
          ],
          dataFormat: 'NHWC',
          filterShape: [3, 3, channels, channels],
        },
      ),
    ) as tf.Tensor;
    const expected = new Float64Array(9 * channels * channels);
    for (let kh = 0; kh < 3; kh++)
      for (let kw = 0; kw < 3; kw++)
        for (let image = 0; image < batch; image++)
          for (let row = 0; row < height; row++)
            for (let column = 0; column < width; column++) {
              const inRow = row + kh - 1;
              const inColumn = column + kw - 1;
              if (inRow < 0 || inRow >= height || inColumn < 0 || inColumn >= width) continue;
              const xBase = ((image * height + inRow) * width + inColumn) * channels;
              const dyBase = ((image * height + row) * width + column) * channels;
              const out = (kh * 3 + kw) * channels * channels;
              for (let input = 0; input < channels; input++)
                for (let output = 0; output < channels; output++)
                  expected[out + input * channels + output]! += x[xBase + input]! * dy[dyBase + output]!;
            }
    // A float32 sum of K products drifts by about epsilon * sqrt(K) of its magnitudes (1.5e-5 for K = 65,536): the
    // one convolution over all products measured 1.2e-5 here (blocks of 8,192 were 2.5x more exact but slowed a
    // training step 1.3-1.9x, and the kernel was not what broke the real-size step; BatchNorm's sums were).
    expect(relativeError(gradient.dataSync(), expected)).toBeLessThan(1.5e-5);
    gradient.dispose();
  });
});

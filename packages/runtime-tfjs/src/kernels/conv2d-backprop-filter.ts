import type * as tf from '@tensorflow/tfjs';
import { convGeometry } from './conv-geometry.js';
import { KernelCalls } from './kernel-call.js';

/**
 * The filter gradient of an NHWC convolution expressed as one ordinary (dilated) convolution, which fast
 * backends run at forward-convolution speed:
 *
 * ```text
 * dW[kh, kw, ci, co] = sum over n, oh, ow of xpad[n, oh*s + kh, ow*s + kw, ci] * dy[n, oh, ow, co]
 *                    = conv2d(input  = xpad transposed to [ci, H, W, n]     (channels become the batch),
 *                             filter = dy   transposed to [oh, ow, n, co],   dilation = stride)[ci, kh, kw, co]
 * ```
 *
 * The input is padded (or cropped) so the convolution's output is exactly `[ci, kh, kw, co]`; the result is
 * transposed back to HWIO. Returns `undefined` where it does not apply (NCHW, dilation), so callers can fall back.
 *
 * @example
 * registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm',
 *   kernelFunc: ({ inputs, backend, attrs }) => conv2dBackpropFilterAsConvolution(inputs, backend, 'wasm', attrs)! });
 */
export function conv2dBackpropFilterAsConvolution(
  inputs: tf.NamedTensorInfoMap,
  backend: tf.KernelBackend,
  backendName: string,
  attrs: tf.NamedAttrMap,
): tf.TensorInfo | undefined {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } =
    attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  const geometry = convGeometry(x.shape, filterShape, strides, pad, dataFormat, dimRoundingMode);
  if (!geometry) return undefined;
  const { inHeight, inWidth, outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth } =
    geometry;
  // Rows/columns the convolution reads: (out - 1) * stride + filter, starting padTop/padLeft before the input.
  const padBottom = (outHeight - 1) * strideHeight + filterHeight - inHeight - geometry.padTop;
  const padRight = (outWidth - 1) * strideWidth + filterWidth - inWidth - geometry.padLeft;
  const calls = new KernelCalls(backend, backendName);
  try {
    let source = x;
    if (padBottom < 0 || padRight < 0 || geometry.padTop < 0 || geometry.padLeft < 0) {
      // Rows the convolution never reads (stride leftovers, or negative explicit padding) are cropped first.
      const top = Math.max(0, -geometry.padTop);
      const left = Math.max(0, -geometry.padLeft);
      const height = inHeight - top - Math.max(0, -padBottom);
      const width = inWidth - left - Math.max(0, -padRight);
      source = calls.run(
        'Slice',
        { x },
        { begin: [0, top, left, 0], size: [geometry.batch, height, width, geometry.inChannels] },
      );
    }
    const paddings = [
      [0, 0],
      [Math.max(0, geometry.padTop), Math.max(0, padBottom)],
      [Math.max(0, geometry.padLeft), Math.max(0, padRight)],
      [0, 0],
    ];
    if (paddings.some(([before, after]) => before !== 0 || after !== 0)) {
      source = calls.run('PadV2', { x: source }, { paddings, constantValue: 0 });
    }
    const channelsAsBatch = calls.run('Transpose', { x: source }, { perm: [3, 1, 2, 0] });
    const gradientAsFilter = calls.run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] });
    const product = calls.run(
      'Conv2D',
      { x: channelsAsBatch, filter: gradientAsFilter },
      { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [strideHeight, strideWidth] },
    );
    return calls.keep(calls.run('Transpose', { x: product }, { perm: [1, 2, 0, 3] }));
  } finally {
    calls.disposeAll();
  }
}

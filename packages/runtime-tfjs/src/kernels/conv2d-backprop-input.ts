import type * as tf from '@tensorflow/tfjs';
import { convGeometry } from './conv-geometry.js';
import { KernelCalls, view } from './kernel-call.js';

/**
 * The input gradient of an NHWC convolution expressed as one ordinary convolution (the "full" convolution of the
 * output gradient with the flipped, in/out-swapped filter), which fast backends run at forward speed:
 *
 * ```text
 * dx = conv2d(dy with stride-1 zeros inserted between rows/columns,
 *             reverse(W, [kh, kw]) transposed to [kh, kw, co, ci],
 *             stride 1, padding filter - 1 - pad before and whatever completes the input's size after)
 * ```
 *
 * Zeros are inserted with one padding of a 6-D view (`[n, oh, 1, ow, 1, c]` to `[n, oh, s, ow, s, c]`). Returns
 * `undefined` where it does not apply (NCHW, dilation, padding wider than the filter), so callers can fall back.
 *
 * @example
 * const dx = conv2dBackpropInputAsConvolution(inputs, backend, 'wasm', attrs) ?? originalKernel(args);
 */
export function conv2dBackpropInputAsConvolution(
  inputs: tf.NamedTensorInfoMap,
  backend: tf.KernelBackend,
  backendName: string,
  attrs: tf.NamedAttrMap,
): tf.TensorInfo | undefined {
  const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } =
    attrs as unknown as tf.Conv2DBackpropInputAttrs;
  const geometry = convGeometry(inputShape, filter.shape, strides, pad, dataFormat, dimRoundingMode);
  if (!geometry) return undefined;
  const { outHeight, outWidth, outChannels, strideHeight, strideWidth } = geometry;
  // Zero insertion leaves stride - 1 trailing zero rows/columns after the last output row/column.
  const dilatedHeight = outHeight * strideHeight;
  const dilatedWidth = outWidth * strideWidth;
  const padTop = geometry.filterHeight - 1 - geometry.padTop;
  const padLeft = geometry.filterWidth - 1 - geometry.padLeft;
  const padBottom = geometry.inHeight + geometry.filterHeight - 1 - dilatedHeight - padTop;
  const padRight = geometry.inWidth + geometry.filterWidth - 1 - dilatedWidth - padLeft;
  if (Math.min(padTop, padLeft, padBottom, padRight) < 0) return undefined;
  const calls = new KernelCalls(backend, backendName);
  try {
    const pointwise =
      geometry.filterHeight === 1 &&
      geometry.filterWidth === 1 &&
      geometry.padTop === 0 &&
      geometry.padLeft === 0;
    if (pointwise && padBottom === 0 && padRight === 0 && (strideHeight !== 1 || strideWidth !== 1)) {
      // 1x1: multiply by the transposed filter at the output's resolution, then spread (4x less work at stride 2).
      const swapped = calls.run('Transpose', { x: filter }, { perm: [0, 1, 3, 2] });
      const small = calls.run(
        'Conv2D',
        { x: dy, filter: swapped },
        { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [1, 1] },
      );
      const spread = insertStrideZeros(calls, small, geometry.inChannels, geometry);
      calls.keep(spread);
      return spread;
    }
    let gradient = dy;
    if (strideHeight !== 1 || strideWidth !== 1)
      gradient = insertStrideZeros(calls, dy, outChannels, geometry);
    const flipped = calls.run('Reverse', { x: filter }, { dims: [0, 1] });
    const swapped = calls.run('Transpose', { x: flipped }, { perm: [0, 1, 3, 2] });
    const pad = [
      [0, 0],
      [padTop, padBottom],
      [padLeft, padRight],
      [0, 0],
    ];
    return calls.keep(
      calls.run(
        'Conv2D',
        { x: gradient, filter: swapped },
        { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [1, 1] },
      ),
    );
  } finally {
    calls.disposeAll();
  }
}

/**
 * Inserts stride - 1 zeros after every row and column of an NHWC map `[n, oh, ow, c]` (giving `[n, oh s, ow s, c]`)
 * with one padding of a 6-D view `[n, oh, 1, ow, 1, c]`.
 */
function insertStrideZeros(
  calls: KernelCalls,
  x: tf.TensorInfo,
  channels: number,
  geometry: { batch: number; outHeight: number; outWidth: number; strideHeight: number; strideWidth: number },
): tf.TensorInfo {
  const { batch, outHeight, outWidth, strideHeight, strideWidth } = geometry;
  const spread = calls.run(
    'PadV2',
    { x: view(x, [batch, outHeight, 1, outWidth, 1, channels]) },
    {
      paddings: [
        [0, 0],
        [0, 0],
        [0, strideHeight - 1],
        [0, 0],
        [0, strideWidth - 1],
        [0, 0],
      ],
      constantValue: 0,
    },
  );
  return view(spread, [batch, outHeight * strideHeight, outWidth * strideWidth, channels]);
}

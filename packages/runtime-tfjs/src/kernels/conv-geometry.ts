import * as tf from '@tensorflow/tfjs';

/**
 * Geometry of an NHWC 2-D convolution, as the gradient kernels need it. Internal.
 *
 * @example
 * const { outHeight, padTop } = convGeometry([2, 8, 8, 3], [3, 3, 3, 4], 1, 'same', 'NHWC')!;
 */
export interface ConvGeometry {
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  padTop: number;
  padLeft: number;
}

/**
 * Computes the geometry with tfjs's own `computeConv2DInfo` (so 'same', 'valid', numbers and explicit paddings
 * mean exactly what they mean in tfjs), or returns `undefined` where the fast kernels do not apply (NCHW,
 * dilation): the caller then falls back.
 *
 * @example
 * const geometry = convGeometry([2, 8, 8, 3], [3, 3, 3, 4], 2, [[0, 0], [1, 1], [1, 1], [0, 0]], 'NHWC');
 */
export function convGeometry(
  inShape: number[],
  filterShape: number[],
  strides: number | [number, number],
  pad: tf.backend_util.ExplicitPadding | 'valid' | 'same' | number,
  dataFormat: 'NHWC' | 'NCHW',
  dimRoundingMode?: 'floor' | 'round' | 'ceil',
  dilations: number | [number, number] = 1, // the gradient ops of tfjs pass no dilation
): ConvGeometry | undefined {
  if (dataFormat !== 'NHWC') return undefined;
  const dilationList = typeof dilations === 'number' ? [dilations, dilations] : dilations;
  if (dilationList.some((dilation) => dilation !== 1)) return undefined;
  const info = tf.backend_util.computeConv2DInfo(
    inShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

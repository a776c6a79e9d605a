import { zeros, type Tensor64 } from './tensor.js';

/**
 * Geometry of a convolution: square kernel, stride, symmetric zero padding on every side.
 *
 * @example
 * const geometry: ConvGeometry = { kernelSize: 3, stride: 1, padding: 1 };
 */
export interface ConvGeometry {
  kernelSize: number;
  stride: number;
  padding: number;
}

/** Output size of one spatial dimension. @example outputSize(8, { kernelSize: 3, stride: 2, padding: 1 }) // 4 */
export function outputSize(size: number, geometry: ConvGeometry): number {
  return Math.floor((size + 2 * geometry.padding - geometry.kernelSize) / geometry.stride) + 1;
}

/**
 * Visits every (input, weight, output) index triple of a convolution, straight from the definition
 * `y[n, o, oy, ox] = sum over c, ky, kx of x[n, c, oy*s - p + ky, ox*s - p + kx] * w[o, c, ky, kx]`,
 * skipping input positions in the zero padding. Forward and backward share it, so they cannot disagree.
 * `visit` receives the flat indices of one kernel tap's row: input `inputRow + ox*s`, output `outputRow + ox`
 * for `ox` in `[first, last)` (the positions whose input column is inside the image).
 */
function forEachTapRow(
  inputShape: number[],
  weightShape: number[],
  geometry: ConvGeometry,
  visit: (weightIndex: number, inputRow: number, outputRow: number, first: number, last: number) => void,
): void {
  const [batch = 0, channels = 0, height = 0, width = 0] = inputShape;
  const [outChannels = 0, , kernel = 0] = weightShape;
  const outHeight = outputSize(height, geometry);
  const outWidth = outputSize(width, geometry);
  const { stride, padding } = geometry;
  for (let n = 0; n < batch; n++)
    for (let o = 0; o < outChannels; o++)
      for (let c = 0; c < channels; c++)
        for (let ky = 0; ky < kernel; ky++)
          for (let kx = 0; kx < kernel; kx++) {
            const weightIndex = ((o * channels + c) * kernel + ky) * kernel + kx;
            // Output columns whose input column ox*s - p + kx lies in [0, width).
            const first = Math.max(0, Math.ceil((padding - kx) / stride));
            const last = Math.min(outWidth, Math.floor((width - 1 + padding - kx) / stride) + 1);
            for (let oy = 0; oy < outHeight; oy++) {
              const iy = oy * stride - padding + ky;
              if (iy < 0 || iy >= height) continue;
              const inputRow = ((n * channels + c) * height + iy) * width - padding + kx;
              const outputRow = ((n * outChannels + o) * outHeight + oy) * outWidth;
              visit(weightIndex, inputRow, outputRow, first, last);
            }
          }
}

/**
 * Convolution forward: NCHW input, OIHW weight, optional bias per output channel.
 *
 * @example
 * const y = conv2dForward(x, weight, undefined, { kernelSize: 3, stride: 1, padding: 1 });
 */
export function conv2dForward(
  x: Tensor64,
  weight: Tensor64,
  bias: Tensor64 | undefined,
  geometry: ConvGeometry,
): Tensor64 {
  const [batch = 0, , height = 0, width = 0] = x.shape;
  const outChannels = weight.shape[0] ?? 0;
  const y = zeros([batch, outChannels, outputSize(height, geometry), outputSize(width, geometry)]);
  const stride = geometry.stride;
  forEachTapRow(x.shape, weight.shape, geometry, (w, inputRow, outputRow, first, last) => {
    const value = weight.data[w]!;
    for (let ox = first; ox < last; ox++) y.data[outputRow + ox]! += x.data[inputRow + ox * stride]! * value;
  });
  if (bias) {
    const plane = (y.shape[2] ?? 0) * (y.shape[3] ?? 0);
    for (let index = 0; index < y.data.length; index++)
      y.data[index]! += bias.data[Math.floor(index / plane) % outChannels]!;
  }
  return y;
}

/**
 * Convolution backward: gradients of the input, the weight and the bias from the output gradient `dy`.
 *
 * @example
 * const { dx, dWeight, dBias } = conv2dBackward(x, weight, dy, geometry);
 */
export function conv2dBackward(
  x: Tensor64,
  weight: Tensor64,
  dy: Tensor64,
  geometry: ConvGeometry,
): { dx: Tensor64; dWeight: Tensor64; dBias: Tensor64 } {
  const dx = zeros(x.shape);
  const dWeight = zeros(weight.shape);
  const stride = geometry.stride;
  forEachTapRow(x.shape, weight.shape, geometry, (w, inputRow, outputRow, first, last) => {
    const value = weight.data[w]!;
    let sum = 0;
    for (let ox = first; ox < last; ox++) {
      const gradient = dy.data[outputRow + ox]!;
      dx.data[inputRow + ox * stride]! += value * gradient;
      sum += x.data[inputRow + ox * stride]! * gradient;
    }
    dWeight.data[w]! += sum;
  });
  const outChannels = weight.shape[0] ?? 0;
  const plane = (dy.shape[2] ?? 0) * (dy.shape[3] ?? 0);
  const dBias = zeros([outChannels]);
  for (let index = 0; index < dy.data.length; index++)
    dBias.data[Math.floor(index / plane) % outChannels]! += dy.data[index]!;
  return { dx, dWeight, dBias };
}

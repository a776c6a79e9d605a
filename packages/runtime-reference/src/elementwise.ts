import { zeros, type Tensor64 } from './tensor.js';

/** ReLU forward: `max(x, 0)`, NaN propagating as in PyTorch and tfjs (so a diverged run shows a NaN loss). @example reluForward(x) */
export function reluForward(x: Tensor64): Tensor64 {
  return { shape: [...x.shape], data: x.data.map((value) => (value > 0 || Number.isNaN(value) ? value : 0)) };
}

/** ReLU backward: `dy` where `x > 0`, else 0 (0 at exactly 0, as PyTorch). @example reluBackward(x, dy) */
export function reluBackward(x: Tensor64, dy: Tensor64): Tensor64 {
  return { shape: [...x.shape], data: dy.data.map((gradient, index) => (x.data[index]! > 0 ? gradient : 0)) };
}

/**
 * Inverted dropout with an explicit keep mask (1 keep, 0 drop): `x * mask / (1 - rate)`. Backward is the same
 * map applied to the output gradient.
 *
 * @example
 * dropoutApply(x, new Uint8Array([1, 0, 1, 1]), 0.25); // kept values scaled by 4/3
 */
export function dropoutApply(x: Tensor64, mask: Uint8Array, rate: number): Tensor64 {
  if (mask.length !== x.data.length) {
    throw new RangeError(
      `dropout mask has ${mask.length} entries but the tensor has ${x.data.length}; pass one per element`,
    );
  }
  const scale = 1 / (1 - rate);
  return { shape: [...x.shape], data: x.data.map((value, index) => (mask[index] ? value * scale : 0)) };
}

/** Elementwise sum. @example addForward(a, b) */
export function addForward(left: Tensor64, right: Tensor64): Tensor64 {
  return { shape: [...left.shape], data: left.data.map((value, index) => value + right.data[index]!) };
}

/** Global average pooling `[n, c, h, w] -> [n, c]`. @example globalAvgPoolForward(x).shape // [n, c] */
export function globalAvgPoolForward(x: Tensor64): Tensor64 {
  const [batch = 0, channels = 0, height = 0, width = 0] = x.shape;
  const plane = height * width;
  const y = zeros([batch, channels]);
  for (let index = 0; index < x.data.length; index++)
    y.data[Math.floor(index / plane)]! += x.data[index]! / plane;
  return y;
}

/** Global average pooling backward: each position gets `dy / (h * w)`. @example globalAvgPoolBackward(x.shape, dy) */
export function globalAvgPoolBackward(inputShape: number[], dy: Tensor64): Tensor64 {
  const dx = zeros(inputShape);
  const plane = (inputShape[2] ?? 0) * (inputShape[3] ?? 0);
  for (let index = 0; index < dx.data.length; index++)
    dx.data[index] = dy.data[Math.floor(index / plane)]! / plane;
  return dx;
}

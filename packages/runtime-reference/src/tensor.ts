import { elementCount, type WeightMap } from '@wrn/spec';

/**
 * A float64 tensor of the reference: row-major data and its full shape (batch included, e.g. `[n, c, h, w]`).
 *
 * @example
 * const x: Tensor64 = { shape: [1, 1, 2, 2], data: new Float64Array([1, 2, 3, 4]) };
 */
export interface Tensor64 {
  shape: number[];
  data: Float64Array;
}

/**
 * Float64 parameters (or gradients, or momentum buffers) by canonical name.
 *
 * @example
 * const weights: WeightMap64 = toFloat64(initWeights(spec, 0));
 */
export type WeightMap64 = Map<string, Tensor64>;

/**
 * A zero tensor of the given shape. @example zeros([2, 3]).data.length // 6
 */
export function zeros(shape: readonly number[]): Tensor64 {
  return { shape: [...shape], data: new Float64Array(elementCount(shape)) };
}

/**
 * Widens a weight map (float32, or float64 already) to float64 (exact), copying the data.
 *
 * @example
 * const weights64 = toFloat64(initWeights(spec, 0));
 */
export function toFloat64(
  weights: ReadonlyMap<string, { shape: number[]; data: ArrayLike<number> }>,
): WeightMap64 {
  const result: WeightMap64 = new Map();
  for (const [name, tensor] of weights)
    result.set(name, { shape: [...tensor.shape], data: Float64Array.from(tensor.data) });
  return result;
}

/**
 * Rounds a float64 map to float32 (nearest), copying the data: what a `WeightMap` can hold.
 *
 * @example
 * const weights = toFloat32(model.weights);
 */
export function toFloat32(weights: WeightMap64): WeightMap {
  const result: WeightMap = new Map();
  for (const [name, tensor] of weights)
    result.set(name, { shape: [...tensor.shape], data: Float32Array.from(tensor.data) });
  return result;
}

/**
 * Looks a tensor up by name, throwing an Error that names what is missing.
 *
 * @example
 * const weight = requireTensor(weights, 'stem.conv.weight');
 */
export function requireTensor(map: ReadonlyMap<string, Tensor64>, name: string): Tensor64 {
  const tensor = map.get(name);
  if (!tensor)
    throw new Error(`reference: tensor '${name}' is missing; every parameter of the graph needs a value`);
  return tensor;
}

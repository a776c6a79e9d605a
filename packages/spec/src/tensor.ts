/**
 * A tensor on the host in a canonical layout: row-major float32 data and its shape.
 *
 * @example
 * const bias: HostTensor = { shape: [10], data: new Float32Array(10) };
 */
export interface HostTensor {
  shape: number[];
  data: Float32Array;
}

/**
 * Weights by canonical parameter name (`group0.block0.conv0.weight`, ...), in the graph's parameter order.
 *
 * @example
 * const weights: WeightMap = initWeights(spec, 0);
 * weights.get('head.fc.weight')?.shape; // [10, 640]
 */
export type WeightMap = Map<string, HostTensor>;

/**
 * Number of elements of a shape (1 for a scalar `[]`); the one element count of @wrn.
 *
 * @example
 * elementCount([16, 3, 3, 3]); // 432
 */
export function elementCount(shape: readonly number[]): number {
  return shape.reduce((product, dimension) => product * dimension, 1);
}

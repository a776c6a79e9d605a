import type { LayerGraph, WeightMap } from '@wrn/spec';
import { sizeOf } from '@wrn/spec';

/**
 * Checks that `weights` holds exactly the graph's parameters with the canonical shapes and matching data lengths.
 * Throws a `TypeError` (missing/unknown name) or `RangeError` (shape or length) naming the parameter and the fix.
 *
 * @example
 * checkWeights(expandGraph(spec), initWeights(spec, 0)); // passes
 */
export function checkWeights(graph: LayerGraph, weights: WeightMap): void {
  if (!(weights instanceof Map)) {
    throw new TypeError(
      `weights must be a Map of name -> { shape, data } (a WeightMap), got ${typeof weights}`,
    );
  }
  const missing = graph.parameters.filter((parameter) => !weights.has(parameter.name)).map((p) => p.name);
  if (missing.length > 0) {
    throw new TypeError(
      `weights lack ${missing.length} parameter(s) of this spec: ${missing.slice(0, 5).join(', ')}` +
        `${missing.length > 5 ? ', ...' : ''}; pass a complete WeightMap (e.g. initWeights(spec, seed)) for this spec`,
    );
  }
  const known = new Set(graph.parameters.map((parameter) => parameter.name));
  const unknown = [...weights.keys()].filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new TypeError(
      `weights contain ${unknown.length} name(s) this spec does not have: ${unknown.slice(0, 5).join(', ')}; ` +
        'check that the weights belong to this spec (depth, widen factor, block type and variant)',
    );
  }
  for (const parameter of graph.parameters) {
    const tensor = weights.get(parameter.name)!;
    if (tensor.shape.join() !== parameter.shape.join()) {
      throw new RangeError(
        `weight '${parameter.name}' has shape [${tensor.shape.join(', ')}] but the spec needs ` +
          `[${parameter.shape.join(', ')}] (canonical layout: conv [out, in, kh, kw], dense [out, in])`,
      );
    }
    if (!(tensor.data instanceof Float32Array) || tensor.data.length !== sizeOf(parameter.shape)) {
      throw new RangeError(
        `weight '${parameter.name}' must hold a Float32Array of ${sizeOf(parameter.shape)} values, ` +
          `got ${tensor.data?.constructor?.name ?? typeof tensor.data} of length ${tensor.data?.length}`,
      );
    }
  }
}

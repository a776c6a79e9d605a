import type { HostTensor, ParameterSpec, WeightMap } from '@wrn/spec';

/**
 * Checks a weight map against the graph's parameters: every required name present with the exact shape and data
 * length, and no unknown names. Throws a TypeError/RangeError naming the parameter and the fix.
 *
 * @example
 * checkWeightMap(weights, graph.parameters, 'weights', true);
 */
export function checkWeightMap(
  map: WeightMap,
  parameters: readonly ParameterSpec[],
  what: string,
  requireAll: boolean,
): void {
  if (!(map instanceof Map))
    throw new TypeError(`${what} must be a Map of parameter name to { shape, data }, got ${typeof map}`);
  const known = new Map(parameters.map((parameter) => [parameter.name, parameter]));
  for (const [name, tensor] of map) {
    const parameter = known.get(name);
    if (!parameter) {
      throw new RangeError(
        `${what} has unknown parameter '${name}'; expected only names of the model's graph (e.g. '${parameters[0]?.name}')`,
      );
    }
    checkTensor(tensor, parameter, what);
  }
  if (requireAll) {
    const missing = parameters
      .filter((parameter) => !map.has(parameter.name))
      .map((parameter) => parameter.name);
    if (missing.length > 0) {
      throw new RangeError(
        `${what} lacks ${missing.length} parameter(s), e.g. '${missing[0]}'; pass every parameter of the graph`,
      );
    }
  }
}

function checkTensor(tensor: HostTensor, parameter: ParameterSpec, what: string): void {
  if (!(tensor?.data instanceof Float32Array)) {
    throw new TypeError(`${what} '${parameter.name}' must have Float32Array data`);
  }
  const shape = tensor.shape ?? [];
  if (
    shape.length !== parameter.shape.length ||
    shape.some((dimension, axis) => dimension !== parameter.shape[axis])
  ) {
    throw new RangeError(
      `${what} '${parameter.name}' has shape [${shape.join(', ')}] but the graph needs [${parameter.shape.join(', ')}] (canonical PyTorch layout)`,
    );
  }
  const size = parameter.shape.reduce((product, dimension) => product * dimension, 1);
  if (tensor.data.length !== size) {
    throw new RangeError(
      `${what} '${parameter.name}' has ${tensor.data.length} values, its shape needs ${size}`,
    );
  }
}

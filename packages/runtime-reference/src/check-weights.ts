import type { LayerGraph } from '@wrn/spec';

/**
 * Checks that a weight map holds exactly the graph's parameters (names and shapes), or the trainable ones only
 * (gradients, momentum buffers). Returns the problems found, empty when it matches.
 *
 * @example
 * checkWeightNames(expandGraph(spec), weights); // [] or ["missing 'head.fc.bias'", ...]
 */
export function checkWeightNames(
  graph: LayerGraph,
  weights: ReadonlyMap<string, { shape: number[]; data: ArrayLike<number> }>,
  which: 'all' | 'trainable' = 'all', // weight maps hold every parameter; gradients pass 'trainable'
): string[] {
  const problems: string[] = [];
  const parameters = graph.parameters.filter((parameter) => which === 'all' || parameter.trainable);
  const expected = new Set(parameters.map((parameter) => parameter.name));
  for (const parameter of parameters) {
    const tensor = weights.get(parameter.name);
    if (!tensor) {
      problems.push(`missing '${parameter.name}'`);
      continue;
    }
    const size = parameter.shape.reduce((product, dimension) => product * dimension, 1);
    if (tensor.shape.join(',') !== parameter.shape.join(',') || tensor.data.length !== size) {
      problems.push(
        `'${parameter.name}' has shape [${tensor.shape.join(', ')}] and ${tensor.data.length} values, ` +
          `expected [${parameter.shape.join(', ')}] and ${size}`,
      );
    }
  }
  for (const name of weights.keys()) if (!expected.has(name)) problems.push(`unexpected '${name}'`);
  return problems;
}

/**
 * Throws a RangeError listing every mismatch of {@link checkWeightNames}.
 *
 * @example
 * assertWeightNames(graph, weights, 'setWeights');
 */
export function assertWeightNames(
  graph: LayerGraph,
  weights: ReadonlyMap<string, { shape: number[]; data: ArrayLike<number> }>,
  context: string,
  which: 'all' | 'trainable' = 'all', // as checkWeightNames
): void {
  const problems = checkWeightNames(graph, weights, which);
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).join('; ');
    const more = problems.length > 5 ? `; and ${problems.length - 5} more` : '';
    throw new RangeError(`${context}: the weights do not match the spec's parameters: ${shown}${more}`);
  }
}

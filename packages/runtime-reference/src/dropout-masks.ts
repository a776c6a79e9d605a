import { elementCount, type LayerGraph, type Random } from '@wrn/spec';

/**
 * Draws a keep mask for every dropout node of the graph, for a batch of `size`: nodes in graph order, elements in
 * NCHW order, an element kept when `random.uniform() >= rate`. (The order is the reference's own: runtimes use
 * their own generators, so dropout is compared only through determinism, never value by value.)
 *
 * @example
 * const masks = drawDropoutMasks(expandGraph(spec), 3, new Random(0));
 */
export function drawDropoutMasks(graph: LayerGraph, size: number, random: Random): Map<string, Uint8Array> {
  const masks = new Map<string, Uint8Array>();
  for (const node of graph.nodes) {
    if (node.op !== 'dropout') continue;
    const mask = new Uint8Array(size * elementCount(node.outputShape));
    for (let index = 0; index < mask.length; index++) mask[index] = random.uniform() >= node.rate ? 1 : 0;
    masks.set(node.name, mask);
  }
  return masks;
}

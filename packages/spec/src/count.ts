import type { LayerGraph, LayerNode } from './layer-graph.js';
import { elementCount } from './tensor.js';

/**
 * Parameter totals of a graph: trainable (optimised) and non-trainable (BatchNorm running statistics).
 *
 * @example
 * countParameters(expandGraph(parseModelName('WRN-28-10'))).trainable; // 36479194
 */
export function countParameters(graph: LayerGraph): {
  trainable: number;
  nonTrainable: number;
  total: number;
} {
  let trainable = 0;
  let nonTrainable = 0;
  for (const parameter of graph.parameters) {
    const size = elementCount(parameter.shape);
    if (parameter.trainable) trainable += size;
    else nonTrainable += size;
  }
  return { trainable, nonTrainable, total: trainable + nonTrainable };
}

/**
 * Multiply-accumulates of one node for one example (convolutions and the dense layer; the rest is counted as 0,
 * as torchsummary-style tools do).
 *
 * @example
 * nodeMacs({ op: 'dense', inFeatures: 640, outFeatures: 10, ... }); // 6400
 */
export function nodeMacs(node: LayerNode): number {
  if (node.op === 'conv2d') {
    const [channels = 0, height = 0, width = 0] = node.outputShape;
    return channels * height * width * node.inChannels * node.kernelSize * node.kernelSize;
  }
  if (node.op === 'dense') return node.inFeatures * node.outFeatures;
  return 0;
}

/**
 * Forward multiply-accumulates per example (about 5.243e9 for WRN-28-10 on 32x32).
 *
 * @example
 * countMacs(expandGraph(parseModelName('WRN-28-10'))); // 5.24e9
 */
export function countMacs(graph: LayerGraph): number {
  return graph.nodes.reduce((sum, node) => sum + nodeMacs(node), 0);
}

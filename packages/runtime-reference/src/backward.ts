import type { LayerGraph, LayerNode } from '@wrn/spec';
import { batchNormBackward } from './batch-norm.js';
import { conv2dBackward } from './conv2d.js';
import { denseBackward } from './dense.js';
import { dropoutApply, globalAvgPoolBackward, reluBackward } from './elementwise.js';
import type { ForwardResult } from './forward.js';
import { requireTensor, type Tensor64, type WeightMap64 } from './tensor.js';

/**
 * Options of {@link referenceBackward}: the same dropout masks the forward pass used.
 *
 * @example
 * const options: BackwardOptions = { dropoutMasks: masks };
 */
export interface BackwardOptions {
  dropoutMasks?: ReadonlyMap<string, Uint8Array>;
  /** Rounds every value gradient to float32, as {@link ForwardOptions.roundToFloat32} does for values. */
  roundToFloat32?: boolean;
}

/**
 * Reverse pass over a training-mode forward pass: walks the nodes backwards, summing the gradients of values read
 * by several nodes (shortcuts), and returns the gradient of every trainable parameter of the graph.
 *
 * @example
 * const forward = referenceForward(graph, weights, images, { training: true });
 * const { dLogits } = softmaxCrossEntropy(forward.logits, labels);
 * const gradients = referenceBackward(graph, weights, forward, dLogits);
 */
export function referenceBackward(
  graph: LayerGraph,
  weights: WeightMap64,
  forward: ForwardResult,
  dLogits: Tensor64,
  options: BackwardOptions = {},
): WeightMap64 {
  const valueGradients = new Map<string, Tensor64>([[graph.output, dLogits]]);
  const parameterGradients: WeightMap64 = new Map();
  const accumulate = (name: string, gradient: Tensor64) => {
    const existing = valueGradients.get(name);
    if (!existing) valueGradients.set(name, gradient);
    else existing.data.forEach((value, index) => (existing.data[index] = value + gradient.data[index]!));
  };
  for (const node of [...graph.nodes].reverse()) {
    const dy = valueGradients.get(node.output);
    if (!dy) continue; // a value nothing downstream reads (does not happen in a WRN graph)
    if (options.roundToFloat32) dy.data = Float64Array.from(Float32Array.from(dy.data));
    const inputs = node.inputs.map((name) => requireTensor(forward.values, name));
    const inputGradients = backwardNode(node, inputs, dy, weights, forward, parameterGradients, options);
    node.inputs.forEach((name, index) => accumulate(name, inputGradients[index]!));
  }
  const result: WeightMap64 = new Map();
  for (const parameter of graph.parameters) {
    if (parameter.trainable) result.set(parameter.name, requireTensor(parameterGradients, parameter.name));
  }
  return result;
}

function backwardNode(
  node: LayerNode,
  inputs: Tensor64[],
  dy: Tensor64,
  weights: WeightMap64,
  forward: ForwardResult,
  gradients: WeightMap64,
  options: BackwardOptions,
): Tensor64[] {
  const x = inputs[0]!;
  switch (node.op) {
    case 'conv2d': {
      const { dx, dWeight, dBias } = conv2dBackward(x, requireTensor(weights, node.weight), dy, node);
      gradients.set(node.weight, dWeight);
      if (node.bias) gradients.set(node.bias, dBias);
      return [dx];
    }
    case 'batchNorm': {
      const cache = forward.batchNorm.get(node.name);
      if (!cache)
        throw new Error(
          `reference: backward needs a training-mode forward pass (no batch statistics for '${node.name}')`,
        );
      const { dx, dGamma, dBeta } = batchNormBackward(dy, requireTensor(weights, node.weight), cache);
      gradients.set(node.weight, dGamma);
      gradients.set(node.bias, dBeta);
      return [dx];
    }
    case 'relu':
      return [reluBackward(x, dy)];
    case 'dropout': {
      const mask = options.dropoutMasks?.get(node.name);
      if (!mask)
        throw new Error(
          `reference: backward needs the dropout mask of '${node.name}' that the forward pass used`,
        );
      return [dropoutApply(dy, mask, node.rate)];
    }
    case 'add':
      return [dy, { shape: [...dy.shape], data: dy.data.slice() }];
    case 'globalAvgPool':
      return [globalAvgPoolBackward(x.shape, dy)];
    case 'dense': {
      const { dx, dWeight, dBias } = denseBackward(x, requireTensor(weights, node.weight), dy);
      gradients.set(node.weight, dWeight);
      if (node.bias) gradients.set(node.bias, dBias);
      return [dx];
    }
  }
}

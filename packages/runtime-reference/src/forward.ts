import type { LayerGraph, LayerNode } from '@wrn/spec';
import { batchNormEvalForward, batchNormTrainingForward, type BatchNormCache } from './batch-norm.js';
import { conv2dForward } from './conv2d.js';
import { denseForward } from './dense.js';
import { addForward, dropoutApply, globalAvgPoolForward, reluForward } from './elementwise.js';
import { requireTensor, type Tensor64, type WeightMap64 } from './tensor.js';

/**
 * Options of {@link referenceForward}.
 *
 * @example
 * const options: ForwardOptions = { training: true, dropoutMasks: new Map() };
 */
export interface ForwardOptions {
  /** Training mode: BatchNorm uses batch statistics and dropout applies its mask. */
  training: boolean;
  /** Keep masks (1 keep, 0 drop) by dropout node name; required for every dropout node in training mode. */
  dropoutMasks?: ReadonlyMap<string, Uint8Array>;
  /** Rounds every produced value to float32, modelling a float32 runtime's storage (default false: pure float64). */
  roundToFloat32?: boolean;
}

/**
 * Everything a forward pass produced: the logits, every value by name (for backward), BatchNorm batch statistics.
 *
 * @example
 * const { logits, batchNorm } = referenceForward(graph, weights, images, { training: true });
 */
export interface ForwardResult {
  logits: Tensor64;
  values: Map<string, Tensor64>;
  /** Batch statistics by BatchNorm node name (training mode only). */
  batchNorm: Map<string, BatchNormCache>;
}

/**
 * Interprets the layer graph node by node in float64. Updates no state: running statistics are updated by the
 * caller from `batchNorm` (see `updateRunningStatistics`).
 *
 * @example
 * const graph = expandGraph(spec);
 * const { logits } = referenceForward(graph, toFloat64(initWeights(spec, 0)), images, { training: false });
 */
export function referenceForward(
  graph: LayerGraph,
  weights: WeightMap64,
  images: Tensor64,
  options: ForwardOptions,
): ForwardResult {
  const expected = graph.inputShape.join(', ');
  if (
    images.shape.slice(1).join(', ') !== expected ||
    images.data.length !== images.shape.reduce((a, b) => a * b, 1)
  ) {
    throw new RangeError(
      `reference: images have shape [${images.shape.join(', ')}], expected [n, ${expected}]`,
    );
  }
  const values = new Map<string, Tensor64>([[graph.input, images]]);
  const batchNorm = new Map<string, BatchNormCache>();
  for (const node of graph.nodes) {
    const inputs = node.inputs.map((name) => requireTensor(values, name));
    const output = evaluateNode(node, inputs, weights, options, batchNorm);
    if (options.roundToFloat32) output.data = Float64Array.from(Float32Array.from(output.data));
    values.set(node.output, output);
  }
  return { logits: requireTensor(values, graph.output), values, batchNorm };
}

function evaluateNode(
  node: LayerNode,
  inputs: Tensor64[],
  weights: WeightMap64,
  options: ForwardOptions,
  batchNorm: Map<string, BatchNormCache>,
): Tensor64 {
  const x = inputs[0]!;
  const parameter = (name: string | undefined) =>
    name === undefined ? undefined : requireTensor(weights, name);
  switch (node.op) {
    case 'conv2d':
      return conv2dForward(x, parameter(node.weight)!, parameter(node.bias), node);
    case 'batchNorm': {
      const gamma = parameter(node.weight)!;
      const beta = parameter(node.bias)!;
      if (!options.training) {
        return batchNormEvalForward(
          x,
          gamma,
          beta,
          parameter(node.runningMean)!,
          parameter(node.runningVar)!,
          node.epsilon,
        );
      }
      const { y, cache } = batchNormTrainingForward(x, gamma, beta, node.epsilon);
      batchNorm.set(node.name, cache);
      return y;
    }
    case 'relu':
      return reluForward(x);
    case 'dropout': {
      if (!options.training) return { shape: [...x.shape], data: x.data.slice() };
      const mask = options.dropoutMasks?.get(node.name);
      if (!mask)
        throw new Error(
          `reference: training mode needs a dropout mask for '${node.name}' (options.dropoutMasks)`,
        );
      return dropoutApply(x, mask, node.rate);
    }
    case 'add':
      return addForward(x, inputs[1]!);
    case 'globalAvgPool':
      return globalAvgPoolForward(x);
    case 'dense':
      return denseForward(x, parameter(node.weight)!, parameter(node.bias));
  }
}

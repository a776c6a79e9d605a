import * as tf from '@tensorflow/tfjs';
import type { BatchNormNode, LayerGraph, LayerNode } from '@wrn/spec';
import type { ChannelAllReduce } from './all-reduce-means.js';
import { batchNormInference, batchNormTraining, type BatchStatistics } from './batch-norm.js';
import { dropoutMaskTensor } from './dropout-mask.js';

/**
 * Options of {@link runGraph}.
 *
 * @example
 * const options: GraphRunOptions = { training: true, dropoutSeed: 7, record: (node, statistics) => {} };
 */
export interface GraphRunOptions {
  /** Batch statistics and dropout (true) or running statistics and no dropout (false). */
  training: boolean;
  /** The step seed of this pass's dropout masks (`dropoutMasks` of `@wrn/spec`); default 0. */
  dropoutSeed?: number;
  /** Receives each BatchNorm's batch statistics in training mode (kept tensors: the receiver disposes them). */
  record?: (node: BatchNormNode, statistics: BatchStatistics) => void;
  /**
   * Training mode: the index of the input's first example in its step's batch (a micro-batch's or a replica's
   * slice): dropout masks are that example range of the step's masks; default 0 (the input starts the batch).
   */
  exampleOffset?: number;
  /** Training mode, data-parallel: sums BatchNorm's per-channel sums over the replicas sharing the batch. */
  allReduce?: ChannelAllReduce;
}

/**
 * Parameters in the internal layout (conv HWIO, dense `[in, out]`), by canonical name.
 *
 * @example
 * const parameter: ParameterLookup = (name) => variables.get(name)!;
 */
export type ParameterLookup = (name: string) => tf.Tensor;

/**
 * Interprets a layer graph with tfjs ops on the active backend: NHWC in, logits `[n, classes]` out. One function
 * per op, nothing specific to a variant or block type. Call it inside `tf.tidy` or a gradient function. In eval
 * mode every intermediate is disposed after its last use, so peak memory stays near two activations.
 *
 * @example
 * const logits = tf.tidy(() => runGraph(expandGraph(spec), (name) => parameters.get(name)!, x, { training: false }));
 */
export function runGraph(
  graph: LayerGraph,
  parameter: ParameterLookup,
  input: tf.Tensor4D,
  options: GraphRunOptions,
): tf.Tensor2D {
  const lastUse = new Map<string, number>();
  graph.nodes.forEach((node, index) => node.inputs.forEach((value) => lastUse.set(value, index)));
  const values = new Map<string, tf.Tensor>([[graph.input, input]]);
  graph.nodes.forEach((node, index) => {
    const inputs = node.inputs.map((value) => {
      const tensor = values.get(value);
      if (!tensor)
        throw new Error(`internal: graph value '${value}' read by ${node.name} is not computed yet`);
      return tensor;
    });
    values.set(node.output, runNode(node, inputs, parameter, options));
    if (options.training) return; // the gradient tape needs every intermediate
    for (const value of node.inputs) {
      if (value !== graph.input && value !== graph.output && lastUse.get(value) === index) {
        values.get(value)?.dispose();
        values.delete(value);
      }
    }
  });
  const output = values.get(graph.output);
  if (!output) throw new Error(`internal: graph output '${graph.output}' was never computed`);
  return output as tf.Tensor2D;
}

function runNode(
  node: LayerNode,
  inputs: tf.Tensor[],
  parameter: ParameterLookup,
  options: GraphRunOptions,
): tf.Tensor {
  const x = inputs[0]!;
  switch (node.op) {
    case 'conv2d': {
      const pad = node.padding;
      // Explicit symmetric padding as in PyTorch; tfjs 'same' pads stride-2 convolutions asymmetrically.
      const y = tf.conv2d(x as tf.Tensor4D, parameter(node.weight) as tf.Tensor4D, node.stride, [
        [0, 0],
        [pad, pad],
        [pad, pad],
        [0, 0],
      ]);
      return node.bias ? tf.add(y, parameter(node.bias)) : y;
    }
    case 'batchNorm': {
      const [gamma, beta] = [parameter(node.weight) as tf.Tensor1D, parameter(node.bias) as tf.Tensor1D];
      if (!options.training) {
        const [mean, variance] = [
          parameter(node.runningMean) as tf.Tensor1D,
          parameter(node.runningVar) as tf.Tensor1D,
        ];
        return batchNormInference(x as tf.Tensor4D, gamma, beta, mean, variance, node.epsilon);
      }
      const record = options.record;
      return batchNormTraining(
        x as tf.Tensor4D,
        gamma,
        beta,
        node.epsilon,
        record && ((stats) => record(node, stats)),
        options.allReduce,
      );
    }
    case 'relu':
      return tf.relu(x);
    case 'dropout': {
      if (!options.training || node.rate === 0) return tf.clone(x);
      const range = { start: options.exampleOffset ?? 0, size: x.shape[0]! }; // from 0 unless part of a step's batch
      return tf.mul(x, dropoutMaskTensor(node.name, node.rate, x.shape, options.dropoutSeed ?? 0, range));
    }
    case 'add':
      return tf.add(x, inputs[1]!);
    case 'globalAvgPool':
      return tf.mean(x, [1, 2]);
    case 'dense': {
      const y = tf.matMul(x as tf.Tensor2D, parameter(node.weight) as tf.Tensor2D);
      return node.bias ? tf.add(y, parameter(node.bias)) : y;
    }
  }
}

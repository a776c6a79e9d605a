import type { Conv2dNode, LayerGraph, LayerNode, WeightMap } from '@wrn/spec';
import { ONNX_LOGITS } from './export-options.js';
import { foldConvBatchNorm, inferenceAliases, planBatchNormFolds } from './fold-batch-norm.js';
import { makeNode, makeTensor } from './onnx-helper.js';
import type { NodeProto, TensorProto } from './onnx-proto.js';

/** Nodes and initializers of the inference graph, and the names of the BatchNorms folded away. */
export interface OnnxNodes {
  nodes: NodeProto[];
  initializers: TensorProto[];
  foldedBatchNorms: string[];
}

/**
 * Suffixes of the initializers of a convolution with a BatchNorm folded in; they are not canonical parameters,
 * so they get names of their own. @example `${conv.name}${FOLDED_WEIGHT_SUFFIX}` // 'stem.conv.folded_weight'
 */
export const FOLDED_WEIGHT_SUFFIX = '.folded_weight';
/** See {@link FOLDED_WEIGHT_SUFFIX}. @example FOLDED_BIAS_SUFFIX // '.folded_bias' */
export const FOLDED_BIAS_SUFFIX = '.folded_bias';

/**
 * Translates the spec's layer graph into ONNX nodes (dropout omitted: identity in inference); the graph's output
 * value is named `logits`. Value names are the layer names, initializer names the canonical parameter names.
 *
 * @example
 * const { nodes, initializers } = layerGraphToOnnx(expandGraph(spec), weights, { foldBatchNorm: false });
 */
export function layerGraphToOnnx(
  graph: LayerGraph,
  weights: WeightMap,
  options: { foldBatchNorm: boolean },
): OnnxNodes {
  const folds = options.foldBatchNorm ? planBatchNormFolds(graph) : new Map<string, Conv2dNode>();
  const foldedConvs = new Map([...folds].map(([batchNorm, conv]) => [conv.name, batchNorm]));
  const resolve = inferenceAliases(graph);
  const alias = new Map<string, string>();
  const value = (name: string): string => {
    const resolved = alias.get(resolve(name)) ?? resolve(name);
    return resolved === resolve(graph.output) ? ONNX_LOGITS : resolved;
  };
  const initializers: TensorProto[] = [];
  const parameter = (name: string, data?: Float32Array, shape?: number[]): string => {
    const tensor = weights.get(name)!;
    initializers.push(makeTensor(name, shape ?? tensor.shape, data ?? tensor.data));
    return name;
  };
  const nodes: NodeProto[] = [];
  const byName = new Map(graph.nodes.map((node) => [node.name, node]));

  for (const node of graph.nodes) {
    if (node.op === 'dropout') continue;
    if (node.op === 'batchNorm' && folds.has(node.name)) {
      alias.set(node.output, value(node.inputs[0]!));
      continue;
    }
    const foldedInto = foldedConvs.get(node.name);
    if (node.op === 'conv2d' && foldedInto) {
      const batchNorm = byName.get(foldedInto);
      if (batchNorm?.op !== 'batchNorm') throw new Error(`internal: ${foldedInto} is not a BatchNorm`);
      const { weight, bias } = foldConvBatchNorm(node, batchNorm, weights);
      const weightName = `${node.name}${FOLDED_WEIGHT_SUFFIX}`;
      const biasName = `${node.name}${FOLDED_BIAS_SUFFIX}`;
      initializers.push(makeTensor(weightName, weights.get(node.weight)!.shape, weight));
      initializers.push(makeTensor(biasName, [node.outChannels], bias));
      nodes.push(convNode(node, [value(node.inputs[0]!), weightName, biasName], value(node.output)));
      continue;
    }
    nodes.push(...translate(node, value, parameter));
  }
  return { nodes, initializers, foldedBatchNorms: [...folds.keys()] };
}

/**
 * The ONNX `Conv` of a conv2d layer node (symmetric padding, no dilation, one group).
 *
 * @example
 * convNode(node, ['x', node.weight], 'y');
 */
export function convNode(node: Conv2dNode, inputs: string[], output: string): NodeProto {
  const { kernelSize: k, stride: s, padding: p } = node;
  return makeNode('Conv', inputs, [output], node.name, {
    kernel_shape: [k, k],
    strides: [s, s],
    pads: [p, p, p, p],
    dilations: [1, 1],
    group: 1,
  });
}

function translate(
  node: LayerNode,
  value: (name: string) => string,
  parameter: (name: string) => string,
): NodeProto[] {
  const inputs = node.inputs.map(value);
  const output = value(node.output);
  switch (node.op) {
    case 'conv2d':
      return [
        convNode(
          node,
          [...inputs, parameter(node.weight), ...(node.bias ? [parameter(node.bias)] : [])],
          output,
        ),
      ];
    case 'batchNorm': {
      const statistics = [node.weight, node.bias, node.runningMean, node.runningVar].map((name) =>
        parameter(name),
      );
      return [
        makeNode(
          'BatchNormalization',
          [...inputs, ...statistics],
          [output],
          node.name,
          { epsilon: node.epsilon },
          ['epsilon'],
        ),
      ];
    }
    case 'relu':
      return [makeNode('Relu', inputs, [output], node.name)];
    case 'add':
      return [makeNode('Add', inputs, [output], node.name)];
    case 'globalAvgPool': {
      const pooled = `${node.name}.pooled`;
      return [
        makeNode('GlobalAveragePool', inputs, [pooled], node.name),
        makeNode('Flatten', [pooled], [output], `${node.name}.flatten`, { axis: 1 }),
      ];
    }
    case 'dense': {
      const gemmInputs = [...inputs, parameter(node.weight), ...(node.bias ? [parameter(node.bias)] : [])];
      return [
        makeNode('Gemm', gemmInputs, [output], node.name, { alpha: 1, beta: 1, transA: 0, transB: 1 }, [
          'alpha',
          'beta',
        ]),
      ];
    }
    case 'dropout':
      return [];
  }
}

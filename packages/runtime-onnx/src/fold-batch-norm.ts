import type { BatchNormNode, Conv2dNode, LayerGraph, WeightMap } from '@wrn/spec';

/**
 * Maps values produced by eval-mode identities (dropout) to the value they pass through, so consumers are counted
 * on the tensors that exist in the exported graph.
 *
 * @example
 * const resolve = inferenceAliases(graph); resolve('group0.block0.dropout1'); // 'group0.block0.relu1'
 */
export function inferenceAliases(graph: LayerGraph): (value: string) => string {
  const alias = new Map<string, string>();
  const resolve = (value: string): string => alias.get(value) ?? value;
  for (const node of graph.nodes)
    if (node.op === 'dropout') alias.set(node.output, resolve(node.inputs[0] ?? ''));
  return resolve;
}

/**
 * Finds the BatchNorms that can be folded into the convolution before them: the BN reads a convolution's output
 * and nothing else reads it (a pre-activation BN after an add, or a conv output that also feeds a shortcut, stays).
 *
 * @example
 * planBatchNormFolds(expandGraph(wrn({ depth: 10, widenFactor: 1 }))).get('group0.block0.bn1')?.name;
 * // 'group0.block0.conv0'
 */
export function planBatchNormFolds(graph: LayerGraph): Map<string, Conv2dNode> {
  const resolve = inferenceAliases(graph);
  const consumers = new Map<string, number>([[resolve(graph.output), 1]]);
  for (const node of graph.nodes) {
    if (node.op === 'dropout') continue;
    for (const input of node.inputs) consumers.set(resolve(input), (consumers.get(resolve(input)) ?? 0) + 1);
  }
  const producers = new Map(graph.nodes.map((node) => [node.output, node]));
  const folds = new Map<string, Conv2dNode>();
  for (const node of graph.nodes) {
    if (node.op !== 'batchNorm') continue;
    const source = resolve(node.inputs[0] ?? '');
    const producer = producers.get(source);
    if (producer?.op === 'conv2d' && consumers.get(source) === 1) folds.set(node.name, producer);
  }
  return folds;
}

/**
 * Eval-mode BatchNorm folded into the convolution before it, in float64 then rounded to float32:
 * `scale = gamma / sqrt(var + eps)`, `W' = W * scale[o]`, `b' = (b - mean) * scale + beta`.
 *
 * @example
 * const { weight, bias } = foldConvBatchNorm(conv, bn, weights);
 */
export function foldConvBatchNorm(
  conv: Conv2dNode,
  batchNorm: BatchNormNode,
  weights: WeightMap,
): { weight: Float32Array; bias: Float32Array } {
  const get = (name: string) => weights.get(name)!.data;
  const [gamma, beta, mean, variance] = [
    batchNorm.weight,
    batchNorm.bias,
    batchNorm.runningMean,
    batchNorm.runningVar,
  ].map(get);
  const convWeight = get(conv.weight);
  const convBias = conv.bias ? get(conv.bias) : undefined;
  const perOutput = convWeight.length / conv.outChannels;
  const weight = new Float32Array(convWeight.length);
  const bias = new Float32Array(conv.outChannels);
  for (let o = 0; o < conv.outChannels; o++) {
    const scale = gamma![o]! / Math.sqrt(variance![o]! + batchNorm.epsilon);
    for (let i = o * perOutput; i < (o + 1) * perOutput; i++) weight[i] = convWeight[i]! * scale;
    bias[o] = ((convBias?.[o] ?? 0) - mean![o]!) * scale + beta![o]!;
  }
  return { weight, bias };
}

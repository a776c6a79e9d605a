/**
 * A named parameter of the network, in canonical PyTorch-style name and layout
 * (conv `[out, in, kh, kw]`, dense `[out, in]`, BatchNorm vectors `[channels]`).
 *
 * @example
 * const p: ParameterSpec = { name: 'head.fc.bias', shape: [10], trainable: true, init: 'zeros' };
 */
export interface ParameterSpec {
  name: string;
  shape: number[];
  /** BatchNorm running statistics are state, not trainable (they are updated, not optimised). */
  trainable: boolean;
  /** How {@link initWeights} fills it. */
  init: 'kaiming-normal' | 'zeros' | 'ones';
}

interface NodeBase {
  /** Unique node name, e.g. `group1.block0.conv0`; parameter names extend it. */
  name: string;
  /** Names of the values this node reads (the graph input is `input`). */
  inputs: string[];
  /** Name of the value this node produces. */
  output: string;
  /** Shape of the output for one example: `[channels, height, width]` or `[features]`. */
  outputShape: number[];
}

/** 2-D convolution, NCHW semantics, symmetric zero padding on every side, no dilation, one group. */
export interface Conv2dNode extends NodeBase {
  op: 'conv2d';
  inChannels: number;
  outChannels: number;
  kernelSize: number;
  stride: number;
  padding: number;
  weight: string;
  bias?: string;
}

/** BatchNorm over channels; `epsilon`/`momentum` follow PyTorch semantics (see {@link BatchNormSpec}). */
export interface BatchNormNode extends NodeBase {
  op: 'batchNorm';
  channels: number;
  epsilon: number;
  momentum: number;
  weight: string;
  bias: string;
  runningMean: string;
  runningVar: string;
}

/** Elementwise max(x, 0). */
export interface ReluNode extends NodeBase {
  op: 'relu';
}

/** Inverted dropout in training mode (kept values scaled by 1 / (1 - rate)); identity in eval mode. */
export interface DropoutNode extends NodeBase {
  op: 'dropout';
  rate: number;
}

/** Elementwise sum of its two inputs. */
export interface AddNode extends NodeBase {
  op: 'add';
}

/** Mean over height and width: `[C, H, W]` to `[C]`. */
export interface GlobalAvgPoolNode extends NodeBase {
  op: 'globalAvgPool';
}

/** Fully connected: `y = x W^T + b` with `W` of shape `[out, in]`. */
export interface DenseNode extends NodeBase {
  op: 'dense';
  inFeatures: number;
  outFeatures: number;
  weight: string;
  bias?: string;
}

/**
 * One operation of the expanded network.
 *
 * @example
 * function describe(node: LayerNode): string {
 *   return `${node.name}: ${node.op} -> [${node.outputShape.join(', ')}]`;
 * }
 */
export type LayerNode =
  Conv2dNode | BatchNormNode | ReluNode | DropoutNode | AddNode | GlobalAvgPoolNode | DenseNode;

/** The operation names a runtime must implement. @example LAYER_OPS.length // 7 */
export const LAYER_OPS: readonly LayerNode['op'][] = [
  'conv2d',
  'batchNorm',
  'relu',
  'dropout',
  'add',
  'globalAvgPool',
  'dense',
];

/**
 * An explicit network: nodes in execution order (every input is produced earlier), its parameters in
 * canonical order, the input value `input` (`[N, C, H, W]`) and the output value (logits, `[N, classes]`).
 * A runtime interprets this without knowing anything about Wide ResNets.
 *
 * @example
 * const graph = expandGraph(wrn({ depth: 10, widenFactor: 1 }));
 * graph.nodes.filter((node) => node.op === 'conv2d').length; // 7
 */
export interface LayerGraph {
  input: string;
  inputShape: number[];
  output: string;
  nodes: LayerNode[];
  parameters: ParameterSpec[];
}

import type { LayerNode } from '@wrn/spec';
import type { OnnxWriter } from './onnx-writer.js';

/**
 * What a forward rule may read: the writer, the per-example shapes of the node's inputs, the graph input holding a
 * parameter (canonical name), and the keep mask input of a dropout node.
 *
 * @example
 * const weight = context.parameter(node.weight);
 */
export interface ForwardContext {
  writer: OnnxWriter;
  /** Shape of one example of each input (`[C, H, W]` or `[features]`), in `node.inputs` order. */
  inputShapes: number[][];
  parameter(name: string): string;
  dropoutMask(node: string): string;
}

/**
 * A training-mode forward rule's result: the output value and the intermediate values its backward rule reads
 * (by a name of the rule's choosing).
 *
 * @example
 * const result: ForwardResult = { output: y, saved: { xHat } };
 */
export interface ForwardResult {
  output: string;
  saved: Record<string, string>;
}

/**
 * What a backward rule reads: the node's forward input and output values, what its forward rule saved, the
 * gradient of its output, and the parameters.
 *
 * @example
 * const dx = context.writer.op('Mul', [context.outputGradient, context.saved.mask!], `${node.name}.dx`);
 */
export interface BackwardContext extends ForwardContext {
  inputs: string[];
  /** Whether each input needs a gradient (the image does not), in `node.inputs` order. */
  needsGradient: boolean[];
  output: string;
  saved: Record<string, string>;
  outputGradient: string;
}

/**
 * A backward rule's result: the gradient of each input (in `node.inputs` order) and of each trainable parameter,
 * by canonical name.
 *
 * @example
 * const result: BackwardResult = { inputGradients: [dx], parameterGradients: new Map([[node.weight, dWeight]]) };
 */
export interface BackwardResult {
  /** One per input; `undefined` where {@link BackwardContext.needsGradient} is false. */
  inputGradients: (string | undefined)[];
  parameterGradients: Map<string, string>;
}

/**
 * The training rules of one layer op: its training-mode forward as ONNX nodes and its reverse-mode gradient.
 * Each op has one, in its own module under `rules/`.
 *
 * @example
 * const reluRule: OpRule<ReluNode> = { forward: ..., backward: ... };
 */
export interface OpRule<Node extends LayerNode> {
  forward(node: Node, inputs: string[], context: ForwardContext): ForwardResult;
  backward(node: Node, context: BackwardContext): BackwardResult;
  /** New values of the node's state (BatchNorm running statistics) after a training pass, by canonical name. */
  stateUpdates?(node: Node, saved: Record<string, string>, context: ForwardContext): Map<string, string>;
}

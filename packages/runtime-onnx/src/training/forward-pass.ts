import type { LayerGraph } from '@wrn/spec';
import type { ForwardContext } from './op-rule.js';
import { ruleOf } from './rules/index.js';

/**
 * A training-mode forward pass written as ONNX nodes: the ONNX value of every layer value, what each node's rule
 * saved for its backward rule, and the per-example shape of every value.
 *
 * @example
 * const pass = writeForwardPass(graph, context);
 * pass.values.get(graph.output); // the logits
 */
export interface ForwardPass {
  values: Map<string, string>;
  saved: Map<string, Record<string, string>>;
  shapes: Map<string, number[]>;
}

/**
 * Writes every node's training-mode forward rule in graph order, starting from the graph input.
 *
 * @example
 * const pass = writeForwardPass(expandGraph(spec), context);
 */
export function writeForwardPass(
  graph: LayerGraph,
  context: Omit<ForwardContext, 'inputShapes'>,
): ForwardPass {
  const values = new Map([[graph.input, graph.input]]);
  const shapes = new Map([[graph.input, graph.inputShape]]);
  const saved = new Map<string, Record<string, string>>();
  for (const node of graph.nodes) {
    const inputs = node.inputs.map((name) => values.get(name)!);
    const inputShapes = node.inputs.map((name) => shapes.get(name)!);
    const result = ruleOf(node).forward(node, inputs, { ...context, inputShapes });
    values.set(node.output, result.output);
    shapes.set(node.output, node.outputShape);
    saved.set(node.name, result.saved);
  }
  return { values, saved, shapes };
}

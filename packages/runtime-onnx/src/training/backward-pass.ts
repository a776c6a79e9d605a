import type { LayerGraph } from '@wrn/spec';
import type { ForwardPass } from './forward-pass.js';
import type { ForwardContext } from './op-rule.js';
import { ruleOf } from './rules/index.js';

/**
 * Writes the reverse-mode pass over a forward pass: nodes in reverse order, each node's backward rule, and the
 * gradients of a value read by several nodes (shortcuts) summed with `Add`. The graph input gets no gradient.
 * Returns the ONNX value of every trainable parameter's gradient, by canonical name.
 *
 * @example
 * const gradients = writeBackwardPass(graph, forward, dLogits, context);
 */
export function writeBackwardPass(
  graph: LayerGraph,
  forward: ForwardPass,
  dLogits: string,
  context: Omit<ForwardContext, 'inputShapes'>,
): Map<string, string> {
  const { writer } = context;
  const gradients = new Map<string, string>([[graph.output, dLogits]]);
  const parameterGradients = new Map<string, string>();
  const accumulate = (value: string, gradient: string) => {
    const existing = gradients.get(value);
    gradients.set(
      value,
      existing ? writer.op('Add', [existing, gradient], `${value}.gradient-sum`) : gradient,
    );
  };
  for (const node of [...graph.nodes].reverse()) {
    const outputGradient = gradients.get(node.output);
    if (!outputGradient) continue; // nothing downstream reads it (does not happen in a WRN graph)
    const result = ruleOf(node).backward(node, {
      ...context,
      inputs: node.inputs.map((name) => forward.values.get(name)!),
      inputShapes: node.inputs.map((name) => forward.shapes.get(name)!),
      needsGradient: node.inputs.map((name) => name !== graph.input),
      output: forward.values.get(node.output)!,
      saved: forward.saved.get(node.name)!,
      outputGradient,
    });
    node.inputs.forEach((name, index) => {
      const gradient = result.inputGradients[index];
      if (gradient !== undefined) accumulate(name, gradient);
    });
    for (const [name, gradient] of result.parameterGradients) parameterGradients.set(name, gradient);
  }
  return parameterGradients;
}

import type { ReluNode } from '@wrn/spec';
import type { OpRule } from '../op-rule.js';

/**
 * ReLU: `y = max(x, 0)`; `dx = dy` where `y > 0`, else 0 (read from the output, which the next convolution keeps
 * anyway, so the input need not be kept).
 *
 * @example
 * const { output } = reluRule.forward(node, ['bn0'], context);
 */
export const reluRule: OpRule<ReluNode> = {
  forward(node, inputs, { writer }) {
    return { output: writer.op('Relu', inputs, node.output), saved: {} };
  },
  backward(node, { writer, output, outputGradient }) {
    const positive = writer.op('Greater', [output, writer.scalar(0, 'zero')], `${node.name}.positive`);
    const dx = writer.op('Where', [positive, outputGradient, writer.scalar(0, 'zero')], `${node.name}.dx`);
    return { inputGradients: [dx], parameterGradients: new Map() };
  },
};

import type { ReluNode } from '@wrn/spec';
import type { OpRule } from '../op-rule.js';

/**
 * ReLU: `y = max(x, 0)`; `dx = dy` where `y > 0`, else 0, as a `Where` on the comparison (read from the output, which
 * the next convolution keeps anyway, so the input need not be kept). `bench/gradient-ops.mjs` measured it no slower
 * than multiplying by a 0/1 float mask or by `Sign(y)`, and its bool mask is a quarter of a float one.
 *
 * @example
 * const { output } = reluRule.forward(node, ['bn0'], context);
 */
export const reluRule: OpRule<ReluNode> = {
  forward(node, inputs, { writer }) {
    return { output: writer.op('Relu', inputs, node.output), saved: {} };
  },
  backward(node, { writer, output, outputGradient }) {
    const zero = writer.scalar(0, 'zero');
    const positive = writer.op('Greater', [output, zero], `${node.name}.positive`);
    const dx = writer.op('Where', [positive, outputGradient, zero], `${node.name}.dx`);
    return { inputGradients: [dx], parameterGradients: new Map() };
  },
};

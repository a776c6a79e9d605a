import type { ReluNode } from '@wrn/spec';
import { TENSOR_FLOAT } from '../../onnx-helper.js';
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
    // A 0/1 float mask and a Mul: measured 2-3x faster here than a Where on the comparison, and than Sign.
    const positive = writer.op('Greater', [output, writer.scalar(0, 'zero')], `${node.name}.positive`);
    const mask = writer.op('Cast', [positive], `${node.name}.mask`, { to: TENSOR_FLOAT });
    const dx = writer.op('Mul', [outputGradient, mask], `${node.name}.dx`);
    return { inputGradients: [dx], parameterGradients: new Map() };
  },
};

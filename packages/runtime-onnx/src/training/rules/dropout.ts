import type { DropoutNode } from '@wrn/spec';
import { TENSOR_FLOAT } from '../../onnx-helper.js';
import type { OpRule } from '../op-rule.js';

/**
 * Inverted dropout with a keep mask fed as a uint8 graph input (1 keep, 0 drop, drawn by `dropoutMasks` of
 * `@wrn/spec`): `y = x * mask / (1 - rate)`, and the same scaled mask multiplies the gradient.
 *
 * @example
 * const { output, saved } = dropoutRule.forward(node, ['group0.block0.relu1'], context);
 */
export const dropoutRule: OpRule<DropoutNode> = {
  forward(node, inputs, { writer, dropoutMask }) {
    const kept = writer.op('Cast', [dropoutMask(node.name)], `${node.name}.kept`, { to: TENSOR_FLOAT });
    const scale = writer.scalar(1 / (1 - node.rate), `${node.name}.scale`);
    const mask = writer.op('Mul', [kept, scale], `${node.name}.scaled-mask`);
    return { output: writer.op('Mul', [inputs[0]!, mask], node.output), saved: { mask } };
  },
  backward(node, { writer, saved, outputGradient }) {
    const dx = writer.op('Mul', [outputGradient, saved.mask!], `${node.name}.dx`);
    return { inputGradients: [dx], parameterGradients: new Map() };
  },
};

import type { DropoutNode } from '@wrn/spec';
import { TENSOR_BOOL, TENSOR_FLOAT } from '../../onnx-helper.js';
import type { OpRule } from '../op-rule.js';

/**
 * Inverted dropout with a keep mask fed as a uint8 graph input (1 keep, 0 drop, drawn by `dropoutMasks` of
 * `@wrn/spec`): `y = x * mask / (1 - rate)`, and the gradient is `dy * mask / (1 - rate)`. Each direction converts the
 * mask itself, the backward one through bool, so onnxruntime's common-subexpression pass cannot merge the two and keep
 * a float copy of the mask alive from forward to backward: the uint8 input is all that stays (4x less memory).
 *
 * @example
 * const { output } = dropoutRule.forward(node, ['group0.block0.relu1'], context);
 */
export const dropoutRule: OpRule<DropoutNode> = {
  forward(node, inputs, { writer, dropoutMask }) {
    const kept = writer.op('Cast', [dropoutMask(node.name)], `${node.name}.kept`, { to: TENSOR_FLOAT });
    const scale = writer.scalar(1 / (1 - node.rate), `${node.name}.scale`);
    const mask = writer.op('Mul', [kept, scale], `${node.name}.scaled-mask`);
    return { output: writer.op('Mul', [inputs[0]!, mask], node.output), saved: {} };
  },
  backward(node, { writer, dropoutMask, outputGradient }) {
    const keep = writer.op('Cast', [dropoutMask(node.name)], `${node.name}.keep`, { to: TENSOR_BOOL });
    const kept = writer.op('Cast', [keep], `${node.name}.kept-again`, { to: TENSOR_FLOAT });
    const scale = writer.scalar(1 / (1 - node.rate), `${node.name}.scale`);
    const mask = writer.op('Mul', [kept, scale], `${node.name}.scaled-mask-again`);
    const dx = writer.op('Mul', [outputGradient, mask], `${node.name}.dx`);
    return { inputGradients: [dx], parameterGradients: new Map() };
  },
};

import type { AddNode } from '@wrn/spec';
import type { OpRule } from '../op-rule.js';

/**
 * Elementwise sum: both inputs receive the output's gradient unchanged.
 *
 * @example
 * const { inputGradients } = addRule.backward(node, context); // [dy, dy]
 */
export const addRule: OpRule<AddNode> = {
  forward(node, inputs, { writer }) {
    return { output: writer.op('Add', inputs, node.output), saved: {} };
  },
  backward(_node, { outputGradient }) {
    return { inputGradients: [outputGradient, outputGradient], parameterGradients: new Map() };
  },
};

import type { DenseNode } from '@wrn/spec';
import type { OpRule } from '../op-rule.js';

/**
 * Fully connected `y = x W^T + b` (ONNX `Gemm`). Backward: `dx = dy W`, `dW = dy^T x`, `db = sum(dy)` over examples.
 *
 * @example
 * const { output } = denseRule.forward(node, ['pool'], context);
 */
export const denseRule: OpRule<DenseNode> = {
  forward(node, inputs, { writer, parameter }) {
    const gemmInputs = [inputs[0]!, parameter(node.weight), ...(node.bias ? [parameter(node.bias)] : [])];
    const output = writer.op(
      'Gemm',
      gemmInputs,
      node.output,
      { alpha: 1, beta: 1, transA: 0, transB: 1 },
      {
        floats: ['alpha', 'beta'],
      },
    );
    return { output, saved: {} };
  },
  backward(node, { writer, inputs, needsGradient, outputGradient, parameter }) {
    const dWeight = writer.op('Gemm', [outputGradient, inputs[0]!], `${node.name}.weight.gradient`, {
      transA: 1,
    });
    const parameterGradients = new Map([[node.weight, dWeight]]);
    if (node.bias) {
      const axes = writer.int64s([0], 'example-axis');
      parameterGradients.set(
        node.bias,
        writer.op('ReduceSum', [outputGradient, axes], `${node.name}.bias.gradient`, { keepdims: 0 }),
      );
    }
    const dx = needsGradient[0]
      ? writer.op('MatMul', [outputGradient, parameter(node.weight)], `${node.name}.dx`)
      : undefined;
    return { inputGradients: [dx], parameterGradients };
  },
};

import type { GlobalAvgPoolNode } from '@wrn/spec';
import type { OpRule } from '../op-rule.js';

/**
 * Mean over height and width, `[N, C, H, W]` to `[N, C]`; the gradient spreads `dy / (H * W)` over every position.
 *
 * @example
 * const { output } = globalAvgPoolRule.forward(node, ['final.relu'], context);
 */
export const globalAvgPoolRule: OpRule<GlobalAvgPoolNode> = {
  forward(node, inputs, { writer }) {
    const pooled = writer.op('GlobalAveragePool', inputs, `${node.name}.pooled`);
    return { output: writer.op('Flatten', [pooled], node.output, { axis: 1 }), saved: {} };
  },
  backward(node, { writer, inputShapes, outputGradient }) {
    const [channels, height, width] = inputShapes[0]!;
    const shape = writer.int64s([-1, channels!, 1, 1], 'pool-gradient-shape');
    const column = writer.op('Reshape', [outputGradient, shape], `${node.name}.dy-column`);
    const share = writer.op(
      'Mul',
      [column, writer.scalar(1 / (height! * width!), `${node.name}.share`)],
      `${node.name}.dy-share`,
    );
    // Expand broadcasts: [N, C, 1, 1] against [1, C, H, W] gives [N, C, H, W] without reading the input.
    const plane = writer.int64s([1, channels!, height!, width!], 'pool-input-shape');
    const dx = writer.op('Expand', [share, plane], `${node.name}.dx`);
    return { inputGradients: [dx], parameterGradients: new Map() };
  },
};

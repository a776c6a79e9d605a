import type { LayerNode } from '@wrn/spec';
import type { OpRule } from '../op-rule.js';
import { addRule } from './add.js';
import { batchNormRule } from './batch-norm.js';
import { conv2dRule } from './conv2d.js';
import { denseRule } from './dense.js';
import { dropoutRule } from './dropout.js';
import { globalAvgPoolRule } from './global-avg-pool.js';
import { reluRule } from './relu.js';

/**
 * The training rule of every layer op, read in one place by the forward and backward passes.
 *
 * @example
 * const rule = ruleOf(node);
 * const { output } = rule.forward(node, inputs, context);
 */
export function ruleOf(node: LayerNode): OpRule<LayerNode> {
  return RULES[node.op] as OpRule<LayerNode>;
}

const RULES: { [Op in LayerNode['op']]: OpRule<Extract<LayerNode, { op: Op }>> } = {
  conv2d: conv2dRule,
  batchNorm: batchNormRule,
  relu: reluRule,
  dropout: dropoutRule,
  add: addRule,
  globalAvgPool: globalAvgPoolRule,
  dense: denseRule,
};

import { blocksPerGroup } from './block-type.js';
import { GraphBuilder } from './graph-builder.js';
import type { LayerGraph } from './layer-graph.js';
import type { ModelSpec } from './model-spec.js';
import { VARIANT_RULES } from './variants.js';

/** Stem width and the three group widths before widening, as in the paper (Table 1). */
const STEM_WIDTH = 16;
const GROUP_WIDTHS = [16, 32, 64];
/** Groups 2 and 3 halve the resolution on their first block's first convolution. */
const GROUP_STRIDES = [1, 2, 2];

/**
 * Expands a spec into its explicit layer graph: stem conv, three groups of N residual blocks, BN-ReLU-pool-FC head.
 * Everything variant-specific is decided here, from {@link VARIANT_RULES}.
 *
 * @example
 * const graph = expandGraph(parseModelName('WRN-28-10'));
 * graph.nodes.at(-1)?.op; // 'dense'
 */
export function expandGraph(spec: ModelSpec): LayerGraph {
  const rules = VARIANT_RULES[spec.variant];
  const kernels = spec.blockType;
  const blocks = blocksPerGroup(spec.depth, kernels);
  const { channels, height, width } = spec.input;
  const graph = new GraphBuilder('input', [channels, height, width], spec.batchNorm);

  let x = graph.conv('stem.conv', 'input', STEM_WIDTH, 3, 1, rules.stemBias);
  GROUP_WIDTHS.forEach((baseWidth, g) => {
    const width = baseWidth * spec.widenFactor;
    for (let b = 0; b < blocks; b++) {
      const name = `group${g}.block${b}`;
      const stride = b === 0 ? (GROUP_STRIDES[g] ?? 1) : 1;
      const shapeChanges = stride !== 1 || graph.shapeOf(x)[0] !== width;
      const projection = rules.projection === 'first-block' ? b === 0 : shapeChanges;

      // Paper: BN-ReLU of the input is computed once and feeds both the first conv and a projection shortcut.
      const preActivated = rules.sharedPreActivation
        ? graph.relu(`${name}.relu0`, graph.batchNormalize(`${name}.bn0`, x))
        : undefined;

      let y = x;
      kernels.forEach((kernel, i) => {
        if (i > 0 || !preActivated) {
          y = graph.relu(`${name}.relu${i}`, graph.batchNormalize(`${name}.bn${i}`, y));
        } else {
          y = preActivated;
        }
        if (i > 0 || rules.dropoutBeforeFirstConv) y = graph.dropout(`${name}.dropout${i}`, y, spec.dropout);
        y = graph.conv(`${name}.conv${i}`, y, width, kernel, i === 0 ? stride : 1, rules.blockConvBias);
      });

      let shortcut = x;
      if (projection) {
        const source = preActivated ?? x;
        shortcut = graph.conv(`${name}.shortcut.conv`, source, width, 1, stride, rules.shortcutConvBias);
        if (rules.shortcutBatchNorm) shortcut = graph.batchNormalize(`${name}.shortcut.bn`, shortcut);
      }
      x = graph.add(`${name}.add`, y, shortcut);
    }
  });

  x = graph.relu('head.relu', graph.batchNormalize('head.bn', x));
  x = graph.globalAvgPool('head.pool', x);
  return graph.finish(graph.dense('head.fc', x, spec.numClasses, true));
}

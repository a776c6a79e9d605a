import type { Variant } from './model-spec.js';

/**
 * What distinguishes the variants, as data read by the graph expansion (and nowhere else).
 *
 * @example
 * VARIANT_RULES.paper.sharedPreActivation; // true
 */
export interface VariantRules {
  /** The stem conv has a bias. */
  stemBias: boolean;
  /** Block convolutions have biases. */
  blockConvBias: boolean;
  /** The shortcut conv has a bias. */
  shortcutConvBias: boolean;
  /** The shortcut conv is followed by a BatchNorm. */
  shortcutBatchNorm: boolean;
  /** The shortcut reads the block's BN-ReLU pre-activated input (paper) or the raw input (seed code). */
  sharedPreActivation: boolean;
  /** Where a block gets a projection shortcut: on shape change only, or on every group's first block. */
  projection: 'shape-change' | 'first-block';
  /** Dropout before every conv of a block, or only between convs (not before the first). */
  dropoutBeforeFirstConv: boolean;
  /** BatchNorm epsilon the variant's framework uses by default. */
  batchNormEpsilon: number;
}

/**
 * The rules of each variant.
 *
 * @example
 * VARIANT_RULES['seed-keras'].batchNormEpsilon; // 0.001
 */
export const VARIANT_RULES: Readonly<Record<Variant, VariantRules>> = {
  paper: {
    stemBias: false,
    blockConvBias: false,
    shortcutConvBias: false,
    shortcutBatchNorm: false,
    sharedPreActivation: true,
    projection: 'shape-change',
    dropoutBeforeFirstConv: false,
    batchNormEpsilon: 1e-5,
  },
  'seed-pytorch': {
    stemBias: true,
    blockConvBias: true,
    shortcutConvBias: true,
    shortcutBatchNorm: true,
    sharedPreActivation: false,
    projection: 'first-block',
    dropoutBeforeFirstConv: true,
    batchNormEpsilon: 1e-5,
  },
  'seed-keras': {
    stemBias: true,
    blockConvBias: false,
    shortcutConvBias: false,
    shortcutBatchNorm: true,
    sharedPreActivation: false,
    projection: 'shape-change',
    dropoutBeforeFirstConv: true,
    batchNormEpsilon: 1e-3,
  },
};

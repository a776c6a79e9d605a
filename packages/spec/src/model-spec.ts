/** The spec format version; bumped only on incompatible changes so old checkpoints can be migrated. */
export const SPEC_VERSION = 1;

/**
 * Which published implementation a network follows. All three are plain data once expanded
 * (see {@link expandGraph}); runtimes never branch on the variant.
 *
 * - `paper`: the authors' code (no conv biases, shared pre-activation, 1x1 conv shortcut on shape change).
 * - `seed-pytorch`: the study note's PyTorch code (biases everywhere, projection conv+BN on every group's first block).
 * - `seed-keras`: the study note's Keras code (stem bias only, projection only on shape change, BN epsilon 1e-3).
 *
 * @example
 * const variant: Variant = 'paper';
 */
export type Variant = 'paper' | 'seed-pytorch' | 'seed-keras';

/** Every variant, in documentation order. @example VARIANTS.includes('paper') // true */
export const VARIANTS: readonly Variant[] = ['paper', 'seed-pytorch', 'seed-keras'];

/**
 * The input the network expects: CHW shape and the per-channel normalisation applied to pixels in [0, 1].
 *
 * @example
 * const input: InputSpec = { channels: 3, height: 32, width: 32, mean: [0.491, 0.482, 0.447], std: [0.247, 0.244, 0.262] };
 */
export interface InputSpec {
  channels: number;
  height: number;
  width: number;
  /** Per-channel mean subtracted from pixels scaled to [0, 1]. */
  mean: number[];
  /** Per-channel standard deviation that pixels are divided by after subtracting the mean. */
  std: number[];
}

/**
 * BatchNorm settings with PyTorch semantics: `running = (1 - momentum) * running + momentum * batch`, the running
 * variance takes the unbiased batch variance, normalisation uses the biased one.
 *
 * @example
 * const bn: BatchNormSpec = { epsilon: 1e-5, momentum: 0.1 };
 */
export interface BatchNormSpec {
  epsilon: number;
  momentum: number;
}

/**
 * A Wide ResNet as pure, JSON-serialisable data. Build one with {@link wrn} or {@link parseModelName}.
 *
 * @example
 * const spec = wrn({ depth: 28, widenFactor: 10 });
 * JSON.parse(JSON.stringify(spec)); // a deep copy, nothing lost
 */
export interface ModelSpec {
  specVersion: typeof SPEC_VERSION;
  /** Total depth n of WRN-n-k, counting convolutions and the final fully-connected layer as in the paper. */
  depth: number;
  /** The widening factor k: group widths are 16k, 32k and 64k. */
  widenFactor: number;
  numClasses: number;
  /** Dropout probability between convolutions inside a block (0 turns dropout off). */
  dropout: number;
  /** Kernel sizes of the convolutions in one block: `[3, 3]` is B(3,3). */
  blockType: number[];
  variant: Variant;
  input: InputSpec;
  batchNorm: BatchNormSpec;
  /** Optional human-readable class names, one per class, so checkpoints are self-describing. */
  classNames?: string[];
}

/**
 * Defaults of the model, each with its reason. Training defaults live in {@link paperRecipe}.
 *
 * @example
 * MODEL_DEFAULTS.dropout; // 0.3
 */
export const MODEL_DEFAULTS = {
  /** CIFAR-10, the paper's flagship benchmark. */
  numClasses: 10,
  /** The paper's best CIFAR results (WRN-28-10: 3.89% / 18.85%) use dropout 0.3 between convolutions. */
  dropout: 0.3,
  /** B(3,3) won the paper's block-type comparison (Table 2). */
  blockType: [3, 3],
  /** The authors' code is what the paper's numbers came from. */
  variant: 'paper',
  /** CIFAR images are 32x32 RGB. */
  input: { channels: 3, height: 32, width: 32 },
  /** CIFAR-10 channel statistics used by the authors' code: (125.3, 123.0, 113.9) / 255. */
  mean: [125.3 / 255, 123.0 / 255, 113.9 / 255],
  /** ... and (63.0, 62.1, 66.7) / 255. */
  std: [63.0 / 255, 62.1 / 255, 66.7 / 255],
  /** PyTorch's BatchNorm momentum: running = 0.9 running + 0.1 batch. */
  batchNormMomentum: 0.1,
} as const;

/**
 * Names of the training graphs' inputs and outputs, the contract between the graphs, the executor and any other
 * engine that runs an exported training step (see the package README). Parameters, running statistics and momentum
 * buffers use the canonical PyTorch names and layouts; a new value keeps its input's name with a prefix.
 *
 * @example
 * TRAINING_IO.learningRate; // 'learning_rate'
 * trainingName.updated('head.fc.weight'); // 'updated.head.fc.weight'
 */
export const TRAINING_IO = {
  /** float32 `[N, C, H, W]`, normalised images (as the inference graph's `input`). */
  images: 'input',
  /** int64 `[N]`, class indices. */
  labels: 'labels',
  /** float32 scalar, this step's learning rate. */
  learningRate: 'learning_rate',
  /** float32 scalar, this micro-batch's share of the step's examples (size / batch size). */
  share: 'share',
  /** float32 scalar output: mean cross-entropy of the examples (before the update, no weight decay). */
  loss: 'loss',
  /** float32 scalar output: examples whose first largest logit is the label. */
  correct: 'correct',
  /** float32 `[N, classes]` output of the training-mode forward graph. */
  logits: 'logits',
} as const;

/**
 * Names derived from a canonical parameter name.
 *
 * @example
 * trainingName.momentum('stem.conv.weight'); // 'momentum.stem.conv.weight'
 */
export const trainingName = {
  /** uint8 `[N, C, H, W]` input: the keep mask (1 keep) of a dropout node, from `dropoutMasks` of `@wrn/spec`. */
  dropoutMask: (node: string) => `dropout_mask.${node}`,
  /** float32 input: the SGD momentum buffer of a trainable parameter (zeros before the first step). */
  momentum: (parameter: string) => `momentum.${parameter}`,
  /** bool scalar input, only where the optimizer dampens: false on a parameter's first step (`buf = g`). */
  momentumStarted: (parameter: string) => `momentum_started.${parameter}`,
  /** float32 input or output: a gradient (the gradient graph's outputs; the update graph's inputs). */
  gradient: (parameter: string) => `gradient.${parameter}`,
  /** float32 input and output of the micro-batch graph: gradients summed over the step's micro-batches so far. */
  accumulated: (parameter: string) => `accumulated.${parameter}`,
  /** Output: the new value of an input (a weight, running statistic, momentum buffer or accumulated gradient). */
  updated: (input: string) => `updated.${input}`,
} as const;

import * as tf from '@tensorflow/tfjs';
import type { BatchNormNode, LayerGraph } from '@wrn/spec';
import type { ChannelAllReduce } from './all-reduce-means.js';
import type { BatchStatistics } from './batch-norm.js';
import { runGraph } from './graph-interpreter.js';

/**
 * The result of one training-mode forward and backward pass. Every tensor is owned by the caller.
 *
 * @example
 * const pass = trainingPass(graph, parameters, trainable, x, labels, { stepSeed, start: 0 });
 * pass.dispose();
 */
export interface TrainingPass {
  /** Mean softmax cross-entropy (scalar). */
  loss: tf.Scalar;
  /** Number of correct top-1 predictions (scalar). */
  correct: tf.Scalar;
  /** Loss gradient of each trainable parameter, internal layout, by name. */
  gradients: Map<string, tf.Tensor>;
  /** Batch statistics of every BatchNorm (biased variance). */
  statistics: Map<BatchNormNode, BatchStatistics>;
  dispose(): void;
}

/**
 * A pass over one replica's slice of a micro-batch that several replicas share (data-parallel training).
 *
 * @example
 * const slice: PassSlice = { microBatchSize: 32, allReduce: (values) => reducer.reduce(values, 2) };
 */
export interface PassSlice {
  /** Examples in the whole micro-batch: the pass's loss is the slice's share of the micro-batch's mean loss. */
  microBatchSize: number;
  /** Sums BatchNorm's per-channel vectors over the replicas sharing the micro-batch. */
  allReduce: ChannelAllReduce;
}

/**
 * Which dropout masks a training pass applies: those of examples `start ..` of the step seeded `stepSeed` (its
 * images are those examples of the step's batch).
 *
 * @example
 * const dropout: PassDropout = { stepSeed: 1234, start: 32 }; // the second micro-batch of 32
 */
export interface PassDropout {
  stepSeed: number;
  start: number;
}

/**
 * Mean softmax cross-entropy of logits against integer labels, and the number of correct top-1 predictions.
 *
 * @example
 * const { loss, correct } = tf.tidy(() => crossEntropy(logits, tf.tensor1d([3, 7], 'int32')));
 */
export function crossEntropy(
  logits: tf.Tensor2D,
  labels: tf.Tensor1D,
): { loss: tf.Scalar; correct: tf.Scalar } {
  const classes = logits.shape[1];
  const targets = tf.oneHot(labels, classes);
  const loss = tf.neg(tf.mean(tf.sum(tf.mul(targets, tf.logSoftmax(logits)), 1)));
  const correct = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'int32'));
  return { loss: loss as tf.Scalar, correct: correct as tf.Scalar };
}

/**
 * One training-mode pass: logits with batch statistics and dropout (the masks of `dropout`), the mean
 * cross-entropy, its gradient with respect to every trainable variable, and the BatchNorm batch statistics (for the
 * running-statistics update). Nothing is updated here. With a `slice`, the images are that slice of a shared micro-batch: BatchNorm statistics
 * span the micro-batch, and the loss is the slice's share (`size / microBatchSize` times its mean), so the
 * replicas' gradients add up to the micro-batch's.
 *
 * @example
 * const pass = trainingPass(graph, (name) => variables.get(name)!, trainable, x, labels, { stepSeed: 7, start: 0 });
 */
export function trainingPass(
  graph: LayerGraph,
  parameter: (name: string) => tf.Tensor,
  trainable: Map<string, tf.Variable>,
  images: tf.Tensor4D,
  labels: tf.Tensor1D,
  dropout: PassDropout,
  slice?: PassSlice,
): TrainingPass {
  const statistics = new Map<BatchNormNode, BatchStatistics>();
  let correct: tf.Scalar | undefined;
  const names = [...trainable.keys()];
  const { value, grads } = tf.variableGrads(() => {
    const record = (node: BatchNormNode, batch: BatchStatistics) => statistics.set(node, batch);
    const logits = runGraph(graph, parameter, images, {
      training: true,
      dropoutSeed: dropout.stepSeed,
      exampleOffset: dropout.start,
      record,
      ...(slice && { allReduce: slice.allReduce }),
    });
    const result = crossEntropy(logits, labels);
    correct = tf.keep(result.correct);
    return slice ? (tf.mul(result.loss, images.shape[0] / slice.microBatchSize) as tf.Scalar) : result.loss;
  }, [...trainable.values()]);
  const gradients = new Map<string, tf.Tensor>();
  names.forEach((name) => {
    const variable = trainable.get(name)!;
    const gradient = grads[variable.name];
    // A parameter the loss does not reach (none in a valid graph) gets a zero gradient.
    gradients.set(name, gradient ?? tf.zerosLike(variable));
  });
  return {
    loss: value,
    correct: correct!,
    gradients,
    statistics,
    dispose() {
      tf.dispose([value, correct!, ...gradients.values()]);
      for (const batch of statistics.values()) tf.dispose([batch.mean, batch.variance]);
    },
  };
}

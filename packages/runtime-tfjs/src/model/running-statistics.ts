import * as tf from '@tensorflow/tfjs';
import type { BatchNormNode } from '@wrn/spec';
import type { NodeStatistics } from '../micro-batches.js';

/**
 * PyTorch's BatchNorm running-statistics update, in order, from batch statistics (biased variance, as tensors or
 * host arrays): `running = (1 - momentum) * running + momentum * batch`, where the running variance takes the
 * unbiased batch variance (a single value has none: it is kept biased).
 *
 * @example
 * updateRunningStatistics(batchNorms, variables.parameter, statistics);
 */
export function updateRunningStatistics(
  batchNorms: Map<string, BatchNormNode>,
  variableOf: (name: string) => tf.Variable,
  statistics: NodeStatistics[],
): void {
  tf.tidy(() => {
    for (const { node: name, mean, variance, count } of statistics) {
      const node = batchNorms.get(name)!;
      const batchVariance = variance instanceof tf.Tensor ? variance : tf.tensor1d(variance);
      const unbiased = count > 1 ? tf.mul(batchVariance, count / (count - 1)) : batchVariance;
      const momentum = node.momentum;
      const runningMean = variableOf(node.runningMean);
      const runningVariance = variableOf(node.runningVar);
      runningMean.assign(tf.add(tf.mul(runningMean, 1 - momentum), tf.mul(mean, momentum)));
      runningVariance.assign(tf.add(tf.mul(runningVariance, 1 - momentum), tf.mul(unbiased, momentum)));
    }
  });
}

import * as tf from '@tensorflow/tfjs';
import type { NodeStatistics } from '../micro-batches.js';
import type { TfjsModel } from '../model/tfjs-model.js';
import type { HostStatistics } from './protocol.js';

/**
 * Batch statistics read back to the host (synchronously: they are small and their tensors die with the pass).
 *
 * @example
 * statistics.push(...hostStatistics(list));
 */
export function hostStatistics(list: NodeStatistics[]): HostStatistics[] {
  const host = (value: tf.Tensor | Float32Array) =>
    value instanceof tf.Tensor ? (value.dataSync() as Float32Array) : value;
  return list.map(({ node, mean, variance, count }) => ({
    node,
    mean: host(mean),
    variance: host(variance),
    count,
  }));
}

/**
 * Host arrays as tensors of the given (internal-layout) shapes; the caller disposes them.
 *
 * @example
 * const gradients = tensorsFromHost(entries, (name) => model.internalShape(name));
 */
export function tensorsFromHost(
  entries: [string, Float32Array][],
  shapeOf: (name: string) => number[],
): Map<string, tf.Tensor> {
  return new Map(entries.map(([name, data]) => [name, tf.tensor(data, shapeOf(name), 'float32')]));
}

/**
 * A data-parallel step's update of one replica from host arrays: the all-reduced BatchNorm statistics into the
 * running statistics, then the SGD update with the summed gradients (their tensors disposed afterwards).
 *
 * @example
 * applyHostUpdate(model, statistics, gradients, 0.1);
 */
export function applyHostUpdate(
  model: TfjsModel,
  statistics: HostStatistics[],
  gradients: [string, Float32Array][],
  learningRate: number,
): void {
  model.applyRunningStatistics(statistics);
  const tensors = tensorsFromHost(gradients, (name) => model.internalShape(name));
  try {
    model.applySgd(tensors, learningRate);
  } finally {
    tf.dispose([...tensors.values()]);
  }
}

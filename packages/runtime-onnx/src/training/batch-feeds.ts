import { dropoutMasks, type ExampleRange, type LayerGraph } from '@wrn/spec';
import type { Batch } from '@wrn/core';
import type { Tensor } from 'onnxruntime-node';
import type { OnnxBinding } from '../load-onnxruntime.js';
import { TRAINING_IO, trainingName } from './training-io.js';

/**
 * The feeds of examples `range` of a batch: images, int64 labels and the keep mask of every dropout node for that
 * range of the step seeded `stepSeed` (views into the batch, no copy of the images).
 *
 * @example
 * const feeds = batchFeeds(ort, graph, batch, { start: 0, size: batch.size }, stepSeed);
 */
export function batchFeeds(
  ort: OnnxBinding,
  graph: LayerGraph,
  batch: Batch,
  range: ExampleRange,
  stepSeed: number,
): Record<string, Tensor> {
  const perExample = batch.images.length / batch.size;
  const { start, size } = range;
  const images = batch.images.subarray(start * perExample, (start + size) * perExample);
  const labels = BigInt64Array.from(batch.labels.subarray(start, start + size), (label) => BigInt(label));
  const feeds: Record<string, Tensor> = {
    [TRAINING_IO.images]: new ort.Tensor('float32', images, [size, ...graph.inputShape]),
    [TRAINING_IO.labels]: new ort.Tensor('int64', labels, [size]),
  };
  const shapes = new Map(graph.nodes.map((node) => [node.name, node.outputShape]));
  for (const [node, mask] of dropoutMasks(graph, stepSeed, range)) {
    feeds[trainingName.dropoutMask(node)] = new ort.Tensor('uint8', mask, [size, ...shapes.get(node)!]);
  }
  return feeds;
}

/**
 * Checks that every BatchNorm of `graph` sees more than one value per channel for a (micro-)batch of `size`, as
 * PyTorch requires in training mode (the unbiased running variance divides by count - 1).
 *
 * @example
 * checkBatchNormCounts(graph, 1); // fine for 32x32 inputs: every BatchNorm sees at least 64 values
 */
export function checkBatchNormCounts(graph: LayerGraph, size: number): void {
  const shapes = new Map([
    [graph.input, graph.inputShape],
    ...graph.nodes.map((node) => [node.output, node.outputShape] as const),
  ]);
  for (const node of graph.nodes) {
    if (node.op !== 'batchNorm') continue;
    const [, height = 1, width = 1] = shapes.get(node.inputs[0]!)!;
    const count = size * height * width;
    if (count < 2) {
      throw new RangeError(
        `BatchNorm '${node.name}' sees ${count} value per channel in training mode; PyTorch needs more than 1. ` +
          'Use a larger (micro-)batch or input',
      );
    }
  }
}

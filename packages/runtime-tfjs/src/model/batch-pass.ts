import * as tf from '@tensorflow/tfjs';
import type { Batch } from '@wrn/core';
import type { LayerGraph } from '@wrn/spec';
import { imagesToInternal } from '../layout.js';
import { trainingPass, type PassSlice, type TrainingPass } from '../training-pass.js';
import type { ModelVariables } from './model-variables.js';

/**
 * One training pass over examples [start, end) of a batch (with `slice`, a replica's slice of a micro-batch it
 * shares with others), with those examples' dropout masks of the step seeded `stepSeed`; updates nothing. The
 * caller disposes the pass.
 *
 * @example
 * const pass = batchPass(graph, variables, batch, 0, batch.size, stepSeed);
 * pass.dispose();
 */
export function batchPass(
  graph: LayerGraph,
  variables: ModelVariables,
  batch: Batch,
  start: number,
  end: number,
  stepSeed: number,
  slice?: PassSlice,
): TrainingPass {
  const pixels = batch.images.length / batch.size;
  const x = imagesToInternal(
    batch.images.subarray(start * pixels, end * pixels),
    end - start,
    graph.inputShape,
  );
  const labels = tf.tensor1d(batch.labels.subarray(start, end), 'int32');
  try {
    const dropout = { stepSeed, start };
    return trainingPass(graph, variables.parameter, variables.trainable, x, labels, dropout, slice);
  } finally {
    tf.dispose([x, labels]);
  }
}

import { dropoutMasks, expandGraph, initWeights, Random, wrn, type ModelSpec } from '@wrn/spec';
import { describe, expect, it } from 'vitest';
import {
  referenceBackward,
  referenceForward,
  softmaxCrossEntropy,
  toFloat64,
  type Tensor64,
  type WeightMap64,
} from '../src/index.js';

/** Random normal images and labels, and weights with BatchNorm parameters and biases moved away from 1 and 0. */
function setup(spec: ModelSpec, size: number, seed: number) {
  const random = new Random(seed);
  const graph = expandGraph(spec);
  const weights = toFloat64(initWeights(spec, seed));
  for (const parameter of graph.parameters) {
    if (parameter.init === 'kaiming-normal') continue;
    const data = weights.get(parameter.name)!.data;
    for (let i = 0; i < data.length; i++)
      data[i] = parameter.init === 'ones' ? 0.5 + random.uniform() : 0.2 * random.normal();
  }
  const shape = [size, ...graph.inputShape];
  const images: Tensor64 = {
    shape,
    data: Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => random.normal()),
  };
  const labels = Int32Array.from({ length: size }, () => random.integer(spec.numClasses));
  return { graph, weights, images, labels, dropoutMasks: dropoutMasks(graph, seed, { start: 0, size }) };
}

/** Central finite differences in float64 against the hand-written backward pass, on a few entries of every parameter. */
function checkGradients(spec: ModelSpec, size: number, seed: number): void {
  const { graph, weights, images, labels, dropoutMasks } = setup(spec, size, seed);
  const loss = (w: WeightMap64) =>
    softmaxCrossEntropy(referenceForward(graph, w, images, { training: true, dropoutMasks }).logits, labels)
      .loss;
  const forward = referenceForward(graph, weights, images, { training: true, dropoutMasks });
  const { dLogits } = softmaxCrossEntropy(forward.logits, labels);
  const gradients = referenceBackward(graph, weights, forward, dLogits, { dropoutMasks });
  expect([...gradients.keys()]).toEqual(graph.parameters.filter((p) => p.trainable).map((p) => p.name));

  const random = new Random(seed + 1);
  const step = 1e-5;
  let checked = 0;
  for (const [name, gradient] of gradients) {
    const data = weights.get(name)!.data;
    for (let sample = 0; sample < 2; sample++) {
      const index = random.integer(data.length);
      const original = data[index]!;
      data[index] = original + step;
      const up = loss(weights);
      data[index] = original - step;
      const down = loss(weights);
      data[index] = original;
      const numeric = (up - down) / (2 * step);
      const analytic = gradient.data[index]!;
      if (Math.abs(analytic - numeric) > 1e-7 + 1e-5 * Math.abs(numeric)) {
        throw new Error(`${name}[${index}]: backward ${analytic}, finite differences ${numeric}`);
      }
      checked++;
    }
  }
  expect(checked).toBe(2 * gradients.size);
}

describe('reference backward vs central finite differences (float64)', () => {
  it('WRN-10-1 paper, dropout 0.3 with fixed masks, 8x8, batch 2', () => {
    checkGradients(wrn({ depth: 10, widenFactor: 1, inputSize: 8, dropout: 0.3 }), 2, 1);
  });

  it('WRN-10-1 seed-pytorch (biases, projection conv + BN), 4x4, batch 3', () => {
    checkGradients(
      wrn({ depth: 10, widenFactor: 1, inputSize: 4, dropout: 0.3, variant: 'seed-pytorch' }),
      3,
      2,
    );
  });

  it('WRN-13-1 B(3,1,3) seed-keras, 8x8, batch 2', () => {
    checkGradients(
      wrn({
        depth: 13,
        widenFactor: 1,
        inputSize: 8,
        blockType: 'B(3,1,3)',
        variant: 'seed-keras',
        numClasses: 5,
      }),
      2,
      3,
    );
  });

  it('WRN-10-2 B(3) paper (two blocks a group, identity shortcuts), 8x8, batch 1', () => {
    checkGradients(wrn({ depth: 10, widenFactor: 2, inputSize: 8, blockType: 'B(3)', dropout: 0 }), 1, 4);
  });
});

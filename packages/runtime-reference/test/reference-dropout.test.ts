import { dropoutMasks, expandGraph, initWeights, passDropoutSeed, wrn, type ExampleRange } from '@wrn/spec';
import { describe, expect, it } from 'vitest';
import { ReferenceModel, referenceForward, toFloat64 } from '../src/index.js';
import { randomBatch } from './random-batch.js';

const spec = wrn({ depth: 10, widenFactor: 1, inputSize: 8, dropout: 0.3 });

/** A model that records every mask draw (step seed and example range) and draws the spec's masks. */
function recordingModel(seed: number) {
  const draws: { stepSeed: number; range: ExampleRange }[] = [];
  const model = new ReferenceModel(spec, initWeights(spec, 1), {
    seed,
    drawMasks: (graph, stepSeed, range) => {
      draws.push({ stepSeed, range });
      return dropoutMasks(graph, stepSeed, range);
    },
  });
  return { model, draws };
}

describe('ReferenceModel dropout masks', () => {
  it("a training forward applies @wrn/spec's masks of the pass's step seed, passDropoutSeed(seed, pass)", () => {
    const model = new ReferenceModel(spec, initWeights(spec, 1), { seed: 5 });
    const { images, size } = randomBatch(spec, 3, 4);
    const graph = expandGraph(spec);
    const expected = (pass: number) =>
      referenceForward(
        graph,
        toFloat64(initWeights(spec, 1)),
        { shape: [size, 3, 8, 8], data: Float64Array.from(images) },
        {
          training: true,
          dropoutMasks: dropoutMasks(graph, passDropoutSeed(5, pass), { start: 0, size }),
        },
      ).logits.data;
    expect(model.forward(images, size, { training: true }).data).toEqual(expected(0));
    expect(model.forward(images, size, { training: true }).data).toEqual(expected(1));
    expect(expected(1)).not.toEqual(expected(0));
  });

  it('counts every training pass: training forwards, gradients and steps, seeded or not; eval forwards not', () => {
    const { model, draws } = recordingModel(3);
    const batch = randomBatch(spec, 2, 1);
    model.forward(batch.images, 2); // eval: no pass
    model.forward(batch.images, 2, { training: true });
    model.gradients(batch);
    model.trainStep(batch, { learningRate: 0.1, dropoutSeed: 77 });
    model.trainStep(batch, { learningRate: 0.1 });
    expect(draws.map((draw) => draw.stepSeed)).toEqual([
      passDropoutSeed(3, 0),
      passDropoutSeed(3, 1),
      77,
      passDropoutSeed(3, 3),
    ]);
  });

  it("each micro-batch of a step draws its example range of the step's masks", () => {
    const { model, draws } = recordingModel(0);
    model.trainStep(randomBatch(spec, 5, 2), { learningRate: 0.1, microBatchSize: 2, dropoutSeed: 9 });
    expect(draws).toEqual([
      { stepSeed: 9, range: { start: 0, size: 2 } },
      { stepSeed: 9, range: { start: 2, size: 2 } },
      { stepSeed: 9, range: { start: 4, size: 1 } },
    ]);
  });
});

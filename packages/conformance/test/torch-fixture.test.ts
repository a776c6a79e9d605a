import { readFileSync } from 'node:fs';
import { expandGraph, wrn } from '@wrn/spec';
import { describe, expect, it } from 'vitest';
import { ReferenceModel, type Tensor64 } from '@wrn/runtime-reference';
import { CONFORMANCE_OPTIMIZER, conformanceBatch, conformanceWeights } from '../src/index.js';
import { FIXTURE_CASES } from '../scripts/torch-fixture-cases.mjs';

// Golden values from PyTorch 1.13 in float64 (scripts/make_torch_fixture.py): an independent implementation of every
// op, of BatchNorm's running statistics, of gradient accumulation over micro-batches and of torch.optim.SGD, on the
// same graphs, weights, batches and masks.
interface Summary {
  sum: number;
  absSum: number;
  indices: number[];
  values: number[];
}
interface FixtureCase {
  name: string;
  evalLogits: number[];
  trainingLogits: number[];
  gradientLoss: number;
  gradients: Record<string, Summary>;
  stepLosses: number[];
  weightsAfter: Record<string, Summary>;
  momentumAfter: Record<string, Summary>;
  evalLogitsAfter: number[];
}
const fixture = JSON.parse(
  readFileSync(new URL('fixtures/torch-reference.json', import.meta.url), 'utf8'),
) as { cases: FixtureCase[] };

/**
 * Both sides are float64: only summation order differs. The 1e-12 floor is for values that are zero in exact
 * arithmetic (a conv bias right before BatchNorm has a zero gradient) and come out as rounding noise near 1e-17.
 */
const near = (actual: number, expected: number, scale = 1) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 + 1e-9 * scale + 1e-9 * Math.abs(expected));

function expectSummary(tensor: Tensor64, expected: Summary): void {
  const absSum = tensor.data.reduce((sum, value) => sum + Math.abs(value), 0);
  near(
    tensor.data.reduce((sum, value) => sum + value, 0),
    expected.sum,
    absSum,
  );
  near(absSum, expected.absSum, absSum);
  expected.indices.forEach((index, k) => near(tensor.data[index]!, expected.values[k]!));
}

function expectMap(map: Map<string, Tensor64>, expected: Record<string, Summary>): void {
  expect([...map.keys()]).toEqual(Object.keys(expected));
  for (const [name, tensor] of map) expectSummary(tensor, expected[name]!);
}

describe('reference vs PyTorch float64 golden values', () => {
  FIXTURE_CASES.forEach((definition, index) => {
    it(definition.name, () => {
      const golden = fixture.cases[index]!;
      expect(golden.name).toBe(definition.name);
      const spec = wrn(definition.options);
      const batches = definition.steps.map((step) =>
        conformanceBatch(spec, definition.batchSize, step.batchSeed),
      );
      const model = new ReferenceModel(spec, conformanceWeights(spec, definition.seed), {
        optimizer: CONFORMANCE_OPTIMIZER,
      });
      model
        .forward(batches[0]!.images, definition.batchSize)
        .data.forEach((value, k) => near(value, golden.evalLogits[k]!));

      const first = definition.steps[0]!;
      const gradients = model.gradients(batches[0]!, { stepSeed: first.dropoutSeed, start: 0 });
      near(gradients.loss, golden.gradientLoss);
      gradients.logits.data.forEach((value, k) => near(value, golden.trainingLogits[k]!));
      expectMap(gradients.gradients, golden.gradients);

      definition.steps.forEach((step, k) => {
        const result = model.trainStep(batches[k]!, {
          learningRate: step.learningRate,
          dropoutSeed: step.dropoutSeed,
          microBatchSize: step.microBatchSize,
        });
        near(result.loss, golden.stepLosses[k]!);
      });
      expect([...model.weights.keys()]).toEqual(expandGraph(spec).parameters.map((p) => p.name));
      expectMap(model.weights, golden.weightsAfter);
      expectMap(model.momentumBuffers, golden.momentumAfter);
      model
        .forward(batches[0]!.images, definition.batchSize)
        .data.forEach((value, k) => near(value, golden.evalLogitsAfter[k]!));
    });
  });
});

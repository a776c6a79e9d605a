#!/usr/bin/env node
// Writes the inputs of make_torch_fixture.py as JSON to stdout: for a few small specs, the expanded layer graph, the
// conformance weights, two batches, and each micro-batch's dropout masks: its example range of the step's dropoutSeed.
// Needs the built packages: npx turbo run build --filter=@wrn/conformance...
// Usage: node scripts/export-torch-inputs.mjs > /tmp/torch-inputs.json
import { conformanceBatch, conformanceWeights, CONFORMANCE_OPTIMIZER } from '@wrn/conformance';
import { dropoutMasks, expandGraph, wrn } from '@wrn/spec';
import { FIXTURE_CASES } from './torch-fixture-cases.mjs';

const cases = FIXTURE_CASES.map(({ name, options, batchSize, seed, steps }) => {
  const spec = wrn(options);
  const graph = expandGraph(spec);
  const weights = Object.fromEntries(
    [...conformanceWeights(spec, seed)].map(([key, tensor]) => [
      key,
      { shape: tensor.shape, data: [...tensor.data] },
    ]),
  );
  const batches = steps.map(({ batchSeed, dropoutSeed, learningRate, microBatchSize = batchSize }) => {
    const batch = conformanceBatch(spec, batchSize, batchSeed);
    // Every runtime's rule: a micro-batch applies its example range of the step's masks.
    const parts = [];
    for (let start = 0; start < batchSize; start += microBatchSize) {
      const size = Math.min(microBatchSize, batchSize - start);
      const masks = dropoutMasks(graph, dropoutSeed, { start, size });
      parts.push({
        start,
        size,
        masks: Object.fromEntries([...masks].map(([key, mask]) => [key, [...mask]])),
      });
    }
    return { images: [...batch.images], labels: [...batch.labels], learningRate, parts };
  });
  return { name, spec, graph, weights, batches, batchSize, optimizer: CONFORMANCE_OPTIMIZER };
});
process.stdout.write(JSON.stringify({ cases }));

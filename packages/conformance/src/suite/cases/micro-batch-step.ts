import { ReferenceModel } from '@wrn/runtime-reference';
import { assertClose, assertMapsClose, check } from '../compare.js';
import { trainable, withExecutors } from '../executor-scope.js';
import {
  CONFORMANCE_OPTIMIZER,
  conformanceBatch,
  conformanceWeights,
  multiStepFixture,
} from '../fixtures.js';
import type { ConformanceCase } from '../types.js';
import { wellConditioned } from '../well-conditioned.js';

/**
 * Case 5b: `trainStep` with `microBatchSize` averages the micro-batches' gradients into one update and updates
 * BatchNorm running statistics once per micro-batch, as the reference does. Two even micro-batches of 4 on 8x8
 * inputs (`multiStepFixture`), on a seed whose reference run keeps every ReLU input off zero (`wellConditioned`):
 * the split is even, so "averaged" cannot be read two ways, and each micro-batch's BatchNorm is well-conditioned.
 *
 * @example
 * await microBatchStepCase.run(context);
 */
export const microBatchStepCase: ConformanceCase = {
  id: 'micro-batch-step',
  title: 'one step over two micro-batches: averaged gradients, per-micro-batch running statistics',
  entries: 'all',
  skipReason: (capabilities) =>
    capabilities.supportsTraining ? undefined : 'cannot train (supportsTraining is false)',
  async run({ runtime, entry, tolerance, seed }) {
    const { spec, batchSize, microBatchSize, learningRate } = multiStepFixture(entry.spec);
    const options = { learningRate, microBatchSize };
    const fixture = wellConditioned(seed, (candidate) => {
      const weights = conformanceWeights(spec, candidate);
      const batch = conformanceBatch(spec, batchSize, candidate); // the entry's network, not its batch or input size
      const reference = new ReferenceModel(spec, weights, { optimizer: CONFORMANCE_OPTIMIZER });
      return { weights, batch, reference, expected: reference.trainStep(batch, options) };
    });
    const { weights, batch, reference, expected } = fixture;
    await withExecutors(trainable(runtime), async (compile) => {
      const executor = await compile(spec, { weights, optimizer: CONFORMANCE_OPTIMIZER, seed: fixture.seed });
      const result = await executor.trainStep(batch, options);
      assertClose('StepResult.loss (mean over micro-batches)', [result.loss], [expected.loss], tolerance);
      check(
        result.examples === batch.size,
        `StepResult.examples is ${result.examples}, expected ${batch.size}`,
      );
      assertMapsClose(
        'weights and running statistics after a micro-batched step',
        await executor.getWeights(),
        reference.weights,
        tolerance,
      );
      assertMapsClose(
        'momentum buffers after a micro-batched step',
        await executor.getOptimizerState(),
        reference.momentumBuffers,
        tolerance,
      );
    });
  },
};

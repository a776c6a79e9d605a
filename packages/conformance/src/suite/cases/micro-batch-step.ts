import { ReferenceModel } from '../../reference/reference-model.js';
import { assertClose, assertMapsClose, check } from '../compare.js';
import { withExecutors } from '../executor-scope.js';
import { CONFORMANCE_OPTIMIZER, conformanceBatch, conformanceWeights, withoutDropout } from '../fixtures.js';
import type { ConformanceCase } from '../types.js';

/**
 * Case 5b: `trainStep` with `microBatchSize: 1` averages the micro-batches' gradients into one update and updates
 * BatchNorm running statistics once per micro-batch, as the reference does. The batch is the entry's, at least 2,
 * so the split is even and "averaged" cannot be read two ways.
 *
 * @example
 * await microBatchStepCase.run(context);
 */
export const microBatchStepCase: ConformanceCase = {
  id: 'micro-batch-step',
  title: 'one step over micro-batches of 1: averaged gradients, per-micro-batch running statistics',
  entries: 'all',
  skipReason: (capabilities) =>
    capabilities.supportsTraining ? undefined : 'cannot train (supportsTraining is false)',
  async run({ runtime, entry, tolerance, seed }) {
    const spec = withoutDropout(entry.spec);
    const weights = conformanceWeights(spec, seed);
    const batch = conformanceBatch(spec, Math.max(entry.batchSize, 2), seed);
    const options = { learningRate: 0.1, microBatchSize: 1 }; // the paper's rate; micro-batches of one example
    const reference = new ReferenceModel(spec, weights, { optimizer: CONFORMANCE_OPTIMIZER });
    const expected = reference.trainStep(batch, options);
    await withExecutors(runtime, async (compile) => {
      const executor = await compile(spec, { weights, optimizer: CONFORMANCE_OPTIMIZER, seed });
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

import { ReferenceModel } from '../../reference/reference-model.js';
import { assertClose, assertMapsClose, check } from '../compare.js';
import { trainable, withExecutors } from '../executor-scope.js';
import {
  CONFORMANCE_OPTIMIZER,
  conformanceBatch,
  conformanceWeights,
  MULTI_STEP,
  withoutDropout,
} from '../fixtures.js';
import type { ConformanceCase } from '../types.js';

/**
 * Case 5b: `trainStep` with `microBatchSize` averages the micro-batches' gradients into one update and updates
 * BatchNorm running statistics once per micro-batch, as the reference does. A batch of 8 in two micro-batches of 4
 * (`MULTI_STEP`): the split is even, so "averaged" cannot be read two ways, and each micro-batch's BatchNorm is
 * well-conditioned.
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
    const spec = withoutDropout(entry.spec);
    const weights = conformanceWeights(spec, seed);
    const batch = conformanceBatch(spec, MULTI_STEP.batchSize, seed); // the entry's network, not its batch
    const options = { learningRate: MULTI_STEP.learningRate, microBatchSize: MULTI_STEP.microBatchSize };
    const reference = new ReferenceModel(spec, weights, { optimizer: CONFORMANCE_OPTIMIZER });
    const expected = reference.trainStep(batch, options);
    await withExecutors(trainable(runtime), async (compile) => {
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

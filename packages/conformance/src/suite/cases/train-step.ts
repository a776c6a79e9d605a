import { ReferenceModel } from '@wrn/runtime-reference';
import { assertClose, assertCorrectCount, assertMapsClose, check } from '../compare.js';
import { trainable, withExecutors } from '../executor-scope.js';
import { CONFORMANCE_OPTIMIZER, conformanceBatch, conformanceWeights, withoutDropout } from '../fixtures.js';
import type { ConformanceCase } from '../types.js';

/** One step at the paper's initial rate. */
const LEARNING_RATE = 0.1;

/**
 * Case 5: one `trainStep` (Nesterov SGD with weight decay, BatchNorm running statistics) gives the reference's loss,
 * example and correct counts, updated weights and running statistics, and momentum buffers (none before the step).
 *
 * @example
 * await trainStepCase.run(context);
 */
export const trainStepCase: ConformanceCase = {
  id: 'train-step',
  title:
    'one Nesterov SGD step with weight decay: loss, weights, running statistics, momentum vs the reference',
  entries: 'all',
  skipReason: (capabilities) =>
    capabilities.supportsTraining ? undefined : 'cannot train (supportsTraining is false)',
  async run({ runtime, entry, tolerance, seed }) {
    const spec = withoutDropout(entry.spec);
    const weights = conformanceWeights(spec, seed);
    const batch = conformanceBatch(spec, entry.batchSize, seed);
    const logits = new ReferenceModel(spec, weights).forward(batch.images, batch.size, { training: true });
    const reference = new ReferenceModel(spec, weights, { optimizer: CONFORMANCE_OPTIMIZER });
    const expected = reference.trainStep(batch, { learningRate: LEARNING_RATE });
    await withExecutors(trainable(runtime), async (compile) => {
      const executor = await compile(spec, { weights, optimizer: CONFORMANCE_OPTIMIZER, seed });
      const before = await executor.getOptimizerState();
      check(
        before.size === 0,
        `getOptimizerState() before the first step holds ${before.size} buffers; it must be empty`,
      );
      const result = await executor.trainStep(batch, { learningRate: LEARNING_RATE });
      assertClose('StepResult.loss', [result.loss], [expected.loss], tolerance);
      check(
        result.examples === batch.size,
        `StepResult.examples is ${result.examples}, expected ${batch.size}`,
      );
      assertCorrectCount(result.correct, logits, batch.labels, 1e-3);
      assertMapsClose(
        'weights and running statistics after one step',
        await executor.getWeights(),
        reference.weights,
        tolerance,
      );
      assertMapsClose(
        'momentum buffers after one step',
        await executor.getOptimizerState(),
        reference.momentumBuffers,
        tolerance,
      );
    });
  },
};

import { ReferenceModel } from '@wrn/runtime-reference';
import { assertClose, assertMapsClose } from '../compare.js';
import { trainable, withExecutors } from '../executor-scope.js';
import { conformanceBatch, conformanceWeights, withoutDropout } from '../fixtures.js';
import type { ConformanceCase } from '../types.js';

/**
 * Case 3: training-mode logits (batch statistics, dropout off) match the reference, and the call updates no state
 * (the running statistics are unchanged afterwards, bit for bit).
 *
 * @example
 * await trainingForwardCase.run(context);
 */
export const trainingForwardCase: ConformanceCase = {
  id: 'training-forward',
  title: 'training-mode forward (batch statistics, dropout off) vs the reference; no state change',
  entries: 'all',
  skipReason: (capabilities) =>
    capabilities.supportsTraining ? undefined : 'cannot train (supportsTraining is false)',
  async run({ runtime, entry, tolerance, seed }) {
    const spec = withoutDropout(entry.spec);
    const { batchSize } = entry;
    const weights = conformanceWeights(spec, seed);
    const { images } = conformanceBatch(spec, batchSize, seed);
    const expected = new ReferenceModel(spec, weights).forward(images, batchSize, { training: true });
    await withExecutors(trainable(runtime), async (compile) => {
      const executor = await compile(spec, { weights, seed });
      assertClose(
        'training-mode logits',
        await executor.forward(images, batchSize, { training: true }),
        expected.data,
        tolerance,
      );
      assertMapsClose(
        'weights after a training-mode forward (must be unchanged)',
        await executor.getWeights(),
        weights,
        { atol: 0, rtol: 0 },
      );
    });
  },
};

import { ReferenceModel } from '@wrn/runtime-reference';
import { assertClose } from '../compare.js';
import { withExecutors } from '../executor-scope.js';
import { conformanceBatch, conformanceWeights } from '../fixtures.js';
import type { ConformanceCase } from '../types.js';

/**
 * Case 2: eval-mode logits (running statistics, dropout off) match the reference, twice in a row.
 *
 * @example
 * await evalForwardCase.run(context);
 */
export const evalForwardCase: ConformanceCase = {
  id: 'eval-forward',
  title: 'eval-mode forward (running statistics, no dropout) vs the reference',
  entries: 'all',
  skipReason: () => undefined,
  async run({ runtime, entry, tolerance, seed }) {
    const { spec, batchSize } = entry;
    const weights = conformanceWeights(spec, seed);
    const { images } = conformanceBatch(spec, batchSize, seed);
    const expected = new ReferenceModel(spec, weights).forward(images, batchSize, { training: false });
    await withExecutors(runtime, async (compile) => {
      const executor = await compile(spec, { weights, seed });
      assertClose('eval-mode logits', await executor.forward(images, batchSize), expected.data, tolerance);
      assertClose(
        'eval-mode logits, second call',
        await executor.forward(images, batchSize),
        expected.data,
        tolerance,
      );
    });
  },
};

import { ReferenceModel } from '@wrn/runtime-reference';
import { assertClose, assertMapsClose } from '../compare.js';
import { trainable, withExecutors } from '../executor-scope.js';
import { conformanceBatch, conformanceWeights, withoutDropout } from '../fixtures.js';
import type { ConformanceCase } from '../types.js';

/**
 * Case 4: `gradients(batch)` gives the reference's mean loss and the gradient of every trainable parameter
 * (training mode, dropout off, no weight decay), in graph order, and updates no state.
 *
 * @example
 * await gradientsCase.run(context);
 */
export const gradientsCase: ConformanceCase = {
  id: 'gradients',
  title: 'loss and gradients of every trainable parameter vs the reference',
  entries: 'all',
  skipReason: (capabilities) =>
    capabilities.supportsTraining ? undefined : 'cannot train (supportsTraining is false)',
  async run({ runtime, entry, tolerance, seed }) {
    const spec = withoutDropout(entry.spec);
    const weights = conformanceWeights(spec, seed);
    const batch = conformanceBatch(spec, entry.batchSize, seed);
    const expected = new ReferenceModel(spec, weights).gradients(batch);
    await withExecutors(trainable(runtime), async (compile) => {
      const executor = await compile(spec, { weights, seed });
      const { loss, gradients } = await executor.gradients(batch);
      assertClose('loss', [loss], [expected.loss], tolerance);
      assertMapsClose('gradients', gradients, expected.gradients, tolerance);
      assertMapsClose('weights after gradients() (must be unchanged)', await executor.getWeights(), weights, {
        atol: 0,
        rtol: 0,
      });
    });
  },
};

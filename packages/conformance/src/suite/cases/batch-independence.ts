import { assertClose } from '../compare.js';
import { withExecutors } from '../executor-scope.js';
import { conformanceBatch, conformanceWeights } from '../fixtures.js';
import type { ConformanceCase } from '../types.js';

/** Three images whatever the entry's batch, so each image has neighbours. */
const BATCH = 3;

/**
 * Case 8, second half: eval-mode logits of an image do not depend on the other images in its batch (no batch
 * statistics leak into eval mode, no cross-example indexing): each image alone gives its row of the batch's logits.
 *
 * @example
 * await batchIndependenceCase.run(context);
 */
export const batchIndependenceCase: ConformanceCase = {
  id: 'batch-independence',
  title: 'eval logits of an image alone equal its row in a batch of 3',
  entries: 'all',
  skipReason: () => undefined,
  async run({ runtime, entry, tolerance, seed }) {
    const { spec } = entry;
    const weights = conformanceWeights(spec, seed);
    const batch = conformanceBatch(spec, BATCH, seed);
    const perImage = batch.images.length / BATCH;
    await withExecutors(runtime, async (compile) => {
      const executor = await compile(spec, { weights, seed });
      const together = await executor.forward(batch.images, BATCH);
      const classes = together.length / BATCH;
      for (let n = 0; n < BATCH; n++) {
        const alone = await executor.forward(batch.images.slice(n * perImage, (n + 1) * perImage), 1);
        const row = together.subarray(n * classes, (n + 1) * classes);
        assertClose(`eval logits of image ${n} alone vs in a batch of ${BATCH}`, alone, row, tolerance);
      }
    });
  },
};

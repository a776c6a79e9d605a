import { wrn } from '@wrn/spec';
import { ReferenceModel } from '@wrn/runtime-reference';
import { assertClose, check } from '../compare.js';
import { trainable, withExecutors } from '../executor-scope.js';
import { CONFORMANCE_OPTIMIZER, conformanceWeights } from '../fixtures.js';
import { naturalImageBatch } from '../natural-images.js';
import type { ConformanceCase, SpecEntry } from '../types.js';
import { assertUpdatesClose } from '../update-error.js';

/** CIFAR's size and a real mini-batch: convolution gradients sum 64 * 32 * 32 = 65536 products per weight. */
const BATCH_SIZE = 64;
/** The bound: a step within 1e-4 of the reference's step, relative to the largest reference step. */
const UPDATE_LIMIT = 1e-4;
/** The paper's initial rate. */
const LEARNING_RATE = 0.1;
/**
 * The paper's weight decay 5e-4, not the suite's 0.05: at 0.05 the exact decay term would dominate the step of large
 * weights and hide a gradient error under it; `train-step` already checks the decay term.
 */
const OPTIMIZER = { ...CONFORMANCE_OPTIMIZER, weightDecay: 5e-4 };

/** WRN-10-1 (16, 32 and 64 channels in its three groups) at 32x32 without dropout. */
const REAL_SIZE_ENTRY: SpecEntry = {
  name: `WRN-10-1 paper B(3,3) 32x32 batch ${BATCH_SIZE} natural images`,
  spec: wrn({ depth: 10, widenFactor: 1, inputSize: 32, dropout: 0 }), // accumulation error alone (dropout-step: masks)
  batchSize: BATCH_SIZE,
};

/**
 * Case 5c: one training step at real size (CIFAR's 32x32, batch 64, natural-image statistics), each tensor's update
 * within 1e-4 of the reference's update relative to its largest element (`assertUpdatesClose`), and the loss. The
 * small matrix entries sum a few hundred products per gradient; float32 accumulation error grows with the sum's
 * length and shows only here. It runs on its own entry at every level (about 7 s of float64 reference).
 *
 * @example
 * await realSizeStepCase.run(context);
 */
export const realSizeStepCase: ConformanceCase = {
  id: 'real-size-step',
  title: 'one step at 32x32, batch 64, natural images: every update within 1e-4 of the reference update',
  entries: { own: REAL_SIZE_ENTRY },
  skipReason: (capabilities) =>
    capabilities.supportsTraining ? undefined : 'cannot train (supportsTraining is false)',
  async run({ runtime, entry, tolerance, seed }) {
    const weights = conformanceWeights(entry.spec, seed);
    const batch = naturalImageBatch(entry.spec, entry.batchSize, seed);
    const reference = new ReferenceModel(entry.spec, weights, { optimizer: OPTIMIZER });
    const expected = reference.trainStep(batch, { learningRate: LEARNING_RATE });
    await withExecutors(trainable(runtime), async (compile) => {
      const executor = await compile(entry.spec, { weights, optimizer: OPTIMIZER, seed });
      const result = await executor.trainStep(batch, { learningRate: LEARNING_RATE });
      assertClose('StepResult.loss', [result.loss], [expected.loss], tolerance);
      check(
        result.examples === batch.size,
        `StepResult.examples is ${result.examples}, expected ${batch.size}`,
      );
      assertUpdatesClose(
        'weights and running statistics after one real-size step',
        await executor.getWeights(),
        weights,
        reference.weights,
        UPDATE_LIMIT,
      );
    });
  },
};

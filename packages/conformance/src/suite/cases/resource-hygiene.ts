import { check } from '../compare.js';
import { asTrainable, withExecutors } from '../executor-scope.js';
import { CONFORMANCE_OPTIMIZER, conformanceBatch, conformanceWeights } from '../fixtures.js';
import type { ConformanceCase } from '../types.js';

/** Steps before the first reading: optimizer buffers and caches are allocated on the first step or two. */
const WARM_UP_STEPS = 2;
/** The count: no growth across 20 steps. */
const STEPS = 20;

/**
 * Case 9: live tensors and bytes do not grow across 20 steps (training steps plus weight reads where the runtime
 * trains, eval forwards and weight reads where it does not). Skipped where the runtime cannot report memory.
 *
 * @example
 * await resourceHygieneCase.run(context);
 */
export const resourceHygieneCase: ConformanceCase = {
  id: 'resource-hygiene',
  title: 'no growth of live tensors or bytes across 20 steps',
  entries: 'first',
  skipReason: (capabilities) =>
    capabilities.reportsMemory ? undefined : 'reports no memory (reportsMemory is false)',
  async run({ runtime, entry, seed }) {
    const { spec, batchSize } = entry;
    const batch = conformanceBatch(spec, Math.max(batchSize, 2), seed);
    await withExecutors(runtime, async (compile) => {
      const executor = await compile(spec, {
        weights: conformanceWeights(spec, seed),
        optimizer: CONFORMANCE_OPTIMIZER,
        seed,
      });
      const step = async () => {
        if (runtime.capabilities.supportsTraining) {
          await asTrainable(executor).trainStep(batch, { learningRate: 0.01 });
          await executor.getWeights();
          await asTrainable(executor).getOptimizerState();
        } else {
          await executor.forward(batch.images, batch.size);
          await executor.getWeights();
        }
      };
      for (let index = 0; index < WARM_UP_STEPS; index++) await step();
      const memory = executor.memory?.bind(executor);
      check(memory !== undefined, 'the executor has no memory() although capabilities.reportsMemory is true');
      const before = memory();
      for (let index = 0; index < STEPS; index++) await step();
      const after = memory();
      check(
        after.tensors <= before.tensors && after.bytes <= before.bytes,
        `live memory grew across ${STEPS} steps: ${before.tensors} -> ${after.tensors} tensors, ${before.bytes} -> ${after.bytes} bytes`,
      );
    });
  },
};

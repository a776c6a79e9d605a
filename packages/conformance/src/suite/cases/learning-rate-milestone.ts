import { isLearningRateDrop, learningRateAt, paperRecipe, type SgdSpec } from '@wrn/spec';
import { ReferenceModel } from '@wrn/runtime-reference';
import { assertMapsClose, check } from '../compare.js';
import { trainable, withExecutors } from '../executor-scope.js';
import {
  CONFORMANCE_OPTIMIZER,
  conformanceBatch,
  conformanceWeights,
  multiStepFixture,
} from '../fixtures.js';
import type { CaseContext, ConformanceCase } from '../types.js';
import { wellConditioned } from '../well-conditioned.js';

/** Four one-step "epochs" with the rate dropping by 5 at epoch 2: two steps before the milestone, two after. */
const SCHEDULE = { type: 'multi-step' as const, milestones: [2], gamma: 0.2 };
const EPOCHS = 4;

async function runScenario(
  { runtime, entry, tolerance, seed }: CaseContext,
  optimizer: SgdSpec,
  resetMomentum: boolean,
): Promise<void> {
  const { spec, batchSize } = multiStepFixture(entry.spec);
  const recipe = paperRecipe({ optimizer, schedule: { ...SCHEDULE, resetMomentum } });
  const label = `${optimizer.nesterov ? 'Nesterov' : 'plain momentum'}, ${resetMomentum ? 'with' : 'without'} momentum reset`;
  const fixture = wellConditioned(seed, (candidate) => {
    const steps = Array.from({ length: EPOCHS }, (_, epoch) => ({
      batch: conformanceBatch(spec, batchSize, candidate + epoch), // the entry's network, not its batch or input
      learningRate: learningRateAt(recipe, epoch),
      reset: resetMomentum && isLearningRateDrop(recipe, epoch),
    }));
    const weights = conformanceWeights(spec, candidate);
    const reference = new ReferenceModel(spec, weights, { optimizer });
    for (const step of steps) {
      if (step.reset) reference.resetMomentum();
      reference.trainStep(step.batch, { learningRate: step.learningRate });
    }
    return { steps, weights, reference };
  });
  const { steps, weights, reference } = fixture;
  await withExecutors(trainable(runtime), async (compile) => {
    const executor = await compile(spec, { weights, optimizer, seed: fixture.seed });
    for (const step of steps) {
      if (step.reset) {
        executor.resetMomentum();
        const state = await executor.getOptimizerState();
        check(
          state.size === 0,
          `${label}: getOptimizerState() after resetMomentum() holds ${state.size} buffers; it must be empty`,
        );
      }
      await executor.trainStep(step.batch, { learningRate: step.learningRate });
    }
    assertMapsClose(
      `${label}: weights after ${EPOCHS} steps`,
      await executor.getWeights(),
      reference.weights,
      tolerance,
    );
    assertMapsClose(
      `${label}: momentum buffers after ${EPOCHS} steps`,
      await executor.getOptimizerState(),
      reference.momentumBuffers,
      tolerance,
    );
  });
}

/**
 * Case 6: several steps across a learning-rate milestone, Nesterov without a momentum reset and plain momentum with
 * one (the authors' Lua behaviour), compared with the reference after the last step. Batches of 8 on 8x8 inputs from a base
 * rate of 0.01 (`multiStepFixture`), on the first seed whose reference run keeps every ReLU input off zero
 * (`wellConditioned`): well-conditioned on every network of the matrix.
 *
 * @example
 * await learningRateMilestoneCase.run(context);
 */
export const learningRateMilestoneCase: ConformanceCase = {
  id: 'learning-rate-milestone',
  title: 'steps across a learning-rate milestone, with and without momentum reset, vs the reference',
  entries: 'all',
  skipReason: (capabilities) =>
    capabilities.supportsTraining ? undefined : 'cannot train (supportsTraining is false)',
  async run(context) {
    const optimizer = {
      ...CONFORMANCE_OPTIMIZER,
      learningRate: multiStepFixture(context.entry.spec).learningRate,
    };
    await runScenario(context, optimizer, false);
    await runScenario(context, { ...optimizer, nesterov: false }, true);
  },
};

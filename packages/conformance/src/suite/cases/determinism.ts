import { expandGraph } from '@wrn/spec';
import { assertClose, assertMapsClose, check, isClose } from '../compare.js';
import { asTrainable, withExecutors } from '../executor-scope.js';
import { CONFORMANCE_OPTIMIZER, conformanceBatch, conformanceWeights } from '../fixtures.js';
import type { ConformanceCase } from '../types.js';

/** The paper's dropout, so that the dropout generator matters. */
const DROPOUT = 0.3;
/** Three images whatever the entry's batch: enough for batch statistics and dropout to matter. */
const BATCH = 3;

/**
 * Case 8: the same seed gives the same initial weights, training-mode outputs (dropout on) and step results; a
 * different compile seed, or the next training pass, gives different dropout masks; a `dropoutSeed` makes a step
 * independent of the compile seed and of the passes before it. (`dropout-step` compares the masks themselves with
 * the reference's.) Where the runtime cannot train, only the initial weights are compared. (Case 8's other half, eval logits independent of the batch, is `batch-independence`, which needs no
 * training-mode forward.)
 *
 * @example
 * await determinismCase.run(context);
 */
export const determinismCase: ConformanceCase = {
  id: 'determinism',
  title: 'same seed, same initial weights, dropout masks and step results; another seed, other masks',
  entries: 'all',
  skipReason: () => undefined,
  async run({ runtime, entry, tolerance, seed }) {
    const spec = { ...entry.spec, dropout: DROPOUT };
    const weights = conformanceWeights(spec, seed);
    const batch = conformanceBatch(spec, BATCH, seed);
    await withExecutors(runtime, async (compile) => {
      const [first, second] = [await compile(spec, { seed }), await compile(spec, { seed })];
      assertMapsClose(
        'initial weights of two executors compiled with the same seed',
        await first.getWeights(),
        await second.getWeights(),
        { atol: 0, rtol: 0 },
      );

      if (!runtime.capabilities.supportsTraining) return; // dropout masks and steps need a trainable executor
      const compileTrainable = async (compileSeed: number) =>
        asTrainable(await compile(spec, { weights, optimizer: CONFORMANCE_OPTIMIZER, seed: compileSeed }));
      const left = await compileTrainable(seed);
      const right = await compileTrainable(seed);
      const leftLogits = await left.forward(batch.images, BATCH, { training: true });
      assertClose(
        'training-mode logits (dropout on), same seed',
        await right.forward(batch.images, BATCH, { training: true }),
        leftLogits,
        tolerance,
      );
      const other = await compileTrainable(seed + 1);
      const otherLogits = await other.forward(batch.images, BATCH, { training: true });
      const hasDropout = expandGraph(spec).nodes.some((node) => node.op === 'dropout'); // paper B(3) has none
      check(
        !hasDropout || !isClose(otherLogits, leftLogits, tolerance),
        `training-mode logits with dropout ${DROPOUT} are the same for compile seeds ${seed} and ${seed + 1}: dropout ignores the seed or is not applied`,
      );
      // Each training pass has its own step seed (passDropoutSeed(seed, pass)); `other` then steps with a dropoutSeed.
      check(
        !hasDropout ||
          !isClose(await other.forward(batch.images, BATCH, { training: true }), otherLogits, tolerance),
        `two training-mode forwards of one executor give the same logits with dropout ${DROPOUT}: each training pass must draw other masks`,
      );

      const results = [
        await left.trainStep(batch, { learningRate: 0.1 }),
        await right.trainStep(batch, { learningRate: 0.1 }),
      ];
      assertClose('step loss, same seed', [results[1]!.loss], [results[0]!.loss], tolerance);
      assertMapsClose(
        'weights after a step, same seed',
        await right.getWeights(),
        await left.getWeights(),
        tolerance,
      );
      const seeded = [await compileTrainable(seed + 2), other];
      for (const executor of seeded)
        await executor.trainStep(batch, { learningRate: 0.1, dropoutSeed: seed + 3 });
      assertMapsClose(
        'weights after a step with the same dropoutSeed, different compile seeds',
        await seeded[0]!.getWeights(),
        await seeded[1]!.getWeights(),
        tolerance,
      );
    });
  },
};

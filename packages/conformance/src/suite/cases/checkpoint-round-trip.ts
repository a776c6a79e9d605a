import { decodeCheckpoint, encodeCheckpoint, type DecodedCheckpoint } from '@wrn/checkpoint';
import type { Runtime } from '@wrn/core';
import { specToJson, type ModelSpec, type WeightMap } from '@wrn/spec';
import { ReferenceModel, toFloat64 } from '@wrn/runtime-reference';
import { assertClose, assertMapsClose, check } from '../compare.js';
import { asTrainable, withExecutors } from '../executor-scope.js';
import { CONFORMANCE_OPTIMIZER, conformanceBatch, conformanceWeights, withoutDropout } from '../fixtures.js';
import { defaultTolerance, looserTolerance } from '../options.js';
import type { ConformanceCase, Tolerance } from '../types.js';

/** The paper's initial rate, for the steps before and after the round trip. */
const LEARNING_RATE = 0.1;

function referenceFrom(spec: ModelSpec, weights: WeightMap, optimizerState: WeightMap): ReferenceModel {
  const reference = new ReferenceModel(spec, weights, { optimizer: CONFORMANCE_OPTIMIZER });
  reference.momentumBuffers = toFloat64(optimizerState);
  return reference;
}

/** Loads the decoded checkpoint into each peer runtime and compares its eval logits with the reference's. */
async function checkPeers(
  peers: Runtime[],
  decoded: DecodedCheckpoint,
  images: Float32Array,
  size: number,
  expected: ArrayLike<number>,
  tolerance: Tolerance,
): Promise<void> {
  for (const peer of peers) {
    // The looser of the two runtimes' tolerances: the peer is a reader here, not the runtime under test.
    const loose = looserTolerance(tolerance, defaultTolerance(peer.capabilities.precision));
    const executor = await peer.compile(decoded.spec, { weights: decoded.weights });
    try {
      const label = `eval logits of ${peer.name}/${peer.backend} loaded from the file`;
      assertClose(label, await executor.forward(images, size), expected, loose);
    } finally {
      executor.dispose();
    }
  }
}

/**
 * Case 7: weights (and, where the runtime trains, momentum buffers after one step) go out of the runtime, through a
 * safetensors checkpoint file, into a fresh executor of the same runtime and into the reference: all three give the
 * same eval logits, and (trainable runtimes) the same weights after one more step. `peers` load the file too.
 *
 * @example
 * await checkpointRoundTripCase.run(context);
 */
export const checkpointRoundTripCase: ConformanceCase = {
  id: 'checkpoint-round-trip',
  title: 'weights out of the runtime, through a safetensors file, into a fresh executor and the reference',
  entries: 'all',
  skipReason: () => undefined,
  async run({ runtime, entry, tolerance, seed, peers = [] }) {
    const spec = withoutDropout(entry.spec);
    const trains = runtime.capabilities.supportsTraining;
    const { images } = conformanceBatch(spec, entry.batchSize, seed);
    await withExecutors(runtime, async (compile) => {
      const source = await compile(spec, {
        weights: conformanceWeights(spec, seed),
        optimizer: CONFORMANCE_OPTIMIZER,
        seed,
      });
      if (trains)
        await asTrainable(source).trainStep(conformanceBatch(spec, entry.batchSize, seed + 1), {
          learningRate: LEARNING_RATE,
        });
      const optimizerState = trains ? await asTrainable(source).getOptimizerState() : new Map();
      const saved = { weights: await source.getWeights(), optimizerState };
      const decoded = decodeCheckpoint(encodeCheckpoint({ spec, ...saved }));
      check(
        specToJson(decoded.spec) === specToJson(spec),
        'the spec read back from the checkpoint differs from the one saved',
      );
      assertMapsClose('weights read back from the checkpoint', decoded.weights, saved.weights, {
        atol: 0,
        rtol: 0,
      });

      const target = await compile(decoded.spec, {
        weights: decoded.weights,
        optimizer: CONFORMANCE_OPTIMIZER,
        seed,
      });
      if (trains) await asTrainable(target).setOptimizerState(decoded.optimizerState);
      const reference = referenceFrom(decoded.spec, decoded.weights, decoded.optimizerState);
      const expected = reference.forward(images, entry.batchSize).data;
      // The file holds float32: a float64 source executor differs from its own file by that rounding.
      const sourceTolerance =
        runtime.capabilities.precision === 'float64'
          ? looserTolerance(tolerance, defaultTolerance('float32'))
          : tolerance;
      assertClose(
        'eval logits of the executor the weights came from',
        await source.forward(images, entry.batchSize),
        expected,
        sourceTolerance,
      );
      assertClose(
        'eval logits of a fresh executor loaded from the file',
        await target.forward(images, entry.batchSize),
        expected,
        tolerance,
      );
      await checkPeers(peers, decoded, images, entry.batchSize, expected, tolerance);
      if (!trains) return;

      const batch = conformanceBatch(spec, entry.batchSize, seed + 2);
      reference.trainStep(batch, { learningRate: LEARNING_RATE });
      await asTrainable(source).trainStep(batch, { learningRate: LEARNING_RATE });
      await asTrainable(target).trainStep(batch, { learningRate: LEARNING_RATE });
      assertMapsClose(
        'weights one step after the round trip (fresh executor)',
        await target.getWeights(),
        reference.weights,
        tolerance,
      );
      assertMapsClose(
        'weights one step after the round trip (source executor)',
        await source.getWeights(),
        reference.weights,
        sourceTolerance,
      );
    });
  },
};

import { InferenceSession, Tensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { exportOnnx } from '../src/index.js';
import { createOnnxRuntime } from '../src/node.js';
import { loadGoldenFixtures, maxRelativeError } from './golden-fixture.js';

/**
 * float32 ONNX Runtime vs float32 PyTorch on the same weights: both sum the same products in different orders,
 * so they differ by rounding only (~1e-6 here); 1e-4 relative to (1 + |logit|) leaves margin and still catches
 * any wrong op, layout, epsilon or missing layer (those move logits by > 1e-2).
 */
const TOLERANCE = 1e-4;

describe('exported models reproduce PyTorch logits (golden fixtures)', () => {
  const fixtures = loadGoldenFixtures();

  it('has the fixtures of every variant', () => {
    expect(new Set(fixtures.map((fixture) => fixture.spec.variant))).toEqual(
      new Set(['paper', 'seed-pytorch', 'seed-keras']),
    );
  });

  for (const fixture of fixtures) {
    for (const foldBatchNorm of [false, true]) {
      it(`${fixture.name}, foldBatchNorm: ${foldBatchNorm}`, async () => {
        const session = await InferenceSession.create(
          exportOnnx(fixture.spec, fixture.weights, { foldBatchNorm }),
        );
        const { channels, height, width } = fixture.spec.input;
        const input = new Tensor('float32', fixture.images, [fixture.batch, channels, height, width]);
        const { logits } = await session.run({ input });
        expect(logits?.dims).toEqual([fixture.batch, fixture.spec.numClasses]);
        expect(maxRelativeError(logits!.data as Float32Array, fixture.logits)).toBeLessThan(TOLERANCE);
        await session.release();
      });
    }
  }

  it('the runtime executor gives the same logits', async () => {
    const runtime = await createOnnxRuntime();
    for (const fixture of fixtures) {
      const executor = await runtime.compile(fixture.spec, { weights: fixture.weights });
      const logits = await executor.forward(fixture.images, fixture.batch);
      expect(maxRelativeError(logits, fixture.logits)).toBeLessThan(TOLERANCE);
      executor.dispose();
    }
  });
});

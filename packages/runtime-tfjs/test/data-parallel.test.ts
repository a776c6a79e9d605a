import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { wrn, type WeightMap } from '@wrn/spec';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTfjsRuntime } from '../src/index.js';

const spec = wrn({ depth: 10, widenFactor: 1, inputSize: 8, dropout: 0.3 });
const size = 6;
const images = new Float32Array(size * 3 * 8 * 8).map((_, i) => Math.sin(i * 0.37));
const labels = new Int32Array([1, 3, 5, 7, 9, 0]);
const batch = { images, labels, size };

function maxDifference(a: WeightMap, b: WeightMap): number {
  let worst = 0;
  for (const [name, tensor] of a) {
    const other = b.get(name)!.data;
    tensor.data.forEach((value, i) => (worst = Math.max(worst, Math.abs(value - other[i]!))));
  }
  return worst;
}

describe('data-parallel wasm training (worker threads)', () => {
  let workerUrl: URL;
  beforeAll(() => {
    // Workers run a script, not TypeScript: bundle this source's worker entry (esbuild, well under a second) next
    // to node_modules so its imports resolve, rather than trusting a possibly stale dist/.
    const packageRoot = fileURLToPath(new URL('..', import.meta.url));
    const outDir = 'node_modules/.cache/test-worker';
    const tsup = createRequire(import.meta.url).resolve('tsup/dist/cli-default.js');
    const args = [
      tsup,
      'src/data-parallel/replica-worker.ts',
      '--no-config',
      '--format',
      'esm',
      '--out-dir',
      outDir,
      '--silent',
    ];
    execFileSync(process.execPath, args, { cwd: packageRoot, stdio: 'ignore' });
    workerUrl = pathToFileURL(`${packageRoot}/${outDir}/replica-worker.js`);
    expect(existsSync(workerUrl)).toBe(true);
  });

  it('equals single-thread micro-batched steps (same dropout seeds, BatchNorm statistics in order)', async () => {
    const parallel = await (
      await createTfjsRuntime({ backend: 'wasm', threads: 2, workerUrl })
    ).compile(spec, { seed: 4 });
    const single = await (await createTfjsRuntime({ backend: 'wasm' })).compile(spec, { seed: 4 });
    try {
      for (let step = 0; step < 3; step++) {
        const a = await parallel.trainStep(batch, { learningRate: 0.1, dropoutSeed: 100 + step });
        const b = await single.trainStep(batch, {
          learningRate: 0.1,
          dropoutSeed: 100 + step,
          microBatchSize: 3,
        });
        expect(a.correct).toBe(b.correct);
        expect(Math.abs(a.loss - b.loss)).toBeLessThan(1e-5);
      }
      expect(maxDifference(await parallel.getWeights(), await single.getWeights())).toBeLessThan(1e-5);
      // Eval-mode logits are split over the replicas: the same numbers as one replica's.
      const split = await parallel.forward(images, size);
      const whole = await single.forward(images, size);
      expect(split.length).toBe(whole.length);
      split.forEach((value, i) => expect(Math.abs(value - whole[i]!)).toBeLessThan(1e-5));
      expect(
        maxDifference(await parallel.getOptimizerState(), await single.getOptimizerState()),
      ).toBeLessThan(1e-5);
      // The worker replica got the same update: after a reset to the same weights both sides agree again.
      await parallel.setWeights(await single.getWeights());
      const c = await parallel.trainStep(batch, { learningRate: 0.05, dropoutSeed: 7, microBatchSize: 2 });
      const d = await single.trainStep(batch, { learningRate: 0.05, dropoutSeed: 7, microBatchSize: 2 });
      expect(Math.abs(c.loss - d.loss)).toBeLessThan(1e-5);
    } finally {
      parallel.dispose();
      single.dispose();
    }
  });

  it('applies threads when auto picks wasm (no native TensorFlow here)', async () => {
    const runtime = await createTfjsRuntime({ backend: 'auto', threads: 2, workerUrl });
    expect(runtime.backend).toBe('wasm');
    const executor = await runtime.compile(spec, { seed: 4 });
    try {
      expect(executor.constructor.name).toBe('DataParallelExecutor');
    } finally {
      executor.dispose();
    }
  });

  it('accepts threads only for wasm', async () => {
    await expect(createTfjsRuntime({ backend: 'cpu', threads: 2 })).rejects.toThrow(
      /threads: 2 needs backend 'wasm'/,
    );
    await expect(createTfjsRuntime({ backend: 'wasm', threads: 0 })).rejects.toThrow(
      /threads must be an integer >= 1/,
    );
  });
});

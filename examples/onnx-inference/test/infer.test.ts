// Runs the example on a freshly initialised checkpoint and synthetic PNGs, and checks its probabilities against
// the float64 reference (an independent implementation of the same network).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { saveCheckpoint } from '@wrn/checkpoint/node';
import { createReferenceRuntime } from '@wrn/runtime-reference';
import { generateSyntheticDataset } from '@wrn/data';
import { initWeights, wrn } from '@wrn/spec';
import { PNG } from 'pngjs';
import { expect, it } from 'vitest';

it('infer.mjs exports to ONNX and classifies PNG files like the reference', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wrn-onnx-example-'));
  const classNames = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
  const spec = wrn({ depth: 10, widenFactor: 1, classNames });
  const weights = initWeights(spec, 5);
  await saveCheckpoint(join(dir, 'model.safetensors'), { spec, weights });
  const images = generateSyntheticDataset({ classes: 2, perClass: 1, seed: 3 });
  const files = [0, 1].map((index) => {
    const png = new PNG({ width: 32, height: 32 });
    for (let p = 0; p < 1024; p++) {
      for (let c = 0; c < 3; c++) png.data[p * 4 + c] = images.images[index * 3072 + c * 1024 + p]!;
      png.data[p * 4 + 3] = 255;
    }
    const file = join(dir, `image-${index}.png`);
    writeFileSync(file, PNG.sync.write(png));
    return file;
  });
  const run = spawnSync(process.execPath, ['infer.mjs', join(dir, 'model.safetensors'), ...files], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  const lines = run.stdout.trim().split('\n');
  expect(lines).toHaveLength(2);

  // The reference's top class and probability for image 0.
  const input = new Float32Array(3072);
  for (let i = 0; i < 3072; i++) {
    const channel = Math.floor(i / 1024);
    input[i] = (images.images[i]! / 255 - spec.input.mean[channel]!) / spec.input.std[channel]!;
  }
  const executor = await createReferenceRuntime().compile(spec, { weights });
  const logits = Array.from(await executor.forward(input, 1));
  const max = Math.max(...logits);
  const sum = logits.reduce((total, value) => total + Math.exp(value - max), 0);
  const best = logits.indexOf(max);
  expect(lines[0]).toMatch(
    new RegExp(`^image-0\\.png: ${classNames[best]} ${((1 / sum) * 100).toFixed(1)}%`),
  );
});

// Writes exported ONNX files for every variant, with and without BN folding, and a few block types, plus the
// logits onnxruntime-node computes for a fixed batch, for scripts/python/check_onnx.py (onnx.checker, full_check).
// Usage (after building): node packages/runtime-onnx/scripts/write-check-models.mjs [folder]  (default: a temp dir)
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initWeights, wrn } from '@wrn/spec';
import { exportOnnx } from '@wrn/runtime-onnx';
import ort from 'onnxruntime-node';

const folder = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'wrn-onnx-check-'));
const specs = [
  ['paper-wrn-10-1', wrn({ depth: 10, widenFactor: 1 })],
  ['paper-wrn-10-2', wrn({ depth: 10, widenFactor: 2 })],
  ['seed-pytorch-wrn-10-2', wrn({ depth: 10, widenFactor: 2, variant: 'seed-pytorch' })],
  ['seed-keras-wrn-10-2', wrn({ depth: 10, widenFactor: 2, variant: 'seed-keras' })],
  ['paper-wrn-13-1-b313', wrn({ depth: 13, widenFactor: 1, blockType: 'B(3,1,3)' })],
  [
    'seed-keras-wrn-13-1-b131',
    wrn({ depth: 13, widenFactor: 1, blockType: 'B(1,3,1)', variant: 'seed-keras' }),
  ],
  [
    'seed-pytorch-wrn-10-1-b13',
    wrn({ depth: 10, widenFactor: 1, blockType: 'B(1,3)', variant: 'seed-pytorch' }),
  ],
  ['paper-wrn-10-1-b3-cifar100', wrn({ depth: 10, widenFactor: 1, blockType: 'B(3)', numClasses: 100 })],
  [
    'paper-wrn-16-4',
    wrn({
      depth: 16,
      widenFactor: 4,
      classNames: 'airplane automobile bird cat deer dog frog horse ship truck'.split(' '),
    }),
  ],
];
const atomicWrite = (path, data) => {
  writeFileSync(`${path}.tmp`, data);
  renameSync(`${path}.tmp`, path);
};
const batch = 2;
const images = new Float32Array(batch * 3 * 32 * 32).map((_, i) => Math.sin(i * 0.61) * 1.5);
for (const [name, spec] of specs) {
  const weights = initWeights(spec, 1);
  for (const foldBatchNorm of [false, true]) {
    const file = `${name}${foldBatchNorm ? '-folded' : ''}`;
    const bytes = exportOnnx(spec, weights, { foldBatchNorm, probabilities: foldBatchNorm });
    atomicWrite(join(folder, `${file}.onnx`), bytes);
    const session = await ort.InferenceSession.create(bytes);
    const { logits } = await session.run({ input: new ort.Tensor('float32', images, [batch, 3, 32, 32]) });
    await session.release();
    atomicWrite(
      join(folder, `${file}.json`),
      JSON.stringify({ batch, images: Array.from(images), logits: Array.from(logits.data) }),
    );
  }
}
console.log(folder);

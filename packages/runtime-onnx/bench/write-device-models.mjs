// Writes the files bench/bench_device.py needs to a folder (default .devbench at the repo root): WRN-16-4 and
// WRN-28-10 exported with zero conv/dense weights, gzipped (the device script refills them with random values, so
// the 146 MB WRN-28-10 file travels as a few hundred kB), plus scripts/python/wrn_torch.py.
// Usage: node packages/runtime-onnx/bench/write-device-models.mjs [folder]
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { initWeights, parseModelName } from '@wrn/spec';
import { exportOnnx } from '@wrn/runtime-onnx';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const folder = process.argv[2] ?? join(root, '.devbench');
mkdirSync(folder, { recursive: true });
for (const model of ['WRN-16-4', 'WRN-28-10']) {
  const spec = parseModelName(model);
  const weights = initWeights(spec, 0);
  for (const [name, tensor] of weights)
    if (tensor.shape.length >= 2)
      weights.set(name, { shape: tensor.shape, data: new Float32Array(tensor.data.length) });
  for (const foldBatchNorm of [false, true]) {
    const file = `${model.toLowerCase()}${foldBatchNorm ? '-folded' : ''}.onnx.gz`;
    writeFileSync(join(folder, file), gzipSync(exportOnnx(spec, weights, { foldBatchNorm })));
  }
}
copyFileSync(join(root, 'scripts/python/wrn_torch.py'), join(folder, 'wrn_torch.py'));
copyFileSync(join(root, 'packages/runtime-onnx/bench/bench_device.py'), join(folder, 'bench_device.py'));
console.log(folder);

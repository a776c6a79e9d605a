#!/usr/bin/env node
// One SGD step of a checkpoint's network on the first images of a CIFAR-10 folder, on one runtime, written out as
// the weights after the step. scripts/python/compare_step_torch.py runs this once per runtime and compares each
// tensor's update with PyTorch's. Needs the built packages (npm run build).
//
// Usage: node scripts/one-step-runtimes.mjs --runtime tfjs/wasm [--threads 2] --init init.safetensors
//          --data ../shared/data/cifar-10-mini --batch 64 [--lr 0.1] --out after.safetensors
import { parseArgs } from 'node:util';
import { loadCheckpoint, saveCheckpoint } from '@wrn/checkpoint/node';
import { makeBatch, readCifar10 } from '@wrn/data/node';
import { paperRecipe } from '@wrn/spec';

const { values } = parseArgs({
  options: {
    runtime: { type: 'string' },
    threads: { type: 'string' },
    init: { type: 'string' },
    data: { type: 'string' },
    batch: { type: 'string', default: '64' }, // the real-size step
    lr: { type: 'string', default: '0.1' }, // the paper's first-epoch rate
    out: { type: 'string' },
  },
});
for (const required of ['runtime', 'init', 'data', 'out']) {
  if (!values[required])
    throw new TypeError(`--${required} is required; see the usage at the top of this file`);
}

/** A runtime by `name[/backend]`, created as the CLI creates it. */
async function createRuntime(target, threads) {
  const [name, backend] = target.split('/');
  if (name === 'reference') return (await import('@wrn/runtime-reference')).createReferenceRuntime();
  if (name === 'tfjs') {
    const { createTfjsRuntime } = await import('@wrn/runtime-tfjs');
    return createTfjsRuntime({ backend: backend ?? 'auto', ...(threads ? { threads } : {}) });
  }
  if (name === 'webgpu') return (await import('@wrn/runtime-webgpu')).createWebGpuRuntime();
  if (name === 'onnx') return (await import('@wrn/runtime-onnx/node')).createOnnxRuntime();
  throw new RangeError(`--runtime must be reference, tfjs/cpu, tfjs/wasm, webgpu or onnx, got '${target}'`);
}

const { spec, weights } = await loadCheckpoint(values.init);
const dataset = await readCifar10(values.data, { files: ['data_batch_1.bin'] });
const batch = makeBatch({
  dataset,
  batchSize: Number(values.batch),
  batchIndex: 0,
  augmentation: null, // the same pixels PyTorch reads
  normalization: spec.input,
  shuffle: false, // the first images of the file, in file order
});
const optimizer = paperRecipe().optimizer; // SGD, Nesterov 0.9, weight decay 5e-4 on every parameter
const runtime = await createRuntime(values.runtime, values.threads ? Number(values.threads) : undefined);
const executor = await runtime.compile(spec, { weights, optimizer, seed: 0 });
try {
  const started = performance.now();
  const result = await executor.trainStep(batch, { learningRate: Number(values.lr) });
  const seconds = (performance.now() - started) / 1000;
  await saveCheckpoint(values.out, { spec, weights: await executor.getWeights() });
  console.log(
    JSON.stringify({ runtime: values.runtime, loss: result.loss, correct: result.correct, seconds }),
  );
} finally {
  executor.dispose();
  await runtime.dispose?.();
}

#!/usr/bin/env node
// Deploy a trained Wide ResNet with ONNX Runtime: export a checkpoint to ONNX (BatchNorm folded), then classify
// PNG/JPEG images with plain onnxruntime-node, reading the class names and normalisation from the model's metadata.
//
//   node infer.mjs CHECKPOINT.safetensors IMAGE.png [IMAGE.jpg ...]
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { loadCheckpoint } from '@wrn/checkpoint/node';
import { decodeImage } from '@wrn/data/node';
import { exportOnnx, readOnnxMetadata } from '@wrn/runtime-onnx';
import * as ort from 'onnxruntime-node';

const [checkpointPath, ...images] = process.argv.slice(2);
if (!checkpointPath || images.length === 0) {
  console.error('usage: node infer.mjs CHECKPOINT.safetensors IMAGE [IMAGE ...]');
  process.exit(2);
}

// 1. Export: the file is self-describing (spec and class names in metadata_props).
const { spec, weights } = await loadCheckpoint(checkpointPath);
const model = exportOnnx(spec, weights, { foldBatchNorm: true, probabilities: true });
const { spec: embedded, classNames } = readOnnxMetadata(model);

// 2. Preprocess exactly as in training: pixels / 255, minus the mean, over the std, NCHW.
const { channels, height, width, mean, std } = embedded.input;
const input = new Float32Array(images.length * channels * height * width);
for (const [index, file] of images.entries()) {
  const { pixels, height: h, width: w } = decodeImage(await readFile(file), file);
  if (h !== height || w !== width)
    throw new Error(`${file} is ${w}x${h}; the model takes ${width}x${height}`);
  for (let i = 0; i < pixels.length; i++) {
    const channel = Math.floor(i / (height * width));
    input[index * pixels.length + i] = (pixels[i] / 255 - mean[channel]) / std[channel];
  }
}

// 3. Run with ONNX Runtime, as any deployment would.
const session = await ort.InferenceSession.create(model, { graphOptimizationLevel: 'all' });
const output = await session.run({
  input: new ort.Tensor('float32', input, [images.length, channels, height, width]),
});
const probabilities = output.probabilities.data;
for (const [index, file] of images.entries()) {
  const row = Array.from(probabilities.subarray(index * spec.numClasses, (index + 1) * spec.numClasses));
  const top = row
    .map((p, c) => [p, c])
    .sort((a, b) => b[0] - a[0])
    .slice(0, 5);
  console.log(
    `${basename(file)}: ${top.map(([p, c]) => `${classNames?.[c] ?? c} ${(p * 100).toFixed(1)}%`).join(', ')}`,
  );
}
await session.release();

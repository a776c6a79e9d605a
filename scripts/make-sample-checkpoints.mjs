#!/usr/bin/env node
// Writes small @wrn checkpoints (every variant, several block types) for scripts/python/check_checkpoint.py:
//   npx turbo run build --filter=@wrn/checkpoint... && node scripts/make-sample-checkpoints.mjs [folder]
// Weights come from initWeights, then BatchNorm parameters/statistics and biases are perturbed so that a mix-up
// of names (weight vs bias, mean vs variance) changes the logits. Prints each file with its float64 weight sum.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveCheckpoint } from '@wrn/checkpoint/node';
import { deriveSeed, formatModelName, initWeights, Random, wrn } from '@wrn/spec';

const folder = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'wrn-sample-checkpoints-'));
mkdirSync(folder, { recursive: true });

const specs = [
  wrn({ depth: 10, widenFactor: 1 }),
  wrn({ depth: 16, widenFactor: 2, numClasses: 100 }),
  wrn({ depth: 13, widenFactor: 1, blockType: 'B(3,1,3)' }),
  wrn({ depth: 22, widenFactor: 2, blockType: 'B(3,1,1)' }),
  wrn({ depth: 16, widenFactor: 1, variant: 'seed-pytorch' }),
  wrn({ depth: 10, widenFactor: 2, variant: 'seed-pytorch', blockType: 'B(1,3)' }),
  wrn({ depth: 16, widenFactor: 2, variant: 'seed-keras' }),
  wrn({ depth: 13, widenFactor: 1, variant: 'seed-keras', blockType: 'B(1,3,1)' }),
];

function perturb(weights, seed) {
  for (const [name, { data }] of weights) {
    const random = new Random(deriveSeed(seed, `perturb:${name}`));
    const kind = name.split('.').at(-1);
    const isBatchNorm = /\.bn\d*\.|\.bn\./.test(name) || name.includes('.bn.');
    for (let i = 0; i < data.length; i++) {
      if (kind === 'running_var') data[i] = 0.5 + random.uniform();
      else if (kind === 'running_mean') data[i] = 0.2 * random.normal();
      else if (kind === 'weight' && isBatchNorm) data[i] = 1 + 0.2 * random.normal();
      else if (kind === 'bias') data[i] = 0.1 * random.normal();
    }
  }
  return weights;
}

for (const [index, spec] of specs.entries()) {
  const weights = perturb(initWeights(spec, index), index);
  const momentum = new Map([
    ['head.fc.bias', { shape: [spec.numClasses], data: new Float32Array(spec.numClasses).fill(0.5) }],
  ]);
  const file = join(folder, `${formatModelName(spec)}-${spec.variant}-${spec.numClasses}.safetensors`);
  await saveCheckpoint(file, {
    spec,
    weights,
    optimizerState: momentum,
    metadata: { epoch: '0', seed: String(index) },
  });
  let sum = 0;
  for (const { data } of weights.values()) for (const value of data) sum += value;
  console.log(`${file}  tensors=${weights.size}  weightSum=${sum.toPrecision(12)}`);
}
console.log(`\nwrote ${specs.length} checkpoints to ${folder}`);

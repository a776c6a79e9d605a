#!/usr/bin/env node
// Bundles a trained model and real CIFAR-10 test images with the browser example, and writes where they came from:
//   npm run build   # the @wrn packages this script imports
//   node scripts/prepare-browser-example.mjs --checkpoint runs/x/best.safetensors --data-dir DIR [--images 40] [--seed 0]
// Writes examples/browser-webgpu/public/bundle/{model.safetensors, images.bin, bundle.json} (served with the page)
// and results/browser-example/README.md (the provenance). The checkpoint stays float32: decodeCheckpoint of
// @wrn/checkpoint reads F32 weights only, so a float16 copy would not load in the page.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as prettier from 'prettier';
import { decodeCheckpoint, encodeCheckpoint } from '@wrn/checkpoint';
import { encodeCifarRecords, CIFAR_IMAGE_BYTES } from '@wrn/data';
import { readCifar10 } from '@wrn/data/node';
import { createReferenceRuntime } from '@wrn/runtime-reference';
import { deriveSeed, formatModelName, Random } from '@wrn/spec';

const root = resolve(new URL('..', import.meta.url).pathname);
const bundleFolder = join(root, 'examples/browser-webgpu/public/bundle');
const resultsFolder = join(root, 'results/browser-example');

const { values } = parseArgs({
  options: {
    checkpoint: { type: 'string' },
    'data-dir': { type: 'string' },
    // 4 images of each CIFAR-10 class: enough to see right and wrong answers, small enough to classify at once.
    images: { type: 'string', default: '40' },
    // Any fixed seed makes the pick reproducible; 0 is the first.
    seed: { type: 'string', default: '0' },
  },
});
const count = Number(values.images);
const seed = Number(values.seed);
if (
  !values.checkpoint ||
  !values['data-dir'] ||
  !Number.isInteger(count) ||
  count < 1 ||
  !Number.isInteger(seed)
) {
  console.error(
    'usage: node scripts/prepare-browser-example.mjs --checkpoint FILE --data-dir DIR [--images 40] [--seed 0]',
  );
  process.exit(2);
}
const checkpointPath = resolve(values.checkpoint);
const dataDir = resolve(values['data-dir']);

// The model: validated by decoding; copied byte for byte unless it carries optimizer state the page never uses.
const original = new Uint8Array(readFileSync(checkpointPath));
const { spec, weights, optimizerState, metadata } = decodeCheckpoint(original);
const modelBytes = optimizerState.size === 0 ? original : encodeCheckpoint({ spec, weights, metadata });
const best = metadata['wrn.best'] === undefined ? undefined : JSON.parse(metadata['wrn.best']);
const runFolder = dirname(checkpointPath);
const config = readJson(join(runFolder, 'config.json'));
const epochMetrics = readJsonLines(join(runFolder, 'metrics.jsonl')).find(
  (line) => line.epoch === best?.epoch,
);

// The images: `count` test images, classes in turn, each class's images in a seeded shuffle of the test set.
const test = await readCifar10(dataDir, { split: 'test' });
const classes = test.classNames.length;
const order = shuffled(test.count, deriveSeed(seed, 'browser-example/images'));
const byClass = Array.from({ length: classes }, (_, label) =>
  order.filter((index) => test.labels[index] === label),
);
const indices = Array.from({ length: count }, (_, k) => byClass[k % classes][Math.floor(k / classes)]);
if (indices.some((index) => index === undefined))
  throw new RangeError(`${dataDir} has too few test images of some class for ${count} images`);
const pixels = new Uint8Array(count * CIFAR_IMAGE_BYTES);
indices.forEach((index, k) =>
  pixels.set(
    test.images.subarray(index * CIFAR_IMAGE_BYTES, (index + 1) * CIFAR_IMAGE_BYTES),
    k * CIFAR_IMAGE_BYTES,
  ),
);
const labels = indices.map((index) => test.labels[index]);

// What the float64 reference predicts for them, to write down beside the model.
const input = new Float32Array(pixels.length);
pixels.forEach((value, offset) => {
  const channel = Math.floor((offset % CIFAR_IMAGE_BYTES) / 1024);
  input[offset] = (value / 255 - spec.input.mean[channel]) / spec.input.std[channel];
});
const logits = await (await createReferenceRuntime().compile(spec, { weights })).forward(input, count);
const ranks = labels.map((label, k) => {
  const row = Array.from(logits.subarray(k * spec.numClasses, (k + 1) * spec.numClasses));
  return row.filter((value) => value > row[label]).length;
});
const top1 = ranks.filter((rank) => rank === 0).length;
const top5 = ranks.filter((rank) => rank < 5).length;

const sameData = config?.dataDir !== undefined && basename(config.dataDir) === basename(dataDir);
const command = [
  'node scripts/prepare-browser-example.mjs',
  `--checkpoint ${values.checkpoint}`,
  `--data-dir ${values['data-dir']}`,
  `--images ${count}`,
  `--seed ${seed}`,
].join(' ');
const bundle = {
  model: {
    file: 'model.safetensors',
    name: formatModelName(spec),
    source: relative(root, checkpointPath),
    sha256: sha256(modelBytes),
    bytes: modelBytes.length,
    dataset: config?.dataset ?? null,
    dataDir: config?.dataDir ?? null,
    epochs: config?.recipe?.epochs ?? null,
    best: best ?? null,
    // The run's splits are known (less any --limit-train/--limit-test) when its data is the images' data too.
    trainImages: sameData ? Math.min(config.limitTrain ?? Infinity, trainCount(dataDir)) : null,
    heldOutImages: sameData ? Math.min(config.limitTest ?? Infinity, test.count) : null,
    testTop5Error: epochMetrics?.testTop5Error ?? null,
  },
  images: {
    file: 'images.bin',
    format: 'CIFAR-10 binary records: 1 label byte, then 1024 red, 1024 green, 1024 blue bytes',
    source: relative(root, join(dataDir, 'test_batch.bin')),
    sourceCount: test.count,
    seed,
    indices,
    labels,
    classNames: test.classNames,
  },
  reference: { top1Correct: top1, top5Correct: top5 },
  command,
};

mkdirSync(bundleFolder, { recursive: true });
mkdirSync(resultsFolder, { recursive: true });
writeFileSync(join(bundleFolder, 'model.safetensors'), modelBytes);
writeFileSync(join(bundleFolder, 'images.bin'), encodeCifarRecords(pixels, [labels]));
await writeFormatted(join(bundleFolder, 'bundle.json'), JSON.stringify(bundle));
await writeFormatted(join(resultsFolder, 'README.md'), provenance(bundle));
if (!sameData) {
  const runData = config?.dataDir ?? 'data not recorded (no config.json beside the checkpoint)';
  console.warn(`warning: the run trained and tested on ${runData}; the images come from ${dataDir}`);
}
console.log(
  `${bundle.model.name} (${modelBytes.length} bytes) and ${count} images written to ${relative(root, bundleFolder)}; ` +
    `reference top-1 ${top1}/${count}, top-5 ${top5}/${count}`,
);

function provenance({ model, images, reference }) {
  const percent = (value) => (value === null ? 'not recorded' : `${(100 * value).toFixed(1)}%`);
  const heldOut =
    model.heldOutImages === null
      ? `the run's test split (\`${model.dataDir}\`)`
      : `the ${model.heldOutImages} test images of the run's data`;
  return `# The browser example's bundled model and images

\`examples/browser-webgpu/public/bundle/\` holds what the page shows on load. Written by
\`scripts/prepare-browser-example.mjs\`, with:

\`\`\`bash
${command}
\`\`\`

## Model: \`model.safetensors\`

- ${model.name}, float32, ${model.bytes} bytes, sha256 \`${model.sha256}\`
- source: \`${model.source}\`
- its run: dataset ${model.dataset ?? 'not recorded'}, data \`${model.dataDir ?? 'not recorded'}\`${model.trainImages === null ? '' : ` (${model.trainImages} training images)`}, ${model.epochs ?? '?'} epochs
  planned (\`config.json\` beside the checkpoint)
- best epoch: ${model.best ? model.best.epoch + 1 : 'not recorded'} (counted from 1; metadata \`wrn.best\`: \`${JSON.stringify(model.best)}\`)
- held-out error: top-1 ${percent(model.best?.testTop1Error ?? null)}, top-5 ${percent(model.testTop5Error)} (\`metrics.jsonl\`), on ${heldOut}

## Images: \`images.bin\`

${images.labels.length} test images of \`${images.source}\` (the test split of ${images.sourceCount} images,
which training runs evaluate on and never train on), ${images.labels.length / images.classNames.length} per class, picked with seed ${images.seed}, in the
CIFAR-10 binary layout (${images.format}). Indices in the source file, in order:

\`${images.indices.join(', ')}\`

The float64 reference runtime (\`@wrn/runtime-reference\`) ranks the true class first on ${reference.top1Correct} of
them and among the top five on ${reference.top5Correct}. The example's end-to-end test checks that the page, on
WebGPU, predicts the same top-5 classes.

\`screenshot.png\`: the page after loading, in headless Chromium on SwiftShader, as the example's test saves it
(\`examples/browser-webgpu/test-results/bundled-predictions.png\`), reduced to 256 colours:

\`\`\`bash
(cd examples/browser-webgpu && npx vitest run test/browser-page.test.ts)
/usr/bin/python3 -c "from PIL import Image; Image.open('examples/browser-webgpu/test-results/bundled-predictions.png')\\
.convert('RGB').quantize(256).save('results/browser-example/screenshot.png', optimize=True)"
\`\`\`
`;
}

function shuffled(length, shuffleSeed) {
  const random = new Random(shuffleSeed);
  const order = Array.from({ length }, (_, index) => index);
  for (let index = length - 1; index > 0; index--) {
    const other = random.integer(index + 1);
    [order[index], order[other]] = [order[other], order[index]];
  }
  return order;
}

/** Images in the training files of a CIFAR-10 folder, from their sizes (one 3073-byte record each). */
function trainCount(folder) {
  return readdirSync(folder)
    .filter((name) => /^data_batch_\d+\.bin$/.test(name))
    .reduce((sum, name) => sum + statSync(join(folder, name)).size / (1 + CIFAR_IMAGE_BYTES), 0);
}

function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

function readJson(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

function readJsonLines(path) {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

async function writeFormatted(path, text) {
  const options = (await prettier.resolveConfig(path)) ?? {};
  writeFileSync(path, await prettier.format(text, { ...options, filepath: path }));
}

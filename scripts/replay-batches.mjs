#!/usr/bin/env node
/**
 * Replays what `wrn train` feeds its runtime, for another framework to train on exactly the same inputs: for each
 * step of each epoch the normalised, augmented batch (NCHW float32 images, int32 labels) with its learning rate,
 * dropout step seed and momentum reset, and after each epoch that `wrn train` evaluates, the test batches. It reads
 * the run's settings from the `config.json` that `wrn train` writes when a run starts (spec, recipe, seed, dataset,
 * data folder, --limit-train, --limit-test) and builds every batch with the packages `wrn train` uses: `trainingData`
 * and `evaluationData` of @wrn/train over the dataset readers of @wrn/data, the step seed
 * `deriveSeed(seed, 'dropout-step-' + step)` and `learningRateAt` of @wrn/spec. Nothing is trained here.
 * scripts/python/train_torch_reference.py reads the stream; packages/cli/test/replay-batches.test.ts checks it byte
 * for byte against the batches @wrn/train's loop gives a runtime.
 *
 * Usage (from the repository root, after npm run build):
 *   node scripts/replay-batches.mjs --like RUN_DIR [--data-dir DIR] [--evaluate-every N] [--from-epoch E --from-batch B] > frames.bin
 *   node scripts/replay-batches.mjs --like RUN_DIR --write-init FILE.safetensors
 *     --like            a `wrn train` run folder, or its config.json
 *     --data-dir        the dataset folder, if not the one config.json records (as `wrn train --resume` allows)
 *     --evaluate-every  as given to `wrn train` (it is not recorded in config.json); default 1
 *     --from-epoch/--from-batch  start there (0-indexed), as a resumed run does; default 0 0
 *     --write-init      instead of streaming, write the weights `wrn train` starts from without --init
 *                       (`initWeights(spec, seed)`, as `wrn init` writes them) and exit
 *
 * Stream: frames, little-endian, each a 40-byte header then a payload.
 *   header: u32 magic 0x57524e52, u32 kind, u32 step, u32 epoch, u32 batch, u32 size, u32 dropoutSeed,
 *           u32 flags, f64 learningRate
 *   kind 1 HELLO      size = byte length of the UTF-8 JSON payload: the run's settings (see `hello` below)
 *   kind 2 TRAIN      one step: payload int32 labels[size], then float32 images[size * C * H * W] (NCHW);
 *                     flags bit 0: the momentum buffers are cleared before this step (recipe.schedule.resetMomentum)
 *   kind 3 EPOCH_END  epoch `epoch` is complete; flags bit 0: an evaluation follows
 *   kind 4 EVAL       test batch `batch` of the evaluation after epoch `epoch`: payload as TRAIN
 *   kind 5 EVAL_END   the evaluation after epoch `epoch` is complete (size = test images)
 *   kind 6 END        the run's last epoch is done
 */
import { once } from 'node:events';
import { readFileSync, statSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { saveCheckpoint } from '@wrn/checkpoint/node';
import { readCifar10, readCifar100 } from '@wrn/data/node';
import {
  deriveSeed,
  expandGraph,
  initWeights,
  isLearningRateDrop,
  learningRateAt,
  validateModelSpec,
  validateRecipe,
} from '@wrn/spec';
import { evaluationData, trainingData } from '@wrn/train';

const MAGIC = 0x57524e52;
const KIND = { hello: 1, train: 2, epochEnd: 3, eval: 4, evalEnd: 5, end: 6 };
const HEADER_BYTES = 40;

const { values } = parseArgs({
  options: {
    like: { type: 'string' },
    'data-dir': { type: 'string' },
    'evaluate-every': { type: 'string', default: '1' },
    'from-epoch': { type: 'string', default: '0' },
    'from-batch': { type: 'string', default: '0' },
    'write-init': { type: 'string' },
  },
});

const fail = (message) => {
  process.stderr.write(`replay-batches: ${message}\n`);
  process.exit(2);
};
const integer = (text, flag, min) => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) fail(`${flag} must be an integer >= ${min}, got '${text}'`);
  return value;
};

if (endianness() !== 'LE') fail('the frames are little-endian and so must this machine be');
if (!values.like) fail('--like RUN_DIR (a wrn train run folder or its config.json) is required');
const configPath = statSync(values.like).isDirectory() ? join(values.like, 'config.json') : values.like;
const config = JSON.parse(readFileSync(configPath, 'utf8'));
const spec = validateModelSpec(config.spec);
const recipe = validateRecipe(config.recipe);
const seed = Number(config.seed ?? 0); // wrn train's default seed, recorded either way

if (values['write-init']) {
  await saveCheckpoint(values['write-init'], {
    spec,
    weights: initWeights(spec, seed),
    metadata: { 'wrn.init': JSON.stringify({ seed }) },
  });
  process.exit(0);
}

const evaluateEvery = integer(values['evaluate-every'], '--evaluate-every', 1);
const fromEpoch = integer(values['from-epoch'], '--from-epoch', 0);
const fromBatch = integer(values['from-batch'], '--from-batch', 0);
const dataset = config.dataset ?? 'cifar10';
const dataDir = values['data-dir'] ?? config.dataDir;
if (!dataDir) fail(`${configPath} records no dataDir; pass --data-dir`);
const read = dataset === 'cifar100' ? readCifar100 : readCifar10;
const trainSet = limit(await read(dataDir, { split: 'train' }), config.limitTrain);
const testSet = limit(await read(dataDir, { split: 'test' }), config.limitTest);

// As `wrn train` builds them (packages/cli/src/commands/train.ts).
const train = trainingData(trainSet, { spec, recipe, seed });
const test = evaluationData(testSet, { spec, batchSize: Math.min(recipe.batchSize, 256) });
if (fromBatch >= train.batchesPerEpoch)
  fail(`--from-batch must be below ${train.batchesPerEpoch}, the batches per epoch`);

process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0); // the reader stopped: so do we
  throw error;
});

const hello = {
  format: 'wrn-replay-1',
  config: configPath,
  spec,
  recipe,
  seed,
  runtime: config.runtime,
  dropoutMaskGenerator: config.dropoutMaskGenerator ?? null,
  dataset,
  dataDir,
  limitTrain: config.limitTrain ?? null,
  limitTest: config.limitTest ?? null,
  trainImages: trainSet.count,
  testImages: testSet.count,
  imageShape: [spec.input.channels, spec.input.height, spec.input.width],
  batchesPerEpoch: train.batchesPerEpoch,
  evaluationBatchSize: Math.min(recipe.batchSize, 256),
  evaluateEvery,
  fromEpoch,
  fromBatch,
  dropoutLayers: expandGraph(spec)
    .nodes.filter((node) => node.op === 'dropout')
    .map((node) => ({ name: node.name, rate: node.rate, shape: node.outputShape })),
};
const json = Buffer.from(JSON.stringify(hello), 'utf8');
await frame({ kind: KIND.hello, size: json.length }, [json]);

let step = fromEpoch * train.batchesPerEpoch + fromBatch; // every epoch has batchesPerEpoch steps
for (let epoch = fromEpoch; epoch < recipe.epochs; epoch++) {
  const learningRate = learningRateAt(recipe, epoch);
  let batch = epoch === fromEpoch ? fromBatch : 0;
  for await (const data of train.batches(epoch, batch)) {
    // The loop clears momentum before the first batch of an epoch where the rate drops (packages/train/src/train.ts).
    const reset = batch === 0 && recipe.schedule.resetMomentum && isLearningRateDrop(recipe, epoch);
    const dropoutSeed = deriveSeed(seed, `dropout-step-${step}`); // packages/train/src/train-epoch.ts
    await frame(
      {
        kind: KIND.train,
        step,
        epoch,
        batch,
        size: data.size,
        dropoutSeed,
        flags: reset ? 1 : 0,
        learningRate,
      },
      payload(data),
    );
    batch += 1;
    step += 1;
  }
  const evaluate = (epoch + 1) % evaluateEvery === 0 || epoch === recipe.epochs - 1;
  await frame({ kind: KIND.epochEnd, step, epoch, flags: evaluate ? 1 : 0, learningRate });
  if (evaluate) {
    let index = 0;
    for await (const data of test.batches())
      await frame({ kind: KIND.eval, step, epoch, batch: index++, size: data.size }, payload(data));
    await frame({ kind: KIND.evalEnd, step, epoch, size: test.size });
  }
}
await frame({ kind: KIND.end, step, epoch: recipe.epochs });

/** The first `count` images of a split (all without a limit), as `wrn train --limit-train/--limit-test` keep. */
function limit(split, count) {
  if (count === undefined || count === null) return split;
  const kept = Math.min(count, split.count);
  const imageSize = split.channels * split.height * split.width;
  return {
    ...split,
    count: kept,
    images: split.images.subarray(0, kept * imageSize),
    labels: split.labels.subarray(0, kept),
  };
}

/** A batch's labels and images as byte views (no copy). */
function payload(data) {
  return [data.labels, data.images].map((array) =>
    Buffer.from(array.buffer, array.byteOffset, array.byteLength),
  );
}

/** Writes one frame, waiting while the reader is behind. */
async function frame(fields, chunks = []) {
  const header = Buffer.alloc(HEADER_BYTES);
  const words = [
    MAGIC,
    fields.kind,
    fields.step ?? 0,
    fields.epoch ?? 0,
    fields.batch ?? 0,
    fields.size ?? 0,
  ];
  words.push(fields.dropoutSeed ?? 0, fields.flags ?? 0);
  words.forEach((word, index) => header.writeUInt32LE(word >>> 0, index * 4));
  header.writeDoubleLE(fields.learningRate ?? 0, 32);
  for (const chunk of [header, ...chunks]) {
    if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
  }
}

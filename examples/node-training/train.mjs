#!/usr/bin/env node
// Train a Wide ResNet on CIFAR-10 with the package APIs (what `wrn train` does, in 40 lines you can edit).
//
//   node train.mjs [DATA_DIR] [RUN_DIR]
//
// DATA_DIR holds the binary CIFAR-10 files (data_batch_*.bin, test_batch.bin, batches.meta.txt); without it the
// official archive is downloaded once into $WRN_DATA_DIR (default ~/.cache/wrn). Environment knobs: MODEL
// (default WRN-16-4), EPOCHS (default 10), BATCH (default 128), LIMIT_TRAIN / LIMIT_TEST (default: all), BACKEND
// (auto, tensorflow, wasm or cpu; default auto).
import { download, readCifar10 } from '@wrn/data/node';
import { createTfjsRuntime } from '@wrn/runtime-tfjs';
import { paperRecipe, parseModelName } from '@wrn/spec';
import { evaluationData, train, trainingData } from '@wrn/train';
import { abortOnSignals, fileRunStore } from '@wrn/train/node';

const [dataDir, runDir = `runs/example-${Date.now()}`] = process.argv.slice(2);
const env = process.env;
const folder = dataDir ?? (await download('cifar10'));
const limit = (dataset, count) =>
  count
    ? {
        ...dataset,
        count: Number(count),
        images: dataset.images.subarray(0, Number(count) * 3072),
        labels: dataset.labels.subarray(0, Number(count)),
      }
    : dataset;
const trainSet = limit(await readCifar10(folder), env.LIMIT_TRAIN);
const testSet = limit(await readCifar10(folder, { split: 'test' }), env.LIMIT_TEST);

const spec = parseModelName(env.MODEL ?? 'WRN-16-4', { classNames: trainSet.classNames });
// The paper's recipe, shortened: with fewer epochs, scale the LR milestones (60/120/160 of 200) with them.
const epochs = Number(env.EPOCHS ?? 10);
const milestones = [0.3, 0.6, 0.8].map((fraction) => Math.max(1, Math.round(fraction * epochs)));
const recipe = paperRecipe({
  epochs,
  batchSize: Number(env.BATCH ?? 128),
  schedule: { type: 'multi-step', milestones: [...new Set(milestones)], gamma: 0.2, resetMomentum: false },
});

const runtime = await createTfjsRuntime({ backend: env.BACKEND ?? 'auto' });
console.log(
  `${env.MODEL ?? 'WRN-16-4'} on ${runtime.name}/${runtime.backend}: ${trainSet.count} train, ${testSet.count} test images -> ${runDir}`,
);
const { signal, dispose } = abortOnSignals();
const result = await train({
  runtime,
  spec,
  recipe,
  train: trainingData(trainSet, { spec, recipe, seed: 1 }),
  test: evaluationData(testSet, { spec, batchSize: 250 }),
  store: fileRunStore(runDir),
  seed: 1,
  signal,
  onEvent: (event) => {
    if (event.type === 'epoch') {
      const { epoch, trainLoss, testTop1Error, imagesPerSecond } = event.metrics;
      console.log(
        `epoch ${epoch + 1}/${epochs}: train loss ${trainLoss.toFixed(3)}, test error ${(testTop1Error * 100).toFixed(2)}%, ${imagesPerSecond.toFixed(0)} img/s`,
      );
    }
  },
});
dispose();
console.log(
  `${result.status}; best test error ${((result.bestTop1Error ?? NaN) * 100).toFixed(2)}%; checkpoints in ${runDir}`,
);

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dataset } from '../src/dataset.js';
import { validateDataset } from '../src/dataset.js';
import { readCifar10 } from '../src/reader-cifar10.js';
import { readCifar100 } from '../src/reader-cifar100.js';
import { writeSyntheticCifar } from '../src/synthetic-files.js';
import { generateSyntheticDataset } from '../src/synthetic.js';

let folder: string;
beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'wrn-synthetic-'))));
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** Nearest class-mean classifier on raw pixels: a model far weaker than a WRN. */
function nearestMeanAccuracy(train: Dataset, test: Dataset): number {
  const size = train.channels * train.height * train.width;
  const classes = train.classNames.length;
  const means = Array.from({ length: classes }, () => new Float64Array(size));
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < train.count; i++) {
    const label = train.labels[i]!;
    counts[label]!++;
    for (let p = 0; p < size; p++) means[label]![p]! += train.images[i * size + p]!;
  }
  means.forEach((mean, label) => mean.forEach((value, p) => (mean[p] = value / counts[label]!)));
  let correct = 0;
  for (let i = 0; i < test.count; i++) {
    const distances = means.map((mean) =>
      mean.reduce((total, value, p) => total + (value - test.images[i * size + p]!) ** 2, 0),
    );
    if (distances.indexOf(Math.min(...distances)) === test.labels[i]) correct++;
  }
  return correct / test.count;
}

describe('synthetic CIFAR', () => {
  it('writes the official CIFAR-10 layout, readable by readCifar10, deterministic per seed', async () => {
    const options = { classes: 10, trainPerClass: 20, testPerClass: 10, seed: 3, layout: 'cifar10' as const };
    writeSyntheticCifar(folder, options);
    expect(readdirSync(folder).sort()).toEqual([
      'batches.meta.txt',
      'data_batch_1.bin',
      'data_batch_2.bin',
      'data_batch_3.bin',
      'data_batch_4.bin',
      'data_batch_5.bin',
      'test_batch.bin',
    ]);
    expect(statSync(join(folder, 'data_batch_1.bin')).size).toBe(40 * 3073);
    expect(statSync(join(folder, 'test_batch.bin')).size).toBe(100 * 3073);
    const train = validateDataset(await readCifar10(folder));
    const test = validateDataset(await readCifar10(folder, { split: 'test' }));
    expect(train.count).toBe(200);
    expect(train.classNames).toEqual(Array.from({ length: 10 }, (_, k) => `class-${k}`));
    expect(Array.from({ length: 10 }, (_, k) => train.labels.filter((label) => label === k).length)).toEqual(
      new Array(10).fill(20),
    );
    const again = mkdtempSync(join(tmpdir(), 'wrn-synthetic-'));
    writeSyntheticCifar(again, options);
    expect(
      readFileSync(join(again, 'data_batch_3.bin')).equals(readFileSync(join(folder, 'data_batch_3.bin'))),
    ).toBe(true);
    writeSyntheticCifar(again, { ...options, seed: 4 });
    expect(
      readFileSync(join(again, 'data_batch_3.bin')).equals(readFileSync(join(folder, 'data_batch_3.bin'))),
    ).toBe(false);
    rmSync(again, { recursive: true });
    expect(nearestMeanAccuracy(train, test)).toBeGreaterThan(0.9);
  });

  it('writes the CIFAR-100 layout with coarse groups, readable by readCifar100', async () => {
    writeSyntheticCifar(folder, {
      classes: 40,
      trainPerClass: 2,
      testPerClass: 1,
      seed: 0,
      layout: 'cifar100',
    });
    expect(readdirSync(folder).sort()).toEqual([
      'coarse_label_names.txt',
      'fine_label_names.txt',
      'test.bin',
      'train.bin',
    ]);
    const fine = await readCifar100(folder);
    const coarse = await readCifar100(folder, { labels: 'coarse' });
    expect(fine.count).toBe(80);
    expect(coarse.classNames).toHaveLength(20);
    fine.labels.forEach((label, i) => expect(coarse.labels[i]).toBe(Math.floor(label / 2)));
  });

  it('uses fewer than five training files only when there are fewer than five records', async () => {
    writeSyntheticCifar(folder, {
      classes: 3,
      trainPerClass: 1,
      testPerClass: 1,
      seed: 0,
      layout: 'cifar10',
    });
    expect(
      readdirSync(folder)
        .filter((name) => name.startsWith('data_batch'))
        .sort(),
    ).toEqual(['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin']);
    expect((await readCifar10(folder)).count).toBe(3);
  });

  it('draws class-dependent colours and stripes with per-image variation', () => {
    const dataset = generateSyntheticDataset({ classes: 4, perClass: 2, seed: 9 });
    const image = (index: number) => dataset.images.subarray(index * 3072, (index + 1) * 3072);
    expect(image(0)).not.toEqual(image(4)); // two images of class 0 differ (phase, brightness, noise)
    const meanRed = (index: number) =>
      image(index)
        .subarray(0, 1024)
        .reduce((total, value) => total + value, 0) / 1024;
    expect(meanRed(0)).toBeGreaterThan(meanRed(2) + 40); // class 0 is red, class 2 (hue 0.5) is cyan
    expect(() => generateSyntheticDataset({ classes: 0, perClass: 1, seed: 0 })).toThrow(
      /classes must be an integer in \[1, 256\]/,
    );
    expect(() =>
      writeSyntheticCifar(folder, {
        classes: 2,
        trainPerClass: 0,
        testPerClass: 1,
        seed: 0,
        layout: 'cifar10',
      }),
    ).toThrow(/trainPerClass must be an integer >= 1/);
  });
});

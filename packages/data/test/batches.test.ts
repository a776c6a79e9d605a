import type { Batch as CoreBatch } from '@wrn/core';
import { paperRecipe } from '@wrn/spec';
import { describe, expect, it } from 'vitest';
import { createBatchStream, evaluationBatches } from '../src/batch-stream.js';
import { createBatchWorkerPool, createWorkerBatchStream } from '../src/batch-worker-pool.js';
import type { Dataset } from '../src/dataset.js';
import { batchesPerEpoch, epochOrder } from '../src/epoch-plan.js';
import { makeBatch, type BatchOptions } from '../src/make-batch.js';

/** 50 images of 3 x 8 x 8 whose pixels encode the image index (channel 0) so batches can be traced back. */
function tracedDataset(count = 50): Dataset {
  const images = new Uint8Array(count * 192);
  for (let index = 0; index < count; index++) {
    for (let pixel = 0; pixel < 192; pixel++)
      images[index * 192 + pixel] = pixel < 64 ? index : (pixel * 3 + index) % 256;
  }
  const labels = Int32Array.from({ length: count }, (_, index) => index % 10);
  return {
    images,
    labels,
    count,
    channels: 3,
    height: 8,
    width: 8,
    classNames: Array.from({ length: 10 }, (_, k) => `c${k}`),
  };
}

const dataset = tracedDataset();
const base: BatchOptions = {
  dataset,
  batchSize: 8,
  seed: 11,
  epoch: 2,
  augmentation: { crop: { size: 8, padding: 2, mode: 'reflect' }, horizontalFlip: 0.5 },
  normalization: { mean: [0.5, 0.4, 0.3], std: [0.2, 0.25, 0.3] },
  dropLast: true,
};

async function collect(stream: AsyncIterable<CoreBatch>): Promise<CoreBatch[]> {
  const batches: CoreBatch[] = [];
  for await (const batch of stream) batches.push(batch);
  return batches;
}

describe('epoch order and batch counts', () => {
  it('each epoch visits every example once, in an order fixed by (seed, epoch)', () => {
    const order = epochOrder(50, { seed: 11, epoch: 2, shuffle: true });
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect([...order]).toEqual([...epochOrder(50, { seed: 11, epoch: 2, shuffle: true })]);
    expect([...order]).not.toEqual([...epochOrder(50, { seed: 11, epoch: 3, shuffle: true })]);
    expect([...order]).not.toEqual([...epochOrder(50, { seed: 12, epoch: 2, shuffle: true })]);
    expect([...epochOrder(4, { seed: 1, epoch: 0, shuffle: false })]).toEqual([0, 1, 2, 3]);
  });

  it('drop-last keeps floor(n / b) full batches; otherwise the last batch is partial', async () => {
    expect(batchesPerEpoch(50000, 128, true)).toBe(390);
    expect(batchesPerEpoch(50000, 128, false)).toBe(391);
    const dropped = await collect(createBatchStream(base));
    expect(dropped.map((batch) => batch.size)).toEqual([8, 8, 8, 8, 8, 8]);
    const kept = await collect(createBatchStream({ ...base, dropLast: false }));
    expect(kept.map((batch) => batch.size)).toEqual([8, 8, 8, 8, 8, 8, 2]);
    expect(kept.at(-1)!.images.length).toBe(2 * 192);
  });
});

describe('batches', () => {
  it('are @wrn/core Batches whose labels belong to their images', () => {
    const batch: CoreBatch = makeBatch({ ...base, batchIndex: 1 });
    const order = epochOrder(50, { seed: 11, epoch: 2, shuffle: true });
    for (let slot = 0; slot < batch.size; slot++) {
      const index = order[8 + slot]!;
      expect(batch.labels[slot]).toBe(index % 10);
      // Channel 0 is constant (= index) over the image, so any crop or flip keeps it: (index/255 - 0.5)/0.2.
      expect(batch.images[slot * 192]).toBeCloseTo((index / 255 - 0.5) / 0.2, 5);
    }
  });

  it('without augmentation or shuffling equal the normalised images in file order', async () => {
    const [first] = await collect(evaluationBatches(dataset, { batchSize: 4, normalization: null }));
    expect(Array.from(first!.images, (value) => Math.round(value * 255))).toEqual([
      ...dataset.images.subarray(0, 4 * 192),
    ]);
    expect([...first!.labels]).toEqual([0, 1, 2, 3]);
  });
});

describe('determinism', () => {
  it('the same (seed, epoch) replays identical batches; another epoch or seed differs', async () => {
    const first = await collect(createBatchStream(base));
    const again = await collect(createBatchStream({ ...base, prefetch: 0 }));
    expect(again).toEqual(first);
    const otherEpoch = await collect(createBatchStream({ ...base, epoch: 3 }));
    const otherSeed = await collect(createBatchStream({ ...base, seed: 12 }));
    expect(otherEpoch[0]!.images).not.toEqual(first[0]!.images);
    expect(otherSeed[0]!.images).not.toEqual(first[0]!.images);
  });

  it('resuming at batch b yields exactly batches b.. of the full epoch, and makeBatch gives any one', async () => {
    const full = await collect(createBatchStream(base));
    const resumed = await collect(createBatchStream({ ...base, startBatch: 4, prefetch: 5 }));
    expect(resumed).toEqual(full.slice(4));
    expect(makeBatch({ ...base, batchIndex: 3 })).toEqual(full[3]);
    expect(await collect(createBatchStream({ ...base, startBatch: 6 }))).toEqual([]);
  });

  it('worker threads produce the same batches as the main thread, whatever the worker count', async () => {
    const full = await collect(createBatchStream({ ...base, dropLast: false }));
    const two = await collect(createWorkerBatchStream({ ...base, dropLast: false, workers: 2 }));
    expect(two).toEqual(full);
    const pool = createBatchWorkerPool({ ...base, workers: 3 });
    try {
      expect(await collect(pool.stream({ ...base, dropLast: false, startBatch: 2, prefetch: 1 }))).toEqual(
        full.slice(2),
      );
      // A second epoch through the same pool, and an early stop, still give the main thread's batches.
      const nextEpoch = await collect(createBatchStream({ ...base, epoch: 3 }));
      for await (const batch of pool.stream({ ...base, epoch: 3 })) {
        expect(batch).toEqual(nextEpoch[0]);
        break;
      }
    } finally {
      await pool.close();
    }
  });

  it('works with the paper recipe on CIFAR-shaped data in both layouts', () => {
    const cifar: Dataset = {
      ...tracedDataset(4),
      height: 32,
      width: 32,
      images: new Uint8Array(4 * 3072).map((_, i) => i % 251),
    };
    const options = {
      dataset: cifar,
      batchSize: 4,
      augmentation: paperRecipe().augmentation,
      normalization: null,
    };
    const nchw = makeBatch({ ...options, batchIndex: 0, layout: 'NCHW' });
    const nhwc = makeBatch({ ...options, batchIndex: 0, layout: 'NHWC' });
    // Same draws, different memory order: element (n, c, y, x) must agree.
    for (const [n, c, y, x] of [
      [0, 0, 0, 0],
      [1, 2, 31, 5],
      [3, 1, 17, 30],
    ] as const) {
      expect(nhwc.images[((n * 32 + y) * 32 + x) * 3 + c]).toBe(nchw.images[((n * 3 + c) * 32 + y) * 32 + x]);
    }
  });

  it('rejects bad options with the value and the range', () => {
    expect(() => makeBatch({ ...base, batchIndex: 6 })).toThrow(
      /batch index must be an integer in \[0, 6\), got 6/,
    );
    expect(() => createBatchStream({ ...base, startBatch: 7 })).toThrow(
      /startBatch must be an integer in \[0, 6\]/,
    );
    expect(() => createBatchStream({ ...base, batchSize: 0 })).toThrow(/batchSize must be an integer >= 1/);
    expect(() => createBatchStream({ ...base, seed: -1 })).toThrow(/seed must be an integer/);
  });
});

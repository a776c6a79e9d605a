import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCheckpoint } from '@wrn/checkpoint/node';
import { recordingRuntime } from '@wrn/conformance/test';
import { describe, expect, it } from 'vitest';
import {
  RunExistsError,
  RunMismatchError,
  train,
  TrainingDivergedError,
  type EpochMetrics,
  type TrainingEvent,
} from '../src/index.js';
import { fileRunStore } from '../src/node.js';
import { options, temporaryDirectory, tinyRecipe } from './helpers.js';

const withoutTimes = (metrics: EpochMetrics[]) =>
  metrics.map(({ imagesPerSecond: _a, epochSeconds: _b, wallSeconds: _c, ...rest }) => rest);

describe('train', () => {
  it('follows the schedule: 0-indexed epoch e trains at lr * 0.5^(milestones <= e)', async () => {
    const runtime = recordingRuntime();
    const result = await train(options(temporaryDirectory(), tinyRecipe(), runtime));
    expect(result.status).toBe('completed');
    expect(result.metrics.map((line) => line.learningRate)).toEqual([0.1, 0.05, 0.025]);
    // 15 images in batches of 4 with drop-last: 3 steps per epoch.
    expect(runtime.steps.map((step) => step.learningRate)).toEqual([
      0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025,
    ]);
    expect(new Set(runtime.steps.map((step) => step.dropoutSeed)).size).toBe(9);
    expect(runtime.resets).toEqual([]);
  });

  it('resets momentum at each drop when the recipe asks', async () => {
    const runtime = recordingRuntime();
    const recipe = tinyRecipe({
      schedule: { type: 'multi-step', milestones: [1, 2], gamma: 0.5, resetMomentum: true },
    });
    await train(options(temporaryDirectory(), recipe, runtime));
    expect(runtime.resets).toEqual([3, 6]);
  });

  it('writes config.json, metrics.jsonl, last and best checkpoints, and emits progress events', async () => {
    const dir = temporaryDirectory();
    const events: TrainingEvent['type'][] = [];
    const result = await train({
      ...options(dir, tinyRecipe()),
      onEvent: (event) => events.push(event.type),
    });
    const lines = readFileSync(join(dir, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toEqual(result.metrics);
    expect(lines.map((line) => line.epoch)).toEqual([0, 1, 2]);
    for (const line of lines) {
      expect(line.testTop1Error).toBeGreaterThanOrEqual(0);
      expect(line.testTop5Error).toBe(0); // 3 classes: the label is always in the top 5
      expect(line.imagesPerSecond).toBeGreaterThan(0);
    }
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).seed).toBe(7);
    const last = await loadCheckpoint(join(dir, 'last.safetensors'));
    expect(JSON.parse(last.metadata['wrn.run'] ?? '{}').epoch).toBe(3);
    expect(last.optimizerState.size).toBeGreaterThan(0);
    expect(existsSync(join(dir, 'best.safetensors'))).toBe(true);
    expect(events.filter((type) => type === 'batch')).toHaveLength(9);
    expect(events.filter((type) => type === 'epoch')).toHaveLength(3);
    expect(events.filter((type) => type === 'checkpoint')).toHaveLength(3);
  });

  it('resumes an interrupted run to the same weights and metrics as an uninterrupted one', async () => {
    const straight = temporaryDirectory();
    const expected = await train(options(straight, tinyRecipe()));
    const expectedWeights = (await loadCheckpoint(join(straight, 'last.safetensors'))).weights;

    const dir = temporaryDirectory();
    const controller = new AbortController();
    const first = await train({
      ...options(dir, tinyRecipe()),
      signal: controller.signal,
      // Abort in the middle of epoch 1 (after its first batch).
      onEvent: (event) => {
        if (event.type === 'batch' && event.epoch === 1 && event.batch === 1) controller.abort();
      },
    });
    expect(first.status).toBe('interrupted');
    const saved = JSON.parse(
      (await loadCheckpoint(join(dir, 'last.safetensors'))).metadata['wrn.run'] ?? '{}',
    );
    expect([saved.epoch, saved.batch]).toEqual([1, 1]);

    const resumed = await train({ ...options(dir, tinyRecipe()), resume: true });
    expect(resumed.status).toBe('completed');
    // The reference computes in float64 and a checkpoint holds float32, so a resumed run matches to rounding.
    const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * (1 + Math.abs(b));
    const actual = withoutTimes(resumed.metrics);
    withoutTimes(expected.metrics).forEach((line, epoch) => {
      for (const [key, value] of Object.entries(line)) {
        expect(close(Number(actual[epoch]?.[key as keyof typeof line]), value), `epoch ${epoch} ${key}`).toBe(
          true,
        );
      }
    });
    const weights = (await loadCheckpoint(join(dir, 'last.safetensors'))).weights;
    for (const [name, tensor] of expectedWeights) {
      const got = weights.get(name)?.data ?? new Float32Array();
      expect(
        tensor.data.every((value, i) => close(got[i] ?? Number.NaN, value)),
        name,
      ).toBe(true);
    }
  });

  it('stops when the held-out loss is not finite although the training loss is (diverged running statistics)', async () => {
    const base = options(temporaryDirectory(), tinyRecipe());
    const test = base.test!;
    const poisoned = {
      ...test,
      async *batches() {
        for await (const batch of test.batches()) {
          batch.images.fill(Number.POSITIVE_INFINITY);
          yield batch;
        }
      },
    };
    await expect(train({ ...base, test: poisoned })).rejects.toThrow(
      /training diverged: the held-out loss is NaN at epoch 0/,
    );
  });

  it('stops on a NaN loss with a clear error and keeps the last good checkpoint', async () => {
    const dir = temporaryDirectory();
    const base = options(dir, tinyRecipe());
    const poisoned = {
      batchesPerEpoch: base.train.batchesPerEpoch,
      async *batches(epoch: number, startBatch: number) {
        for await (const batch of base.train.batches(epoch, startBatch)) {
          if (epoch === 1) batch.images.fill(Number.NaN);
          yield batch;
        }
      },
    };
    await expect(train({ ...base, train: poisoned })).rejects.toThrow(TrainingDivergedError);
    await expect(
      train({ ...base, store: fileRunStore(temporaryDirectory()), train: poisoned }),
    ).rejects.toThrow(
      /loss is NaN at epoch 1, batch 0 .*last good checkpoint is kept at .*last\.safetensors.*Lower the learning rate/,
    );
    const kept = JSON.parse(
      (await loadCheckpoint(join(dir, 'last.safetensors'))).metadata['wrn.run'] ?? '{}',
    );
    expect(kept.epoch).toBe(1);
  });

  it('refuses to overwrite a run and to resume with another recipe', async () => {
    const dir = temporaryDirectory();
    await train(options(dir, tinyRecipe({ epochs: 1 })));
    const again = train(options(dir, tinyRecipe({ epochs: 1 })));
    await expect(again).rejects.toThrow(RunExistsError);
    await expect(again).rejects.toThrow(`run folder ${dir} already holds a run; resume it`);
    const changedRecipe = train({ ...options(dir, tinyRecipe({ epochs: 2, batchSize: 3 })), resume: true });
    await expect(changedRecipe).rejects.toThrow(RunMismatchError);
    await expect(changedRecipe).rejects.toMatchObject({ field: 'recipe' });
    const otherSpec = { ...options(dir, tinyRecipe({ epochs: 1 })), resume: true };
    await expect(train({ ...otherSpec, spec: { ...otherSpec.spec, numClasses: 4 } })).rejects.toMatchObject({
      name: 'RunMismatchError',
      field: 'spec',
    });
    await expect(train({ ...options(temporaryDirectory(), tinyRecipe()), resume: true })).rejects.toThrow(
      /config.json does not exist/,
    );
  });
});

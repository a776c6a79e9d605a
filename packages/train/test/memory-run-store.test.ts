import { decodeCheckpoint } from '@wrn/checkpoint';
import { describe, expect, it } from 'vitest';
import { memoryRunStore, RunExistsError, RunLockedError, RunMismatchError, train } from '../src/index.js';
import { options, temporaryDirectory, tinyRecipe } from './helpers.js';

const inMemory = (recipe = tinyRecipe(), store = memoryRunStore()) => ({
  ...options('unused', recipe),
  store,
});

describe('memoryRunStore', () => {
  it('holds the same run as a run folder: metrics, a resumable last checkpoint and a best one', async () => {
    const store = memoryRunStore();
    expect(await store.exists()).toBe(false);
    const result = await train(inMemory(tinyRecipe(), store));
    const onDisk = await train(options(temporaryDirectory(), tinyRecipe()));
    expect(result.metrics.map((line) => line.trainLoss)).toEqual(
      onDisk.metrics.map((line) => line.trainLoss),
    );
    expect(store.metrics()).toEqual(result.metrics);
    expect(await store.exists()).toBe(true);
    expect((await store.readConfig()).seed).toBe(7);
    const last = decodeCheckpoint(await store.readCheckpoint('last'));
    expect(JSON.parse(last.metadata['wrn.run'] ?? '{}')).toMatchObject({ epoch: 3, batch: 0 });
    expect(decodeCheckpoint(await store.readCheckpoint('best')).metadata['wrn.best']).toBeDefined();
  });

  it('resumes an interrupted run to the metrics of an uninterrupted one', async () => {
    const store = memoryRunStore();
    const controller = new AbortController();
    const first = await train({
      ...inMemory(tinyRecipe(), store),
      signal: controller.signal,
      onEvent: (event) => event.type === 'batch' && event.epoch === 1 && controller.abort(),
    });
    expect(first.status).toBe('interrupted');
    const resumed = await train({ ...inMemory(tinyRecipe(), store), resume: true });
    const straight = await train(inMemory());
    expect(resumed.metrics.map((line) => line.trainLoss)).toEqual(
      straight.metrics.map((line) => expect.closeTo(line.trainLoss, 6)),
    );
  });

  it('throws the typed errors: a run exists, a changed recipe, a store in use, nothing to resume', async () => {
    const store = memoryRunStore('page store');
    await train(inMemory(tinyRecipe({ epochs: 1 }), store));
    await expect(train(inMemory(tinyRecipe({ epochs: 1 }), store))).rejects.toThrow(RunExistsError);
    await expect(
      train({ ...inMemory(tinyRecipe({ epochs: 1, batchSize: 3 }), store), resume: true }),
    ).rejects.toThrow(RunMismatchError);
    const lock = await store.lock();
    await expect(train({ ...inMemory(tinyRecipe({ epochs: 2 }), store), resume: true })).rejects.toThrow(
      new RunLockedError('page store'),
    );
    lock.release();
    lock.release(); // idempotent: a second release must not free a lock taken meanwhile
    const next = await store.lock();
    await expect(store.lock()).rejects.toThrow(RunLockedError);
    next.release();
    await expect(train({ ...inMemory(), resume: true })).rejects.toThrow(
      'memory run store holds no run; train without resume to start one',
    );
  });

  it('keeps copies, so bytes changed after writing or reading do not change the store', async () => {
    const store = memoryRunStore();
    const bytes = new Uint8Array([1, 2, 3]);
    await store.writeCheckpoint('best', bytes);
    bytes[0] = 9;
    (await store.readCheckpoint('best'))[1] = 9;
    expect([...(await store.readCheckpoint('best'))]).toEqual([1, 2, 3]);
    await expect(store.readCheckpoint('last')).rejects.toThrow(
      'memory run store: last checkpoint does not exist',
    );
  });
});

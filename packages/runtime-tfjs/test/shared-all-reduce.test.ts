import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_REDUCE_ABORTED,
  SharedAllReduce,
  type AllReduceGroup,
} from '../src/data-parallel/shared-all-reduce.js';
import { bundleWorker } from './worker-bundle.js';

type Outcome = { results: number[][]; error?: string };

describe('SharedAllReduce (synchronous all-reduce over shared memory)', () => {
  let workerUrl: URL;
  beforeAll(() => {
    workerUrl = bundleWorker('test/fixtures/all-reduce-worker.ts');
  });

  const participant = (
    group: AllReduceGroup,
    replica: number,
    rounds: number[][],
    participants: number,
    stop: { at: number; how: 'abort' | 'vanish' } = { at: -1, how: 'abort' },
  ): Promise<Outcome> => {
    const workerData = { group, replica, rounds, participants, stopAt: stop.at, stop: stop.how };
    const worker = new Worker(workerUrl, { workerData });
    return new Promise((resolve, reject) => {
      worker.once('message', (outcome: Outcome) => {
        resolve(outcome);
        void worker.terminate();
      });
      worker.once('error', reject);
    });
  };
  const vector = (replica: number, round: number) => [replica + round, replica * 0.5 - round, 1e-3 * replica];

  it('gives every participant the element-wise sums, round after round, with fewer participants than replicas', async () => {
    const group = SharedAllReduce.group(3, 4, 60_000);
    const rounds = (replica: number) => Array.from({ length: 6 }, (_, round) => vector(replica, round));
    const workers = [participant(group, 1, rounds(1), 2)];
    const reducer = new SharedAllReduce(group, 0);
    const own = rounds(0).map((values) => [...reducer.reduce(Float64Array.from(values), 2)]);
    const expected = rounds(0).map((values, round) => values.map((value, i) => value + vector(1, round)[i]!));
    expect(own).toEqual(expected);
    expect((await workers[0])!.results).toEqual(expected);
    // Then all three replicas.
    const third = [participant(group, 1, rounds(1), 3), participant(group, 2, rounds(2), 3)];
    const all = rounds(0).map((values) => [...reducer.reduce(Float64Array.from(values), 3)]);
    const sums = rounds(0).map((values, round) =>
      values.map((value, i) => value + vector(1, round)[i]! + vector(2, round)[i]!),
    );
    expect(all).toEqual(sums);
    for (const outcome of await Promise.all(third)) expect(outcome.results).toEqual(sums);
  });

  it('makes a waiting replica throw at once when another one aborts (a failing replica)', async () => {
    const group = SharedAllReduce.group(2, 3, 60_000);
    const rounds = [vector(1, 0), vector(1, 1)];
    const worker = participant(group, 1, rounds, 2, { at: 1, how: 'abort' });
    const reducer = new SharedAllReduce(group, 0);
    reducer.reduce(Float64Array.from(vector(0, 0)), 2);
    const started = performance.now();
    expect(() => reducer.reduce(Float64Array.from(vector(0, 1)), 2)).toThrow(ALL_REDUCE_ABORTED);
    expect(performance.now() - started).toBeLessThan(30_000);
    expect((await worker).results).toHaveLength(1);
    // The group stays aborted until reset (between steps, when no replica is inside reduce).
    expect(() => reducer.reduce(Float64Array.from(vector(0, 2)), 2)).toThrow(ALL_REDUCE_ABORTED);
    reducer.reset();
    const again = participant(group, 1, [vector(1, 5)], 2);
    expect([...reducer.reduce(Float64Array.from(vector(0, 5)), 2)]).toEqual((await again).results[0]);
  });

  it('times out waiting for a replica that vanished, and aborts the group for the others', async () => {
    const group = SharedAllReduce.group(3, 3, 300);
    const gone = participant(group, 1, [vector(1, 0)], 3, { at: 0, how: 'vanish' });
    await gone;
    const waiting = participant(group, 2, [vector(2, 0), vector(2, 1)], 3);
    const reducer = new SharedAllReduce(group, 0);
    expect(() => reducer.reduce(Float64Array.from(vector(0, 0)), 3)).toThrow(/waited 300 ms/);
    const outcome = await waiting;
    expect(outcome.error).toMatch(/aborted|waited/);
  });

  it('checks its arguments', () => {
    expect(() => SharedAllReduce.group(0, 4, 1000)).toThrow(RangeError);
    expect(() => SharedAllReduce.group(2, 0, 1000)).toThrow(RangeError);
    expect(() => SharedAllReduce.group(2, 4, 0)).toThrow(RangeError);
    const group = SharedAllReduce.group(2, 2, 1000);
    expect(() => new SharedAllReduce(group, 2)).toThrow(/replica must be an integer in \[0, 1\], got 2/);
    const reducer = new SharedAllReduce(group, 1);
    expect(() => reducer.reduce(new Float64Array(2), 3)).toThrow(RangeError);
    expect(() => reducer.reduce(new Float64Array(2), 1)).toThrow(/not among the 1 participants/);
    expect(() => new SharedAllReduce(group, 0).reduce(new Float64Array(3), 2)).toThrow(/holds 2/);
    expect([...new SharedAllReduce(group, 0).reduce(Float64Array.from([1, 2]), 1)]).toEqual([1, 2]);
  });
});

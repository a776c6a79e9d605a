import { join } from 'node:path';
import { loadCheckpoint, saveCheckpoint } from '@wrn/checkpoint/node';
import { writeSyntheticCifar } from '@wrn/data/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, temporaryDirectory } from './run-cli.js';

// A run folder written before runs recorded their dropout mask generator: the run state of its last.safetensors
// has no 'dropoutMaskGenerator'.
const data = temporaryDirectory();
const tiny = ['--data-dir', data, '--runtime', 'reference', '--batch-size', '2', '--limit-train', '4'];

async function olderRun(dropout: string): Promise<string> {
  const run = join(temporaryDirectory(), 'run');
  const flags = ['--model', 'WRN-10-1', '--dropout', dropout, '--epochs', '2', '--limit-test', '2'];
  const started = await runCli(['train', ...flags, ...tiny, '--out', run]);
  expect(started.code, started.stderr).toBe(0);
  const path = join(run, 'last.safetensors');
  const checkpoint = await loadCheckpoint(path);
  const state = JSON.parse(checkpoint.metadata['wrn.run']!);
  expect(state.dropoutMaskGenerator).toBe('wrn-counter-1');
  // Back to epoch 1 of 2, as a run interrupted there, without the generator.
  const { dropoutMaskGenerator: _recorded, ...older } = { ...state, epoch: 1, batch: 0 };
  await saveCheckpoint(path, { ...checkpoint, metadata: { 'wrn.run': JSON.stringify(older) } });
  return run;
}

beforeAll(() => {
  writeSyntheticCifar(data, { classes: 10, trainPerClass: 1, testPerClass: 1, seed: 1, layout: 'cifar10' });
});

describe('wrn train --resume of a run written before runs recorded their dropout mask generator', () => {
  it('stops with one line naming the run folder, both generators and the fix when the model has dropout', async () => {
    const run = await olderRun('0.3');
    const result = await runCli(['train', '--out', run, '--resume']);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^training WRN-10-1 on cifar10 /); // the data and runtime load first
    expect(lines.slice(1).join('\n')).toBe(
      `wrn train: run folder ${run} was trained with dropout masks from a generator it did not record (it was ` +
        "written before runs recorded one), but this version draws them with 'wrn-counter-1'; start a new run, or " +
        `train it on with the version that wrote it (a new run can start from its weights: --init ${run}/last.safetensors)`,
    );
  });

  it('resumes a run without dropout, whose masks do not matter', async () => {
    const run = await olderRun('0');
    const result = await runCli(['train', '--out', run, '--resume', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'completed' });
  });
});

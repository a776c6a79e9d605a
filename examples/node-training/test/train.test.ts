// Runs the example end to end on a small synthetic CIFAR-10 (official binary layout) so it never rots.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSyntheticCifar } from '@wrn/data/node';
import { expect, it } from 'vitest';

it('train.mjs trains, evaluates and checkpoints', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wrn-example-'));
  writeSyntheticCifar(join(dir, 'data'), {
    classes: 10,
    trainPerClass: 4,
    testPerClass: 2,
    seed: 1,
    layout: 'cifar10',
  });
  const run = spawnSync(process.execPath, ['train.mjs', join(dir, 'data'), join(dir, 'run')], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { ...process.env, MODEL: 'WRN-10-1', EPOCHS: '1', BATCH: '20', BACKEND: 'wasm' },
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toMatch(/epoch 1\/1: train loss \d/);
  expect(
    readFileSync(join(dir, 'run', 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n'),
  ).toHaveLength(1);
});

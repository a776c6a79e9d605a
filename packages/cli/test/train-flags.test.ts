import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCheckpoint } from '@wrn/checkpoint/node';
import { writeSyntheticCifar } from '@wrn/data/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, temporaryDirectory } from './run-cli.js';

// --init FILE and --resume start from a spec that exists: the flags given must apply over it or stop with one line.
const data = temporaryDirectory();
const init = join(temporaryDirectory(), 'init.safetensors'); // WRN-10-1, paper, 10 classes, dropout 0.3
const common = ['--data-dir', data, '--runtime', 'reference', '--batch-size', '2', '--limit-train', '2'];
const tiny = [...common, '--limit-test', '2', '--epochs', '1'];
const recordedSpec = (run: string) => JSON.parse(readFileSync(join(run, 'config.json'), 'utf8')).spec;

beforeAll(async () => {
  writeSyntheticCifar(data, { classes: 10, trainPerClass: 1, testPerClass: 1, seed: 1, layout: 'cifar10' });
  const made = await runCli(['init', 'WRN-10-1', '--seed', '1', '--out', init]);
  expect(made.code, made.stderr).toBe(0);
});

describe('wrn train --init FILE with model flags', () => {
  it('applies --dropout over the file and records it; matching architecture flags are accepted', async () => {
    const run = join(temporaryDirectory(), 'run');
    const args = ['train', '--init', init, '--model', 'WRN-10-1', '--variant', 'paper', '--classes', '10'];
    const result = await runCli([...args, '--dropout', '0', ...tiny, '--out', run]);
    expect(result.code, result.stderr).toBe(0);
    expect(recordedSpec(run).dropout).toBe(0);
    expect((await loadCheckpoint(join(run, 'last.safetensors'))).spec.dropout).toBe(0);
    const plain = join(temporaryDirectory(), 'run');
    expect((await runCli(['train', '--init', init, ...tiny, '--out', plain])).code).toBe(0);
    expect(recordedSpec(plain)).toMatchObject({ dropout: 0.3, depth: 10, widenFactor: 1 }); // the file's
  });

  it.each([
    [['--model', 'WRN-16-4'], "--model WRN-16-4 does not match FILE (WRN-10-1); pass the file's value"],
    [['--model', 'WRN-10-1-B(3)'], '--model WRN-10-1-B(3) does not match FILE (WRN-10-1)'],
    [['--variant', 'seed-keras'], '--variant seed-keras does not match FILE (paper)'],
    [['--classes', '100'], '--classes 100 does not match FILE (10)'],
  ])('stops on %j that disagrees with the file, naming both values', async (flags, message) => {
    const run = join(temporaryDirectory(), 'run');
    const result = await runCli(['train', '--init', init, ...flags, ...tiny, '--out', run]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(message.replace('FILE', init));
    expect(existsSync(run)).toBe(false); // nothing half-written
  });
});

describe('wrn train --resume with flags', () => {
  const run = join(temporaryDirectory(), 'run');

  beforeAll(async () => {
    const started = await runCli(['train', '--model', 'WRN-10-1', ...tiny, '--out', run]);
    expect(started.code, started.stderr).toBe(0);
  });

  it.each([
    [['--dropout', '0'], '--dropout 0 would change the run in RUN, recorded with dropout 0.3 (config.json)'],
    [['--model', 'WRN-16-4'], '--model WRN-16-4 would change the run in RUN, recorded with model WRN-10-1'],
    [['--classes', '100'], '--classes 100 would change the run in RUN, recorded with classes 10'],
    [['--epochs', '3'], '--epochs 3 would change the run in RUN, recorded with epochs 1'],
    [['--lr', '0.5'], '--lr 0.5 would change the run in RUN, recorded with lr 0.1'],
    [['--seed', '4'], '--seed 4 would change the run in RUN, recorded with seed 0'],
    [['--init', init], '--init applies to a new run'],
  ])('refuses %j that would change the recorded run', async (flags, message) => {
    const result = await runCli(['train', '--out', run, '--resume', ...flags]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(message.replace('RUN', run));
  });

  it('accepts the recorded values again and a different runtime, backend and threads', async () => {
    const result = await runCli([
      'train',
      '--out',
      run,
      '--resume',
      '--dropout',
      '0.3',
      '--epochs',
      '1',
      '--runtime',
      'tfjs',
      '--backend',
      'wasm',
      '--threads',
      '1',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'completed', epochs: 1 });
  });
});

// How a `wrn plot` argument names a run and finds its metrics file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSource } from '../src/curves/run-source.js';
import { temporaryDirectory } from './run-cli.js';

describe('runSource', () => {
  const folder = temporaryDirectory();
  const run = join(folder, 'wrn-16-4');
  const odd = join(folder, 'lr=0.1');
  for (const directory of [run, odd]) {
    mkdirSync(directory);
    writeFileSync(join(directory, 'metrics.jsonl'), '');
  }
  writeFileSync(join(folder, 'torch-seed-1.jsonl'), '');

  it('names a run after its folder, or a file after itself unless it is metrics.jsonl', () => {
    expect(runSource(run)).toEqual({ label: 'wrn-16-4', metricsPath: join(run, 'metrics.jsonl') });
    expect(runSource(join(run, 'metrics.jsonl')).label).toBe('wrn-16-4');
    expect(runSource(join(folder, 'torch-seed-1.jsonl')).label).toBe('torch-seed-1');
  });

  it('takes NAME=PATH, unless the whole argument is an existing path', () => {
    expect(runSource(`ours=${run}`)).toEqual({ label: 'ours', metricsPath: join(run, 'metrics.jsonl') });
    expect(runSource(odd).label).toBe('lr=0.1');
    expect(() => runSource(`=${run}`)).toThrow(`'=${run}' names no run: write PATH or NAME=PATH`);
    expect(() => runSource('ours=')).toThrow("'ours=' names no run");
  });
});

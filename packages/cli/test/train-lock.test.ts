import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticCifar } from '@wrn/data/node';
import { describe, expect, it } from 'vitest';
import { runCli, temporaryDirectory } from './run-cli.js';

describe('wrn train holds its run folder', () => {
  it('refuses to resume a run folder another live process holds, naming it in one line', async () => {
    const data = temporaryDirectory();
    writeSyntheticCifar(data, { classes: 10, trainPerClass: 1, testPerClass: 1, seed: 1, layout: 'cifar10' });
    const run = join(temporaryDirectory(), 'run');
    const tiny = ['--data-dir', data, '--runtime', 'reference', '--batch-size', '2', '--limit-train', '2'];
    const first = await runCli(['train', '--model', 'WRN-10-1', ...tiny, '--epochs', '1', '--out', run]);
    expect(first.code, first.stderr).toBe(0);
    // This test's process stands for a run still training there.
    const lock = { pid: process.pid, host: hostname(), startedAt: '2025-01-01T00:00:00.000Z' };
    writeFileSync(join(run, 'run.lock'), JSON.stringify(lock));
    const second = await runCli(['train', '--out', run, '--resume']);
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(
      `wrn train: run folder ${run} is in use by process ${process.pid} on this host (since 2025-01-01T00:00:00.000Z); wait for it to finish or stop it\n`,
    );
  });
});

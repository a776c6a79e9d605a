import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCheckpoint } from '@wrn/checkpoint/node';
import { describe, expect, it } from 'vitest';
import { train } from '../src/index.js';
import { options, temporaryDirectory, tinyRecipe } from './helpers.js';

const child = fileURLToPath(new URL('./fixtures/train-child.mjs', import.meta.url));

/** Runs the child until it prints `line`, then sends `signal`; resolves with its exit code and output. */
function runUntil(
  runDir: string,
  line: string,
  signal: NodeJS.Signals,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const process = spawn('node', [child, runDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let sent = false;
    process.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!sent && output.split('\n').includes(line)) {
        sent = true;
        process.kill(signal);
      }
    });
    process.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    process.on('error', reject);
    process.on('close', (code) => resolve({ code, output }));
  });
}

const runState = async (dir: string) =>
  JSON.parse((await loadCheckpoint(join(dir, 'last.safetensors'))).metadata['wrn.run'] ?? '{}') as {
    epoch: number;
    batch: number;
  };

describe('signals', () => {
  it('saves mid-epoch on SIGINT, exits 130, and the resumed run finishes like an uninterrupted one', async () => {
    const dir = temporaryDirectory();
    const { code, output } = await runUntil(dir, 'batch 1 1', 'SIGINT');
    expect(code, output).toBe(130);
    expect(output).toContain('status interrupted');
    const state = await runState(dir);
    expect(state.epoch).toBe(1);
    expect(state.batch).toBeGreaterThanOrEqual(1);

    const resumed = await train({ ...options(dir, tinyRecipe()), resume: true });
    const straight = await train(options(temporaryDirectory(), tinyRecipe()));
    expect(resumed.metrics.map((line) => line.trainLoss)).toEqual(
      straight.metrics.map((line) => expect.closeTo(line.trainLoss, 6)),
    );
  });

  it('leaves the last complete checkpoint valid when killed with SIGKILL mid-epoch', async () => {
    const dir = temporaryDirectory();
    const { code } = await runUntil(dir, 'batch 1 2', 'SIGKILL');
    expect(code).toBe(null);
    expect(await runState(dir)).toMatchObject({ epoch: 1, batch: 0 });
    const resumed = await train({ ...options(dir, tinyRecipe()), resume: true });
    expect(resumed.status).toBe('completed');
    expect(resumed.metrics.map((line) => line.epoch)).toEqual([0, 1, 2]);
  });
});

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadCheckpoint } from '@wrn/checkpoint/node';
import { describe, expect, it } from 'vitest';
import { runCli, temporaryDirectory } from './run-cli.js';

describe('wrn summary', () => {
  it('prints WRN-28-10 totals as JSON (PyTorch trainable count, ~5.243 G MACs)', async () => {
    const { code, stdout } = await runCli(['summary', 'WRN-28-10', '--json']);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.trainableParams).toBe(36_479_194);
    expect(summary.nonTrainableParams).toBe(17_952);
    expect(summary.macs / 1e9).toBeCloseTo(5.243, 3);
  });

  it('prints the table for a variant and class count', async () => {
    const { code, stdout } = await runCli([
      'summary',
      'WRN-28-10',
      '--variant',
      'seed-keras',
      '--classes',
      '100',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('WRN-28-10 (seed-keras, 100 classes)');
  });

  it('explains an invalid depth in one line, exit 1, no stack trace', async () => {
    const { code, stderr } = await runCli(['summary', 'WRN-27-10']);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/depth 27 .*nearest valid depths are 22 and 28/);
  });

  it('rejects unknown commands and options with exit 2', async () => {
    expect((await runCli(['sumary'])).code).toBe(2);
    const unknownOption = await runCli(['summary', 'WRN-16-4', '--widen', '3']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toMatch(/Unknown option '--widen'; see 'wrn summary --help'/);
  });

  it('shows help with an example for every command', async () => {
    for (const command of [
      'summary',
      'init',
      'train',
      'eval',
      'predict',
      'export',
      'conformance',
      'bench',
      'plot',
      'data',
    ]) {
      const { code, stdout } = await runCli([command, '--help']);
      expect(code, command).toBe(0);
      expect(stdout, command).toMatch(/Example:\n\s+wrn /);
    }
  });
});

describe('wrn init', () => {
  it('writes a checkpoint that records its spec and the canonical parameters', async () => {
    const dir = temporaryDirectory();
    const out = join(dir, 'w.safetensors');
    const { code } = await runCli([
      'init',
      'WRN-10-2',
      '--variant',
      'seed-pytorch',
      '--seed',
      '3',
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    const checkpoint = await loadCheckpoint(out);
    expect(checkpoint.spec.variant).toBe('seed-pytorch');
    expect(checkpoint.weights.get('group0.block0.shortcut.conv.bias')?.shape).toEqual([32]);
  });

  it('leaves no partial file when the folder does not exist', async () => {
    const dir = temporaryDirectory();
    const { code, stderr } = await runCli([
      'init',
      'WRN-10-1',
      '--seed',
      '1',
      '--out',
      join(dir, 'missing', 'w.safetensors'),
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/cannot write/);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('requires --seed and --out', async () => {
    const { code, stderr } = await runCli(['init', 'WRN-10-1', '--out', 'x.safetensors']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--seed is required/);
  });
});

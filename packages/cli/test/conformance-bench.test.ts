import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('wrn conformance', () => {
  it('prints the runtime x case table as JSON for the reference', async () => {
    const { code, stdout } = await runCli(['conformance', '--runtime', 'reference', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.failed).toBe(0);
    expect(report.rows.map((row: { case: string }) => row.case)).toContain('train-step');
    expect(
      report.rows.every(
        (row: { runtime: string; status: string }) => row.runtime === 'reference' && row.status === 'pass',
      ),
    ).toBe(true);
  });

  it('skips what a runtime cannot do, by capability, with the reason (ONNX cannot train)', async () => {
    const { code, stdout } = await runCli(['conformance', '--runtime', 'onnx', '--json']);
    expect(code).toBe(0);
    const rows: { case: string; status: string; reason?: string }[] = JSON.parse(stdout).rows;
    expect(rows.find((row) => row.case === 'eval-forward')?.status).toBe('pass');
    expect(rows.find((row) => row.case === 'training-forward')).toMatchObject({
      status: 'skip',
      reason: 'onnx cannot train (supportsTraining is false)',
    });
    expect(rows.find((row) => row.case === 'train-step')?.reason).toMatch(/cannot train/);
    expect(rows.find((row) => row.case === 'bad-input')?.status).toBe('pass');
  });

  it('rejects an unknown runtime with exit 2', async () => {
    const { code, stderr } = await runCli(['conformance', '--runtime', 'torch']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown runtime 'torch'/);
  });
});

describe('wrn bench', () => {
  it('reports images per second as JSON rows', async () => {
    const { code, stdout } = await runCli([
      'bench',
      '--runtime',
      'tfjs/wasm',
      '--model',
      'WRN-10-1',
      '--batch',
      '4',
      '--iterations',
      '1',
      '--mode',
      'train',
      '--json',
    ]);
    expect(code).toBe(0);
    const [row] = JSON.parse(stdout);
    expect(row).toMatchObject({ runtime: 'tfjs', backend: 'wasm', batch: 4, mode: 'train' });
    expect(row.imagesPerSecond).toBeGreaterThan(0);
  });

  it('explains a backend that is not installed, exit 3', async () => {
    const { code, stderr } = await runCli(['bench', '--runtime', 'tfjs/tensorflow', '--model', 'WRN-10-1']);
    expect(code).toBe(3);
    expect(stderr).toMatch(/tfjs-node/);
  });
});

import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('wrn conformance', () => {
  it('prints the runtime x case table as JSON for the reference, and each case on stderr as it finishes', async () => {
    const { code, stdout, stderr } = await runCli(['conformance', '--runtime', 'reference', '--json']);
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /^reference\/float64 {2}train-step {2}WRN-10-1 paper B\(3,3\) 8x8 batch 3 {2}pass {2}\d+\.\d s$/m,
    );
    for (const row of JSON.parse(stdout).rows) expect(stderr).toContain(`  ${row.case}  `);
    const report = JSON.parse(stdout);
    expect(report.failed).toBe(0);
    expect(report.rows.map((row: { case: string }) => row.case)).toContain('train-step');
    expect(
      report.rows.every(
        (row: { runtime: string; status: string }) => row.runtime === 'reference' && row.status === 'pass',
      ),
    ).toBe(true);
  });

  it('runs the training cases on ONNX, resource hygiene included (it reports memory): nothing skipped', async () => {
    const { code, stdout } = await runCli([
      'conformance',
      '--runtime',
      'onnx',
      '--cases',
      'eval-forward,training-forward,train-step,resource-hygiene,bad-input',
      '--json',
    ]);
    expect(code).toBe(0);
    const rows: { case: string; status: string; reason?: string }[] = JSON.parse(stdout).rows;
    expect(rows.map((row) => [row.case, row.status])).toEqual([
      ['eval-forward', 'pass'],
      ['training-forward', 'pass'],
      ['train-step', 'pass'],
      ['resource-hygiene', 'pass'],
      ['bad-input', 'pass'],
    ]);
  });

  it('the quick level skips what a runtime package excludes, with its reason; --level full runs it', async () => {
    const quick = await runCli(['conformance', '--runtime', 'tfjs/cpu', '--cases', 'eval-forward', '--json']);
    expect(quick.code).toBe(0);
    expect(JSON.parse(quick.stdout).rows).toMatchObject([
      {
        case: 'eval-forward',
        status: 'pass',
        reason: expect.stringMatching(/^1 of 4 specs skipped: excluded: /),
      },
    ]);
    expect(quick.stderr).toMatch(
      /^tfjs\/cpu {2}eval-forward {2}WRN-10-1 paper B\(3,3\) 32x32 batch 1 {2}skip /m,
    );
    const full = await runCli([
      'conformance',
      '--runtime',
      'tfjs/cpu',
      '--level',
      'full',
      '--cases',
      'eval-forward',
    ]);
    expect(full.code).toBe(0);
    expect(full.stderr).toMatch(
      /^tfjs\/cpu {2}eval-forward {2}WRN-10-1 paper B\(3,3\) 32x32 batch 3 {2}pass {2}\d+\.\d s$/m,
    );
    expect(full.stderr).not.toMatch(/ skip /);
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
    expect(row.peakRssMegabytes).toBeGreaterThan(0);
    expect(row).not.toHaveProperty('rssMegabytes');
  });

  it('prints the peak RSS in its line', async () => {
    const { code, stdout, stderr } = await runCli([
      'bench',
      '--runtime',
      'reference',
      '--model',
      'WRN-10-1',
      '--batch',
      '1',
      '--iterations',
      '1',
    ]);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(
      /^reference\/float64 +WRN-10-1 batch 1 infer: \d+\.\d img\/s, \d+ ms\/batch, peak RSS \d+ MB\n$/,
    );
  });

  it('trains on the runtime wrn train uses by default (onnx here)', async () => {
    const args = [
      '--model',
      'WRN-10-1',
      '--batch',
      '4',
      '--iterations',
      '1',
      '--mode',
      'train',
      '--threads',
      '1',
    ];
    const { code, stdout, stderr } = await runCli(['bench', ...args, '--json']);
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject([
      { runtime: 'onnx', backend: 'cpu-execution-provider', batch: 4, mode: 'train' },
    ]);
  });

  it('explains a backend that is not installed, exit 3', async () => {
    const { code, stderr } = await runCli(['bench', '--runtime', 'tfjs/tensorflow', '--model', 'WRN-10-1']);
    expect(code).toBe(3);
    expect(stderr).toMatch(/tfjs-node/);
  });
});

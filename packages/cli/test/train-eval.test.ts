import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeSyntheticCifar } from '@wrn/data/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, temporaryDirectory } from './run-cli.js';

// Synthetic CIFAR-10 files (official binary layout, learnable class patterns) and a tiny WRN on tfjs wasm.
const data = temporaryDirectory();
const common = ['--data-dir', data, '--runtime', 'tfjs', '--backend', 'wasm'];
const trainArgs = (out: string, epochs: number) => [
  'train',
  '--model',
  'WRN-10-1',
  ...common,
  '--epochs',
  String(epochs),
  '--batch-size',
  '20',
  '--lr',
  '0.05',
  '--seed',
  '1',
  '--out',
  out,
];

beforeAll(() => {
  writeSyntheticCifar(data, { classes: 10, trainPerClass: 8, testPerClass: 4, seed: 1, layout: 'cifar10' });
});

describe('wrn train / eval / predict / export / plot', () => {
  const run = join(temporaryDirectory(), 'run');

  it('trains into a run folder and reports the final test error', async () => {
    const { code, stdout, stderr } = await runCli([...trainArgs(run, 2), '--json']);
    expect(code, stderr).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ status: 'completed', epochs: 2, runDir: run });
    const lines = readFileSync(join(run, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[1].testTop1Error).toBe(summary.top1Error);
    expect(JSON.parse(readFileSync(join(run, 'config.json'), 'utf8')).recipe.batchSize).toBe(20);
  });

  it('evaluates the checkpoint to the error the training loop measured, on tfjs and on ONNX', async () => {
    const metrics = readFileSync(join(run, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .at(-1);
    for (const runtime of [
      ['--runtime', 'tfjs', '--backend', 'wasm'],
      ['--runtime', 'onnx'],
    ]) {
      const { code, stdout, stderr } = await runCli([
        'eval',
        '--checkpoint',
        join(run, 'last.safetensors'),
        '--data-dir',
        data,
        ...runtime,
        '--json',
      ]);
      expect(code, stderr).toBe(0);
      const result = JSON.parse(stdout);
      expect(result.n).toBe(40);
      expect(result.top1Error).toBeCloseTo(metrics.testTop1Error, 10);
      expect(result.loss).toBeCloseTo(metrics.testLoss, 3);
      expect(result.confusion.flat().reduce((a: number, b: number) => a + b, 0)).toBe(40);
    }
  });

  it('predicts top-5 classes with logits', async () => {
    const { code, stdout } = await runCli([
      'predict',
      '--checkpoint',
      join(run, 'best.safetensors'),
      '--data-dir',
      data,
      '--limit',
      '3',
      ...common.slice(2),
      '--json',
    ]);
    expect(code).toBe(0);
    const { predictions } = JSON.parse(stdout);
    expect(predictions).toHaveLength(3);
    expect(predictions[0].logits).toHaveLength(10);
    expect(predictions[0].top5).toHaveLength(5);
    const total = predictions[0].top5.reduce(
      (sum: number, entry: { probability: number }) => sum + entry.probability,
      0,
    );
    expect(total).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('exports ONNX and plots the curves', async () => {
    const onnx = join(temporaryDirectory(), 'model.onnx');
    expect(
      (
        await runCli([
          'export',
          '--checkpoint',
          join(run, 'best.safetensors'),
          '--format',
          'onnx',
          '--fold-bn',
          '--out',
          onnx,
        ])
      ).code,
    ).toBe(0);
    expect(readFileSync(onnx).length).toBeGreaterThan(100_000);
    const svg = join(run, 'curves.svg');
    expect((await runCli(['plot', run, '--out', svg])).code).toBe(0);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg[\s\S]*top-1 error[\s\S]*<\/svg>$/);
  });

  it('saves and exits 130 on Ctrl-C, then resumes to completion', async () => {
    const out = join(temporaryDirectory(), 'run');
    let sent = false; // one Ctrl-C: a second one quits at once
    const first = await runCli(trainArgs(out, 3), {
      onStderr: (text, kill) => {
        if (!sent && /epoch 1\/3 /.test(text)) {
          sent = true;
          kill('SIGINT');
        }
      },
    });
    expect(first.code, first.stderr).toBe(130);
    expect(first.stderr).toMatch(/resume with: wrn train --out .* --resume/);
    const resumed = await runCli(['train', '--out', out, '--resume', '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout).epochs).toBe(3);
  });
});

describe('wrn error paths', () => {
  it('refuses a missing or corrupt checkpoint with one line and exit 1', async () => {
    const missing = await runCli(['eval', '--checkpoint', '/nonexistent/x.safetensors', '--data-dir', data]);
    expect([missing.code, missing.stderr.trim()]).toEqual([
      1,
      'wrn eval: checkpoint /nonexistent/x.safetensors does not exist',
    ]);
    const corrupt = join(temporaryDirectory(), 'bad.safetensors');
    writeFileSync(corrupt, Buffer.from('this is not a safetensors file at all'));
    const bad = await runCli([
      'export',
      '--checkpoint',
      corrupt,
      '--format',
      'onnx',
      '--out',
      join(temporaryDirectory(), 'x.onnx'),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/checkpoint .*bad\.safetensors cannot be read/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it('explains missing data and how to get it', async () => {
    const { code, stderr } = await runCli(
      ['train', '--model', 'WRN-10-1', '--out', join(temporaryDirectory(), 'r')],
      { env: { WRN_DATA_DIR: temporaryDirectory() } },
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/no cifar10 data found .* pass --download .* or --data-dir DIR/);
  });

  it('refuses to overwrite an existing run', async () => {
    const out = join(temporaryDirectory(), 'run');
    expect((await runCli(trainArgs(out, 1))).code).toBe(0);
    const again = await runCli(trainArgs(out, 1));
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds a run; pass --resume/);
  });
});

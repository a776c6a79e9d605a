import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeSyntheticCifar } from '@wrn/data/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { CUDA_INSTALL_COMMAND } from '../src/onnx-backend.js';
import { runCli, temporaryDirectory, type CliResult } from './run-cli.js';

// `wrn train` on ONNX Runtime, the default where onnxruntime-node loads (as here): a tiny WRN on synthetic CIFAR-10.
const data = temporaryDirectory();
const trainArgs = (out: string, epochs: number, runtime: string[] = []) => [
  'train',
  '--model',
  'WRN-10-1',
  '--data-dir',
  data,
  '--epochs',
  String(epochs),
  '--batch-size',
  '20',
  '--micro-batch-size',
  '10', // two micro-batches a step: the loop's gradient accumulation on onnx
  '--lr',
  '0.05',
  '--seed',
  '1',
  '--out',
  out,
  ...runtime,
];
const metrics = (run: string) =>
  readFileSync(join(run, 'metrics.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

/** Trains `args` and sends one Ctrl-C once epoch 1 is reported (a second one would quit at once). */
function interruptAfterFirstEpoch(args: string[]): Promise<CliResult> {
  let sent = false;
  return runCli(args, {
    onStderr: (text, kill) => {
      if (!sent && /epoch 1\/\d+ /.test(text)) {
        sent = true;
        kill('SIGINT');
      }
    },
  });
}

beforeAll(() => {
  writeSyntheticCifar(data, { classes: 10, trainPerClass: 8, testPerClass: 4, seed: 1, layout: 'cifar10' });
});

describe('wrn train on onnx', () => {
  const run = join(temporaryDirectory(), 'run');

  it('is the default runtime; the startup line names it, its provider and threads', async () => {
    const { code, stdout, stderr } = await runCli([...trainArgs(run, 2), '--threads', '1', '--json']);
    expect(code, stderr).toBe(0);
    expect(stderr.split('\n')[0]).toMatch(
      /^training WRN-10-1 on cifar10 \(80 train \/ 40 test images\) with onnx\/cpu-execution-provider on 1 onnxruntime thread into /,
    );
    expect(JSON.parse(stdout)).toMatchObject({ status: 'completed', epochs: 2 });
    expect(metrics(run)).toHaveLength(2);
    expect(metrics(run)[1].trainLoss).toBeLessThan(metrics(run)[0].trainLoss); // it learns
    expect(JSON.parse(readFileSync(join(run, 'config.json'), 'utf8')).runtime.name).toBe('onnx');
  });

  it('writes checkpoints that evaluate to the error its loop measured on reference, tfjs and onnx', async () => {
    const last = metrics(run).at(-1);
    for (const runtime of [['--runtime', 'reference'], ['--runtime', 'tfjs', '--backend', 'wasm'], []]) {
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
      expect(result.runtime).toBe(runtime[1] ?? 'onnx');
      expect(result.top1Error).toBeCloseTo(last.testTop1Error, 10);
      expect(result.loss).toBeCloseTo(last.testLoss, 3);
    }
  });

  it('saves on Ctrl-C and resumes on the recorded runtime to completion', async () => {
    const out = join(temporaryDirectory(), 'run');
    const first = await interruptAfterFirstEpoch(trainArgs(out, 3));
    expect(first.code, first.stderr).toBe(130);
    expect(first.stderr).toMatch(/resume with: wrn train --out .* --resume/);
    const resumed = await runCli(['train', '--out', out, '--resume', '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/with onnx\/cpu-execution-provider/);
    expect(JSON.parse(resumed.stdout).epochs).toBe(3);
    expect(metrics(out).map((line) => line.epoch)).toEqual([0, 1, 2]);
  });

  it('resumes a tfjs wasm run on onnx (the recorded --backend wasm stays with tfjs)', async () => {
    const out = join(temporaryDirectory(), 'run');
    const first = await interruptAfterFirstEpoch(
      trainArgs(out, 2, ['--runtime', 'tfjs', '--backend', 'wasm']),
    );
    expect(first.code, first.stderr).toBe(130);
    const resumed = await runCli(['train', '--out', out, '--resume', '--runtime', 'onnx', '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/with onnx\/cpu-execution-provider/);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ status: 'completed', epochs: 2 });
  });
});

describe('wrn train --backend for onnx', () => {
  const tiny = (backend: string) => [
    'train',
    '--model',
    'WRN-10-1',
    '--data-dir',
    data,
    '--epochs',
    '1',
    '--batch-size',
    '2',
    '--limit-train',
    '2',
    '--limit-test',
    '2',
    '--backend',
    backend,
    '--out',
    join(temporaryDirectory(), 'run'),
  ];

  it('names how to get CUDA where its provider cannot load: one line, exit 3', async () => {
    const result = await runCli(tiny('cuda'));
    if (result.code === 0) {
      // A machine with onnxruntime-node's CUDA binaries, CUDA 12 and cuDNN 9 trains on it.
      expect(result.stderr).toMatch(/with onnx\/cuda-execution-provider/);
      return;
    }
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^wrn train: onnx execution provider 'cuda' cannot be used here \(.+\); /);
    expect(result.stderr).toContain(
      `${CUDA_INSTALL_COMMAND} (add -g for a global wrn; needs CUDA 12 and cuDNN 9`,
    );
    expect(result.stderr.trim()).toMatch(/, or use --backend cpu$/);
  });

  it('refuses a provider onnxruntime-node does not have, listing the ones it has: exit 2', async () => {
    const result = await runCli(tiny('rocm'));
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(
      /^wrn train: --backend: onnxruntime-node has no execution provider 'rocm'; use one of cpu, .*cuda/,
    );
  });
});

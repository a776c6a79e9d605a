import { join } from 'node:path';
import { writeSyntheticCifar } from '@wrn/data/node';
import { swiftShaderEnvironment } from '@wrn/runtime-webgpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, temporaryDirectory } from './run-cli.js';

// Every command that takes --runtime must exit once it is done, on every runtime: a runtime left holding a device
// (WebGPU) or threads keeps Node alive after the output is printed. Smallest network, a few synthetic images.
const data = temporaryDirectory();
const checkpoint = join(temporaryDirectory(), 'init.safetensors');
// SwiftShader (Debian's chromium, which .ci/run installs) gives Dawn a software adapter; without it webgpu is left out.
const webGpuEnvironment = swiftShaderEnvironment();
// Seconds on this machine; a runtime that keeps the process alive is killed here and fails the test.
const TIME_LIMIT_MS = 45_000;

// Each runtime as `--runtime NAME [--backend B]` (train, eval, predict) and as a list entry NAME[/B] (bench, conformance).
const RUNTIMES = ['reference', 'tfjs/wasm', 'tfjs/cpu', 'webgpu', 'onnx'] as const;
type RuntimeKey = (typeof RUNTIMES)[number];
const runtimeFlags = (runtime: RuntimeKey) => {
  const [name, backend] = runtime.split('/') as [string, string | undefined];
  return ['--runtime', name, ...(backend ? ['--backend', backend] : [])];
};
const available = (runtime: RuntimeKey) => runtime !== 'webgpu' || webGpuEnvironment !== undefined;

const COMMANDS: Record<string, { runtimes: readonly RuntimeKey[]; args: (runtime: RuntimeKey) => string[] }> =
  {
    train: {
      runtimes: RUNTIMES,
      args: (runtime) => [
        'train',
        '--model',
        'WRN-10-1',
        '--data-dir',
        data,
        '--epochs',
        '1',
        '--batch-size',
        '2', // one step: a tfjs/cpu training step of WRN-10-1 takes seconds
        '--limit-train',
        '2',
        '--limit-test',
        '2',
        '--out',
        join(temporaryDirectory(), 'run'),
        ...runtimeFlags(runtime),
      ],
    },
    eval: {
      runtimes: RUNTIMES,
      args: (runtime) => [
        'eval',
        '--checkpoint',
        checkpoint,
        '--data-dir',
        data,
        '--limit-test',
        '2',
        ...runtimeFlags(runtime),
      ],
    },
    predict: {
      runtimes: RUNTIMES,
      args: (runtime) => [
        'predict',
        '--checkpoint',
        checkpoint,
        '--data-dir',
        data,
        '--limit',
        '2',
        ...runtimeFlags(runtime),
      ],
    },
    bench: {
      runtimes: RUNTIMES,
      args: (runtime) => [
        'bench',
        '--runtime',
        runtime,
        '--model',
        'WRN-10-1',
        '--batch',
        '1',
        '--iterations',
        '1',
      ],
    },
    conformance: {
      runtimes: RUNTIMES,
      args: (runtime) => ['conformance', '--runtime', runtime, '--cases', 'parameter-inventory'],
    },
  };

beforeAll(async () => {
  writeSyntheticCifar(data, { classes: 10, trainPerClass: 1, testPerClass: 1, seed: 1, layout: 'cifar10' });
  const init = await runCli(['init', 'WRN-10-1', '--seed', '1', '--out', checkpoint]);
  expect(init.code, init.stderr).toBe(0);
});

describe('every command exits when it is done, with every runtime', () => {
  const cases = Object.entries(COMMANDS).flatMap(([command, { runtimes, args }]) =>
    runtimes.filter(available).map((runtime) => ({ command, runtime, args: args(runtime) })),
  );
  it.each(cases)('wrn $command --runtime $runtime', async ({ command, runtime, args }) => {
    const result = await runCli(args, {
      timeoutMs: TIME_LIMIT_MS,
      env: { ...(runtime === 'webgpu' ? { ...webGpuEnvironment, XDG_RUNTIME_DIR: '/tmp' } : {}) },
    });
    expect(result.timedOut, `still running after ${TIME_LIMIT_MS} ms:\n${result.stderr}`).toBe(false);
    expect(result.code, result.stderr).toBe(0);
    // conformance prints each case as it finishes, before the table.
    if (command === 'conformance')
      expect(result.stderr).toMatch(/^\S+ {2}parameter-inventory {2}.+ {2}pass {2}\d+\.\d s$/m);
  });
});

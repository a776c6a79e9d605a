// Training images/s and peak memory of the onnx runtime beside PyTorch and tfjs wasm on the same CPU.
//
//   npm run bench:train -w @wrn/runtime-onnx -- [--models WRN-16-4] [--batches 32] [--rounds 3] [--steps 3]
//                                               [--tfjs-rounds 1] [--no-torch]
//
// Every figure comes from a fresh process (bench/measure-training.mjs for onnx and tfjs wasm, Debian's PyTorch via
// scripts/python/bench_torch_train.py), so each peak RSS is that engine's own. Within a round the engines run one
// after another, so they see about the same machine load, printed with every round. Figures: median step of each
// run; the summary takes the best round of each engine (the least disturbed by other processes).
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repository = path.resolve(here, '../../..');
const { values: args } = parseArgs({
  options: {
    models: { type: 'string', default: 'WRN-16-4' },
    batches: { type: 'string', default: '32' },
    rounds: { type: 'string', default: '3' }, // three rounds: the best of three rides out a busy moment
    steps: { type: 'string', default: '3' }, // timed steps after a warm-up step, per run
    'tfjs-rounds': { type: 'string', default: '1' }, // tfjs wasm is slow at batch 32: once is enough for a ratio
    micro: { type: 'string' },
    threads: { type: 'string', default: '2' }, // one per core of the 2-core machine the figures come from
    'no-torch': { type: 'boolean', default: false },
  },
});
const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
const TUNED_ALLOCATOR = {
  MALLOC_MMAP_THRESHOLD_: '33554432',
  MALLOC_TRIM_THRESHOLD_: '4000000000',
  MALLOC_TOP_PAD_: '1000000000',
};

function runJson(command, commandArgs, env = process.env) {
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', env, maxBuffer: 1 << 24 });
  const line = result.stdout.split('\n').find((text) => text.startsWith('{'));
  if (!line)
    return {
      error: (result.stderr || result.stdout || String(result.error))
        .trim()
        .split('\n')
        .slice(-2)
        .join(' | '),
    };
  return JSON.parse(line);
}

function measure(engine, model, batch) {
  if (engine === 'pytorch') {
    const script = path.join(repository, 'scripts/python/bench_torch_train.py');
    const result = runJson(
      '/usr/bin/python3',
      [
        script,
        '--models',
        model,
        '--batches',
        String(batch),
        '--modes',
        'train',
        '--threads',
        args.threads,
        '--min-runs',
        args.steps,
        '--min-seconds',
        '0',
      ],
      { ...process.env, ...TUNED_ALLOCATOR },
    );
    return result.error
      ? result
      : {
          engine,
          imagesPerSecond: result.imagesPerSecond,
          peakRssMiB: result.peakRssMiB,
          note: `torch ${result.torch}`,
        };
  }
  const micro = args.micro ? [`--micro=${args.micro}`] : [];
  return runJson(process.execPath, [
    path.join(here, 'measure-training.mjs'),
    engine,
    model,
    String(batch),
    args.steps,
    `--threads=${args.threads}`,
    ...micro,
  ]);
}

const format = (value, digits = 1) => (value == null ? '-' : value.toFixed(digits));
console.log(
  `# @wrn/runtime-onnx training benchmark, ${os.cpus()[0]?.model ?? 'unknown CPU'} x${os.cpus().length}, node ${process.version}, ${args.threads} threads each`,
);
console.log(`# ${new Date().toISOString()}, loadavg at start ${load()}`);
for (const model of args.models.split(',')) {
  for (const batch of args.batches.split(',').map(Number)) {
    const best = new Map();
    for (let round = 0; round < Number(args.rounds); round++) {
      const engines = [
        'onnx',
        ...(args['no-torch'] ? [] : ['pytorch']),
        ...(round < Number(args['tfjs-rounds']) ? ['tfjs-wasm'] : []),
      ];
      for (const engine of engines) {
        const result = measure(engine, model, batch);
        const label = `${model} b${batch}${args.micro ? ` micro ${args.micro}` : ''} ${engine}`;
        if (result.error) {
          console.log(`${label}: skipped: ${result.error}`);
          continue;
        }
        const boundary = result.boundaryMs
          ? `  step boundary ${format(result.boundaryMs)} ms (${format((100 * result.boundaryMs * result.imagesPerSecond) / (1000 * batch))}% of a step)`
          : '';
        console.log(
          `round ${round + 1}  ${label.padEnd(28)} ${format(result.imagesPerSecond).padStart(7)} img/s  peak RSS ${format(result.peakRssMiB, 0).padStart(6)} MiB  load ${load()}${boundary}`,
        );
        const previous = best.get(engine);
        if (!previous || result.imagesPerSecond > previous.imagesPerSecond) best.set(engine, result);
      }
    }
    const torch = best.get('pytorch');
    const onnx = best.get('onnx');
    const tfjs = best.get('tfjs-wasm');
    const ratio = (a, b) => (a && b ? `x${(a.imagesPerSecond / b.imagesPerSecond).toFixed(2)}` : '-');
    const memory = (a, b) => (a && b ? `x${(a.peakRssMiB / b.peakRssMiB).toFixed(2)}` : '-');
    console.log(
      `summary ${model} b${batch}: onnx ${format(onnx?.imagesPerSecond)} img/s = ${ratio(onnx, torch)} PyTorch (${format(torch?.imagesPerSecond)}), ${ratio(onnx, tfjs)} tfjs wasm (${format(tfjs?.imagesPerSecond)}); peak RSS onnx ${format(onnx?.peakRssMiB, 0)} MiB = ${memory(onnx, torch)} PyTorch's (${format(torch?.peakRssMiB, 0)} MiB)`,
    );
  }
}

import { isTrainableExecutor, isTrainableRuntime } from '@wrn/core';
import { parseModelName, Random } from '@wrn/spec';
import { integerOption, parseCommand } from '../arguments.js';
import type { Command } from '../command.js';
import { EXIT_CODES, UserError } from '../errors.js';
import { peakRssMegabytes } from '../peak-rss.js';
import { defaultRuntime } from '../runtime-choice.js';
import { parseRuntimeList, runtimeFactory } from '../runtime-targets.js';

/** The options of `wrn bench` besides the common ones (each named in its help). */
const BENCH_OPTIONS = {
  runtime: { type: 'string' },
  model: { type: 'string' },
  batch: { type: 'string' },
  mode: { type: 'string' },
  iterations: { type: 'string' },
  threads: { type: 'string' },
} as const;

/**
 * `wrn bench`: images/s and ms per batch of inference or training per runtime, model and batch size.
 *
 * @example
 * await benchCommand.run(['--runtime', 'tfjs/wasm', '--model', 'WRN-16-4', '--batch', '32', '--json'], io);
 */
export const benchCommand: Command = {
  name: 'bench',
  options: BENCH_OPTIONS,
  summary: 'measure inference or training throughput (images/s, ms/batch, memory) per runtime',
  help: `Usage: wrn bench [--runtime LIST] [--model WRN-16-4] [--batch 32] [--mode infer|train]
                 [--iterations 3] [--threads N] [--json]

LIST is comma-separated runtime[/backend] entries (onnx/cuda, tfjs/wasm). Default: the runtime wrn train uses,
onnx when onnxruntime-node loads, else tfjs/auto, so a bare wrn bench --mode train measures what wrn train runs.
--threads N: onnx's intra-op threads (default one per physical core), tfjs wasm's instances (default 1).
Each measurement runs one warm-up batch, then --iterations timed batches of random data. Memory is the peak
resident set size of the process (process.resourceUsage().maxRSS), which only grows: after an earlier runtime in
LIST it includes that runtime's peak, so measure one runtime per command to compare memory. --json prints rows
{ runtime, backend, model, batch, mode, imagesPerSecond, msPerBatch, peakRssMegabytes }.

Example:
  wrn bench --runtime tfjs/wasm,onnx --model WRN-16-4 --batch 32 --mode infer
  wrn bench --mode train --model WRN-16-4 --batch 32 --threads 2`,
  async run(argv, io) {
    const { values } = parseCommand('bench', argv, BENCH_OPTIONS);
    const threads = integerOption(values.threads, '--threads', { min: 1 });
    const mode = values.mode ?? 'infer';
    if (mode !== 'infer' && mode !== 'train')
      throw new UserError(`--mode must be infer or train, got '${mode}'`, EXIT_CODES.usage);
    const batch = integerOption(values.batch, '--batch', { min: 1 }) ?? 32; // the issues' reference batch
    const iterations = integerOption(values.iterations, '--iterations', { min: 1 }) ?? 3; // enough to average noise on 2 cores
    let spec;
    try {
      spec = parseModelName(values.model ?? 'WRN-16-4');
    } catch (error) {
      throw new UserError((error as Error).message);
    }
    const random = new Random(0);
    const images = Float32Array.from({ length: batch * 3 * spec.input.height * spec.input.width }, () =>
      random.normal(),
    );
    const labels = Int32Array.from({ length: batch }, () => random.integer(spec.numClasses));
    const rows = [];
    const list = values.runtime ?? ((await defaultRuntime()) === 'onnx' ? 'onnx' : 'tfjs/auto');
    for (const entry of parseRuntimeList(list)) {
      const runtime = await runtimeFactory(entry, {
        ...(threads ? { threads } : {}),
        verbose: Boolean(values.verbose),
      })();
      try {
        if (mode === 'train' && !isTrainableRuntime(runtime))
          throw new UserError(`runtime '${runtime.name}' cannot train; use --mode infer`);
        const executor = await runtime.compile(spec, { seed: 0 });
        let seconds: number;
        try {
          // A trainable runtime (checked above for --mode train) compiles trainable executors.
          const step = () =>
            mode === 'train' && isTrainableExecutor(executor)
              ? executor.trainStep({ images, labels, size: batch }, { learningRate: 0.01 })
              : executor.forward(images, batch);
          await step(); // warm-up: kernel compilation, allocation
          const started = performance.now();
          for (let i = 0; i < iterations; i++) await step();
          seconds = (performance.now() - started) / 1000;
        } finally {
          executor.dispose(); // worker threads (tfjs --threads) would keep the process alive
        }
        const row = {
          runtime: runtime.name,
          backend: runtime.backend,
          model: values.model ?? 'WRN-16-4',
          batch,
          mode,
          imagesPerSecond: (batch * iterations) / seconds,
          msPerBatch: (seconds * 1000) / iterations,
          peakRssMegabytes: peakRssMegabytes(),
        };
        rows.push(row);
        if (!values.json) {
          io.out(
            `${`${row.runtime}/${row.backend}`.padEnd(18)} ${row.model} batch ${batch} ${mode}: ${row.imagesPerSecond.toFixed(1)} img/s, ${row.msPerBatch.toFixed(0)} ms/batch, peak RSS ${row.peakRssMegabytes.toFixed(0)} MB\n`,
          );
        }
      } finally {
        await runtime.dispose();
      }
    }
    if (values.json) io.out(`${JSON.stringify(rows)}\n`);
    return 0;
  },
};

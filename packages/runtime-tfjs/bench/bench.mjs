// Training and inference images/s of Wide ResNets on each tfjs backend, with PyTorch on the same CPU side by side.
//
//   npm run bench -w @wrn/runtime-tfjs -- [--backends wasm,cpu] [--models WRN-16-4,WRN-28-10] [--batches 32,128]
//                                        [--iterations 2] [--threads 1,2] [--no-torch]
//
// Each tfjs configuration runs in its own Node process (bench/measure-tfjs.mjs: fresh wasm heap, no interference);
// PyTorch (Debian's python3-torch under /usr/bin/python3, glibc allocator tuned as below) answers right after it,
// so both see about the same machine load, which is printed with every figure (other processes share this CPU).
// WRN-28-10 trains in micro-batches of 16 on wasm (its 4 GiB memory cannot hold batch 32's activations).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repository = path.resolve(here, '../../..');
const argument = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
};
const backends = argument('backends', 'tensorflow,wasm').split(','); // cpu is ~40x slower than wasm: opt in
const models = argument('models', 'WRN-16-4,WRN-28-10').split(',');
const batches = argument('batches', '32,128').split(',').map(Number);
const iterations = Number(argument('iterations', '2')); // timed steps after one warm-up; enough for a 10% figure
const threads = argument('threads', '1,2').split(',').map(Number); // wasm: one instance, and one per core
const withTorch = !process.argv.includes('--no-torch');
const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

function startTorch() {
  const python = '/usr/bin/python3';
  const script = path.join(repository, 'scripts/python/bench_torch_train.py');
  if (!withTorch) return { note: 'PyTorch skipped (--no-torch)' };
  const probe = existsSync(python)
    ? spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' })
    : undefined;
  if (!probe || probe.status !== 0)
    return {
      note: "PyTorch skipped: Debian's python3-torch is not installed (/usr/bin/python3 -c 'import torch' failed)",
    };
  const env = {
    ...process.env,
    MALLOC_MMAP_THRESHOLD_: '33554432',
    MALLOC_TRIM_THRESHOLD_: '4000000000',
    MALLOC_TOP_PAD_: '1000000000',
  };
  const child = spawn(python, [script, '--serve', '--min-seconds', '3'], {
    env,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    note: `PyTorch ${probe.stdout.trim()} (${os.cpus().length} threads, tuned glibc malloc)`,
    async measure(model, batch, mode) {
      child.stdin.write(JSON.stringify({ model, batch, mode, runs: iterations }) + '\n');
      const { value } = await lines.next();
      return JSON.parse(value).imagesPerSecond;
    },
    close: () => child.stdin.end(),
  };
}

function measureTfjs(backend, model, batch, threadCount) {
  const micro = backend === 'wasm' && model === 'WRN-28-10' ? '16' : ''; // wasm's 4 GiB heap: see the header
  const args = [
    path.join(here, 'measure-tfjs.mjs'),
    backend,
    model,
    String(batch),
    String(iterations),
    String(iterations),
    micro,
  ];
  if (threadCount > 1) args.push(`--threads=${threadCount}`);
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = result.stdout.split('\n').find((text) => text.startsWith('{'));
  if (!line) return { error: (result.stderr || result.stdout).trim().split('\n').slice(-3).join(' | ') };
  return JSON.parse(line); // { error } when the backend does not load
}

const format = (value) => (value == null ? '-' : value >= 100 ? value.toFixed(0) : value.toFixed(2));
const torch = startTorch();
console.log(
  `# @wrn/runtime-tfjs benchmark, ${os.cpus()[0]?.model ?? 'unknown CPU'} x${os.cpus().length}, node ${process.version}`,
);
console.log(`# ${torch.note}; loadavg at start ${load()}`);
console.log(
  'backend       model      batch  infer img/s  torch infer  ratio   train img/s  torch train  ratio   loadavg 1/5/15  memory',
);
backends: for (const backend of backends) {
  for (const model of models) {
    for (const batch of batches) {
      let torchInfer;
      let torchTrain;
      for (const threadCount of backend === 'wasm' ? threads : [1]) {
        const tfjs = measureTfjs(backend, model, batch, threadCount);
        if (tfjs.error) {
          console.log(
            `${backend.padEnd(13)} ${model.padEnd(10)} ${String(batch).padStart(5)}  skipped: ${tfjs.error}`,
          );
          if (/is not available/.test(tfjs.error)) continue backends; // not installed: no other row would run
          continue;
        }
        // PyTorch once per model and batch, right after the first tfjs figure (about the same machine load).
        torchInfer ??= torch.measure ? await torch.measure(model, batch, 'infer') : null;
        torchTrain ??= torch.measure ? await torch.measure(model, batch, 'train') : null;
        const ratio = (a, b) => (a && b ? (a / b).toFixed(3) : '-');
        const memory = `${tfjs.memoryAfter.tensors} tensors ${(tfjs.memoryAfter.bytes / 2 ** 20).toFixed(0)} MiB (${tfjs.memoryBefore.tensors} before training)`;
        const label = threadCount > 1 ? `${tfjs.runtime}x${threadCount}` : tfjs.runtime;
        console.log(
          `${label.padEnd(13)} ${model.padEnd(10)} ${String(batch).padStart(5)}  ${format(tfjs.inference).padStart(11)}  ` +
            `${format(torchInfer).padStart(11)}  ${ratio(tfjs.inference, torchInfer).padStart(5)}   ${format(tfjs.training).padStart(11)}  ` +
            `${format(torchTrain).padStart(11)}  ${ratio(tfjs.training, torchTrain).padStart(5)}   ${load()}  ${memory}` +
            (tfjs.microBatchSize ? `  (micro-batches of ${tfjs.microBatchSize})` : ''),
        );
      }
    }
  }
}
torch.close?.();

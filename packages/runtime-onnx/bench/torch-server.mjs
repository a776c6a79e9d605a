import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../../../scripts/python/bench_torch_infer.py', import.meta.url));
/** The allocator settings the tfjs issue gives for PyTorch on this machine (fewer page faults, no trimming). */
const TUNED_ALLOCATOR = {
  MALLOC_MMAP_THRESHOLD_: '33554432',
  MALLOC_TRIM_THRESHOLD_: '4000000000',
  MALLOC_TOP_PAD_: '1000000000',
};

/**
 * Starts scripts/python/bench_torch_infer.py in --serve mode under Debian's /usr/bin/python3, so PyTorch rounds can
 * be interleaved with ONNX Runtime rounds. Resolves to undefined (with a note) when PyTorch is not installed.
 *
 * @example
 * const torch = await startTorchServer(); const { imagesPerSecond } = await torch.measure('WRN-16-4', 32, 2);
 */
export async function startTorchServer(python = process.env.WRN_PYTHON ?? '/usr/bin/python3') {
  const child = spawn(python, [SCRIPT, '--serve'], {
    env: { ...process.env, ...TUNED_ALLOCATOR },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  // The PyTorch process ends with the benchmark, also when the benchmark is interrupted.
  process.on('exit', () => child.kill());
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
  const lines = createInterface({ input: child.stdout });
  const pending = [];
  lines.on('line', (line) => pending.shift()?.resolve(JSON.parse(line)));
  const failed = new Promise((resolve) => {
    child.on('error', (error) => resolve(error));
    child.on('exit', (code) => resolve(new Error(`PyTorch benchmark exited with code ${code}`)));
  });
  const request = (message) =>
    Promise.race([
      new Promise((resolve, reject) => {
        pending.push({ resolve, reject });
        child.stdin.write(`${JSON.stringify(message)}\n`);
      }),
      failed.then((error) => Promise.reject(error)),
    ]);
  const measure = (model, batch, seconds) => request({ model, batch, seconds });
  /** Writes PyTorch's own ONNX export of the model (torch.onnx.export) to `path`. */
  const exportOnnx = (model, path) => request({ model, export: path });
  try {
    await measure('WRN-10-1', 1, 0.01);
  } catch (error) {
    console.log(`PyTorch side skipped: ${error.message}`);
    return undefined;
  }
  return { measure, exportOnnx, close: () => child.stdin.end() };
}

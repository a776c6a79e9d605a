// Trains one runtime for a few steps in a fresh process and prints one JSON line: step times, images/s and the
// process's peak resident memory (getrusage maxRSS), so each engine's peak is its own. For onnx it also times the
// step boundary: an onnxruntime session that only passes every weight, running statistic and momentum buffer
// through (in and out, as a step does), i.e. what feeding the state in and reading it back costs.
// Usage: node bench/measure-training.mjs <onnx|tfjs-wasm> <model> <batch> <steps> [--threads=N] [--micro=M]
import { parseModelName, expandGraph, initWeights } from '@wrn/spec';
import { buildBoundaryModel } from './boundary-model.mjs';

const flag = (name) => process.argv.find((text) => text.startsWith(`--${name}=`))?.split('=')[1];
const [engine = 'onnx', model = 'WRN-16-4', batchText = '32', stepsText = '3'] = process.argv
  .slice(2)
  .filter((text) => !text.startsWith('--'));
const threads = Number(flag('threads') ?? 2); // one per core of this 2-core machine
const micro = flag('micro') ? Number(flag('micro')) : undefined;
const batchSize = Number(batchText);
const spec = parseModelName(model);

async function createRuntime() {
  if (engine === 'onnx') {
    const { createOnnxRuntime } = await import('@wrn/runtime-onnx/node');
    return createOnnxRuntime({ session: { intraOpNumThreads: threads } });
  }
  const { createTfjsRuntime } = await import('@wrn/runtime-tfjs');
  return createTfjsRuntime({ backend: 'wasm', ...(threads > 1 ? { threads } : {}) });
}

const runtime = await createRuntime();
const executor = await runtime.compile(spec, { seed: 1 });
const pixels = spec.input.channels * spec.input.height * spec.input.width;
const images = new Float32Array(batchSize * pixels).map((_, i) => Math.sin(i * 0.37));
const labels = new Int32Array(batchSize).map((_, i) => i % spec.numClasses);
const batch = { images, labels, size: batchSize };
const options = { learningRate: 0.01, ...(micro ? { microBatchSize: micro } : {}) };
const stepMs = [];
for (let step = 0; step <= Number(stepsText); step++) {
  const start = performance.now();
  await executor.trainStep(batch, { ...options, dropoutSeed: step });
  if (step > 0) stepMs.push(performance.now() - start); // step 0 warms up: session, kernels, arena growth
}
const median = [...stepMs].sort((a, b) => a - b)[stepMs.length >> 1];
let boundaryMs;
if (engine === 'onnx') {
  const ort = (await import('onnxruntime-node')).default;
  boundaryMs = await buildBoundaryModel(ort, expandGraph(spec), initWeights(spec, 1), threads);
}
console.log(
  JSON.stringify({
    engine: engine === 'onnx' ? 'onnx' : `tfjs-wasm${threads > 1 ? `x${threads}` : ''}`,
    model,
    batchSize,
    microBatchSize: micro,
    threads,
    stepMs,
    imagesPerSecond: (batchSize * 1000) / median,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    boundaryMs,
  }),
);
executor.dispose();
await runtime.dispose();

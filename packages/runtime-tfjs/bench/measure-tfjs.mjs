// Measures one tfjs backend: inference and training images/s for one model and batch size. Prints one JSON line.
// Usage: node bench/measure-tfjs.mjs <backend> <model> <batch> <inferenceIterations> <trainingIterations> [microBatch] [--threads=N]
import { createTfjsRuntime } from '../dist/index.js';
import { parseModelName } from '@wrn/spec';

const threadsFlag = process.argv.find((text) => text.startsWith('--threads='));
const threads = threadsFlag ? Number(threadsFlag.slice('--threads='.length)) : 1;
const positional = process.argv.slice(2).filter((text) => !text.startsWith('--'));
const [backend = 'wasm', model = 'WRN-16-4', batchText = '32', inferText = '3', trainText = '3', microText] =
  positional;
const batchSize = Number(batchText);
let runtime;
try {
  runtime = await createTfjsRuntime({ backend, ...(threads > 1 ? { threads } : {}) });
} catch (error) {
  console.log(JSON.stringify({ error: error.message.split('\n').join(' ') })); // e.g. tfjs-node not installed
  process.exit(0);
}
const spec = parseModelName(model);
const executor = await runtime.compile(spec, { seed: 1 });
const pixels = spec.input.channels * spec.input.height * spec.input.width;
const images = new Float32Array(batchSize * pixels).map((_, i) => Math.sin(i * 0.37));
const labels = new Int32Array(batchSize).map((_, i) => i % spec.numClasses);
const batch = { images, labels, size: batchSize };

async function rate(iterations, run) {
  if (iterations <= 0) return null;
  await run(); // warm-up: kernel setup, first allocations
  const start = performance.now();
  for (let i = 0; i < iterations; i++) await run();
  return (iterations * batchSize) / ((performance.now() - start) / 1000);
}

const inference = await rate(Number(inferText), () => executor.forward(images, batchSize));
const options = { learningRate: 0.01, ...(microText ? { microBatchSize: Number(microText) } : {}) };
const before = executor.memory();
const training = await rate(Number(trainText), () => executor.trainStep(batch, options));
const after = executor.memory();
console.log(
  JSON.stringify({
    runtime: `tfjs-${backend}`,
    model,
    batchSize,
    microBatchSize: microText ? Number(microText) : undefined,
    threads,
    inference,
    training,
    memoryBefore: before,
    memoryAfter: after,
  }),
);
executor.dispose();

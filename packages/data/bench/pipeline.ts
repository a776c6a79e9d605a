// Augmented images per second of the full training pipeline (shuffle + reflect-pad crop 32 + flip + normalise +
// NCHW float batch), single-threaded and through worker threads. A benchmark that prints figures, not a test.
// Run: npm run bench -w @wrn/data   (options: --images 10000 --epochs 3 --batch 128 --workers 1,2)
import { loadavg, availableParallelism } from 'node:os';
import { paperRecipe } from '@wrn/spec';
import { batchFromPlan, createBatchStream, generateSyntheticDataset, planEpoch } from '../src/index.js';
import { createBatchWorkerPool } from '../src/node.js';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1]! : fallback;
}

const images = Number(option('images', '10000')); // 10,000 images: generated in about a second, epochs long enough to time
const epochs = Number(option('epochs', '3')); // three timed epochs after one warm-up epoch
const batchSize = Number(option('batch', '128')); // the paper's batch
const workerCounts = option('workers', '1,2').split(',').map(Number);
const CONSUMER = 3000; // a WRN-28-10 on one modern GPU trains on roughly 1,000-3,000 images/s

const dataset = generateSyntheticDataset({ classes: 10, perClass: Math.ceil(images / 10), seed: 0 });
const settings = {
  dataset,
  batchSize,
  seed: 1,
  augmentation: paperRecipe().augmentation,
  normalization: { mean: [0.4914, 0.4822, 0.4465], std: [0.247, 0.2435, 0.2616] },
  dropLast: true,
};
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
const format = (rate: number) => Math.round(rate).toLocaleString('en-US').padStart(9);
/** Wall-clock rate, and for the main thread alone the rate per CPU-second (robust to other processes' load). */
const report = (label: string, count: number, seconds: number, cpuSeconds?: number) => {
  const rate = count / seconds;
  const perCpu = cpuSeconds === undefined ? '' : `, ${format(count / cpuSeconds)} per CPU-second`;
  const ratio = `${(rate / CONSUMER).toFixed(1)}x a 3,000 images/s consumer`;
  console.log(`${label.padEnd(34)} ${format(rate)} images/s wall${perCpu} (${ratio})`);
};
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

console.log(
  `@wrn/data pipeline benchmark: ${dataset.count} images 3x32x32, batch ${batchSize}, ${epochs} timed epochs`,
);
console.log(`node ${process.version}, ${availableParallelism()} cores, load average before: ${load()}`);

// 1. The synchronous kernel alone (what one core can do).
for (let epoch = 0; epoch <= epochs; epoch++) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const plan = planEpoch({ ...settings, epoch });
  let count = 0;
  for (let batch = 0; batch < plan.batchCount; batch++) count += batchFromPlan(plan, batch).size;
  if (epoch === 0) continue; // warm-up: let the JIT compile the inner loop
  report(
    `single thread, makeBatch (epoch ${epoch})`,
    count,
    (performance.now() - start) / 1000,
    cpuSeconds(cpu),
  );
}

// 2. The async stream with prefetch on the calling thread.
{
  const start = performance.now();
  const cpu = process.cpuUsage();
  let count = 0;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for await (const batch of createBatchStream({ ...settings, epoch })) count += batch.size;
  }
  report('single thread, createBatchStream', count, (performance.now() - start) / 1000, cpuSeconds(cpu));
}

// 3. Worker threads (startup excluded: the pool lives across epochs).
for (const workers of workerCounts) {
  const pool = createBatchWorkerPool({ ...settings, workers });
  for await (const batch of pool.stream({ ...settings, epoch: 0 })) void batch; // warm-up epoch
  const start = performance.now();
  let count = 0;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for await (const batch of pool.stream({ ...settings, epoch })) count += batch.size;
  }
  report(`${workers} worker thread(s), pool.stream`, count, (performance.now() - start) / 1000);
  await pool.close();
}
console.log(`load average after: ${load()}`);

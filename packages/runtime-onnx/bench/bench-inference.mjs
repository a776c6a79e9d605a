// ONNX Runtime (onnxruntime-node) inference throughput vs PyTorch eval on the same CPU, interleaved round by round
// so both see the same machine load. Usage (after `npx turbo run build --filter=@wrn/runtime-onnx...`):
//   npm run bench -w packages/runtime-onnx -- --models WRN-16-4,WRN-28-10 --batches 1,32,128 --rounds 3 --seconds 2
//   --configs ort-defaults,folded,...   (see bench/ort-configs.mjs; default: all at batch 32, three elsewhere)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { initWeights, parseModelName } from '@wrn/spec';
import { exportOnnx } from '@wrn/runtime-onnx';
import ort from 'onnxruntime-node';
import { CONFIGS } from './ort-configs.mjs';
import { startTorchServer } from './torch-server.mjs';

const { values: args } = parseArgs({
  options: {
    models: { type: 'string', default: 'WRN-16-4,WRN-28-10' },
    batches: { type: 'string', default: '1,32,128' },
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '2' },
    configs: { type: 'string' },
    'no-torch': { type: 'boolean', default: false },
  },
});
const ROUNDS = Number(args.rounds);
const SECONDS = Number(args.seconds);
const MAIN_CONFIGS = ['ort-defaults', 'torch-exported-file', 'folded', 'no-spinning', 'runtime-defaults'];
// Every configuration on the small model at batch 32; the main ones elsewhere (WRN-28-10 sessions are large).
const configsFor = (model, batch) => {
  if (args.configs) return args.configs.split(',');
  return batch === 32 && model === 'WRN-16-4' ? Object.keys(CONFIGS) : MAIN_CONFIGS;
};
const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

async function openOrt(name, files, spec, batch) {
  const config = CONFIGS[name];
  if (!config) throw new RangeError(`unknown config '${name}'; known: ${Object.keys(CONFIGS).join(', ')}`);
  if (!files[config.file]) return undefined; // the PyTorch-exported file needs the PyTorch side
  const options = config.options.freeDimensionOverrides
    ? { ...config.options, freeDimensionOverrides: { N: batch } }
    : config.options;
  const session = await ort.InferenceSession.create(files[config.file], options);
  const { channels, height, width } = spec.input;
  const images = new Float32Array(batch * channels * height * width).map((_, i) => Math.sin(i));
  const input = new ort.Tensor('float32', images, [batch, channels, height, width]);
  const fetches = config.reuseOutput
    ? {
        logits: new ort.Tensor('float32', new Float32Array(batch * spec.numClasses), [
          batch,
          spec.numClasses,
        ]),
      }
    : undefined;
  const run = () => (fetches ? session.run({ input }, fetches) : session.run({ input }));
  await run(); // warm-up: kernel selection, weight prepacking, arena growth
  return {
    name,
    rates: [],
    async measure(seconds) {
      let runs = 0;
      const start = performance.now();
      while (runs < 1 || performance.now() - start < seconds * 1000) {
        await run();
        runs++;
      }
      return (runs * batch) / ((performance.now() - start) / 1000);
    },
    release: () => session.release(),
  };
}

const best = (rates) => Math.max(...rates);
const median = (rates) => [...rates].sort((a, b) => a - b)[rates.length >> 1];

const torch = args['no-torch'] ? undefined : await startTorchServer();
console.log(`cpu: ${os.cpus()[0]?.model} x${os.cpus().length}, onnxruntime-node ${ort.env.versions.node}`);
console.log(
  `rounds ${ROUNDS} x ${SECONDS}s; figures: best (median) images/s over the rounds; load at start ${load()}`,
);
for (const model of args.models.split(',')) {
  const spec = parseModelName(model);
  const weights = initWeights(spec, 0);
  const files = {
    plain: exportOnnx(spec, weights),
    folded: exportOnnx(spec, weights, { foldBatchNorm: true }),
  };
  if (torch) {
    // PyTorch's own export of the same architecture, to compare graphs under the same engine.
    const folder = mkdtempSync(join(os.tmpdir(), 'wrn-bench-'));
    await torch.exportOnnx(model, join(folder, 'torch.onnx'));
    files.torch = readFileSync(join(folder, 'torch.onnx'));
    rmSync(folder, { recursive: true, force: true });
  }
  for (const batch of args.batches.split(',').map(Number)) {
    const engines = [];
    for (const name of configsFor(model, batch)) {
      const engine = await openOrt(name, files, spec, batch);
      if (engine) engines.push(engine);
    }
    const torchRates = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const engine of engines) engine.rates.push(await engine.measure(SECONDS));
      if (torch) torchRates.push((await torch.measure(model, batch, SECONDS)).imagesPerSecond);
    }
    const reference = torchRates.length > 0 ? best(torchRates) : undefined;
    console.log(`\n${model} batch ${batch} (load ${load()})`);
    if (reference)
      console.log(
        `  ${'pytorch-eval'.padEnd(22)} ${reference.toFixed(1).padStart(8)} (${median(torchRates).toFixed(1)})`,
      );
    for (const engine of engines) {
      const ratio = reference ? `  x${(best(engine.rates) / reference).toFixed(2)} of PyTorch` : '';
      console.log(
        `  ${engine.name.padEnd(22)} ${best(engine.rates).toFixed(1).padStart(8)} (${median(engine.rates).toFixed(1)})${ratio}  ${CONFIGS[engine.name].note}`,
      );
      await engine.release();
    }
  }
}
torch?.close();

import { decodeCheckpoint } from '@wrn/checkpoint';
import type { TrainableExecutor } from '@wrn/core';
import { createWebGpuRuntime, type WebGpuRuntime } from '@wrn/runtime-webgpu';
import { memoryRunStore, train as trainRun } from '@wrn/train';
import { element } from './dom.js';
import { drawLossChart } from './loss-chart.js';
import { modelFromCheckpoint, modelFromName, modelFromUrl, type ModelSource } from './model-source.js';
import { pageState, setState } from './page-state.js';
import { drawRgba, fileToRgba, rgbaToInput } from './pixels.js';
import { syntheticBatch } from './synthetic-batch.js';
import { syntheticImage } from './synthetic-images.js';
import { pageRecipe, repeatedBatch } from './synthetic-training.js';
import { className, topK } from './top-k.js';

/** Bundled samples: synthetic images of these classes (seeded, so every visit shows the same pictures). */
const SAMPLE_LABELS = [0, 3, 6, 8];
/** The synthetic training batch is fixed per run, so a few steps visibly lower its loss. */
const TRAIN_SEED = 1000;

let runtime: WebGpuRuntime | undefined;
let executor: TrainableExecutor | undefined;
let source: ModelSource | undefined;

async function run(task: () => Promise<void>): Promise<void> {
  if (pageState.state === 'busy') return;
  setState({ state: 'busy', error: '' });
  document.querySelectorAll('button').forEach((button) => (button.disabled = true));
  try {
    await task();
    setState({ state: 'ready' });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    element('error', HTMLElement).textContent = message;
    setState({ state: 'error', error: message });
  } finally {
    document.querySelectorAll('button').forEach((button) => (button.disabled = false));
  }
}

async function useModel(next: ModelSource): Promise<void> {
  if (runtime === undefined) throw new Error('WebGPU is not ready');
  executor?.dispose();
  executor = undefined;
  executor = await runtime.compile(
    next.spec,
    next.weights === undefined ? { seed: 0 } : { weights: next.weights },
  );
  source = next;
  element('model-status', HTMLElement).textContent = `Ready: ${next.label}.`;
  setState({ model: next.label, lastLogits: [], losses: [] });
  drawLossChart(element('loss-chart', SVGSVGElement), []);
}

async function classify(rgba: Uint8ClampedArray): Promise<void> {
  if (executor === undefined || source === undefined) throw new Error('build or load a model first');
  drawRgba(element('preview', HTMLCanvasElement), rgba);
  const input = rgbaToInput(rgba, source.spec);
  const logits = await executor.forward(input, 1);
  const rows = topK(logits, 5).map(({ label, probability }) => {
    const row = document.createElement('tr');
    const bar = `<div class="bar" style="width:${(probability * 100).toFixed(1)}%"></div>`;
    row.innerHTML = `<td></td><td>${(probability * 100).toFixed(1)}%</td><td style="width:50%">${bar}</td>`;
    (row.firstElementChild as HTMLElement).textContent = className(label, source!.spec);
    return row;
  });
  element('top5', HTMLTableElement).tBodies[0]?.replaceChildren(...rows);
  setState({ lastInput: Array.from(input), lastLogits: Array.from(logits) });
}

/**
 * Trains the current model with `@wrn/train`'s loop into an in-memory run store, drawing the loss after each step,
 * then continues with the trained weights (the store's last checkpoint).
 */
async function train(): Promise<void> {
  if (runtime === undefined || executor === undefined || source === undefined)
    throw new Error('build or load a model first');
  const { spec } = source;
  const steps = element('train-steps', HTMLInputElement).valueAsNumber;
  const size = element('train-batch', HTMLInputElement).valueAsNumber;
  const learningRate = element('train-rate', HTMLInputElement).valueAsNumber;
  const store = memoryRunStore();
  const losses: number[] = [];
  const status = element('train-status', HTMLElement);
  await trainRun({
    runtime,
    spec,
    recipe: pageRecipe(learningRate, size),
    train: repeatedBatch(syntheticBatch(spec, size, TRAIN_SEED), steps),
    store,
    weights: await executor.getWeights(),
    onEvent: (event) => {
      if (event.type !== 'batch') return;
      losses.push(event.loss);
      setState({ losses: [...losses] });
      drawLossChart(element('loss-chart', SVGSVGElement), losses);
      const correct = Math.round((1 - event.trainError) * event.batch * size);
      status.textContent = `Step ${event.batch}/${steps}: loss ${event.loss.toFixed(4)}, ${correct}/${event.batch * size} correct so far.`;
    },
  });
  const { weights } = decodeCheckpoint(await store.readCheckpoint('last'));
  executor.dispose();
  executor = undefined;
  executor = await runtime.compile(spec, { weights });
}

function renderSamples(): void {
  const holder = element('samples', HTMLElement);
  for (const label of SAMPLE_LABELS) {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.sample = String(label);
    button.title = `synthetic sample of class ${label}`;
    const canvas = document.createElement('canvas');
    const rgba = syntheticImage(label, 10, label);
    drawRgba(canvas, rgba);
    button.append(canvas);
    button.addEventListener('click', () => void run(() => classify(rgba)));
    holder.append(button);
  }
}

function wireInputs(): void {
  element('build-model', HTMLButtonElement).addEventListener('click', () => {
    const name = element('model-name', HTMLSelectElement).value;
    const classes = Number(element('class-count', HTMLSelectElement).value);
    void run(() => useModel(modelFromName(name, classes)));
  });
  element('checkpoint-file', HTMLInputElement).addEventListener('change', (event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file)
      void run(async () =>
        useModel(modelFromCheckpoint(new Uint8Array(await file.arrayBuffer()), file.name)),
      );
  });
  element('load-url', HTMLButtonElement).addEventListener('click', () => {
    const url = element('checkpoint-url', HTMLInputElement).value.trim();
    void run(async () => useModel(await modelFromUrl(new URL(url, location.href).href)));
  });
  const zone = element('drop-zone', HTMLElement);
  const picker = element('image-file', HTMLInputElement);
  const classifyFile = (file: File | undefined) =>
    file && void run(async () => classify(await fileToRgba(file)));
  zone.addEventListener('click', () => picker.click());
  picker.addEventListener('change', () => classifyFile(picker.files?.[0]));
  zone.addEventListener('dragover', (event) => (event.preventDefault(), zone.classList.add('over')));
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    classifyFile(event.dataTransfer?.files[0]);
  });
  element('train', HTMLButtonElement).addEventListener('click', () => void run(train));
}

renderSamples();
wireInputs();
drawLossChart(element('loss-chart', SVGSVGElement), []);
void run(async () => {
  runtime = await createWebGpuRuntime();
  const { vendor, description, architecture } = runtime.adapter;
  const adapter = [vendor, architecture, description].filter(Boolean).join(' · ') || 'unnamed adapter';
  element('adapter', HTMLElement).textContent = `WebGPU adapter: ${adapter}`;
  setState({ adapter });
  await useModel(modelFromName('WRN-10-1', 10));
});

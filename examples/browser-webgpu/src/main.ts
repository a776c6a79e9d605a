import { decodeCheckpoint } from '@wrn/checkpoint';
import type { TrainableExecutor } from '@wrn/core';
import { createWebGpuRuntime, type WebGpuRuntime } from '@wrn/runtime-webgpu';
import { memoryRunStore, train as trainRun } from '@wrn/train';
import { describeBundle, loadBundle, type Bundle } from './bundle.js';
import { predictImages } from './bundle-predictions.js';
import { cyclingBatches, pageRecipe } from './bundled-training.js';
import { element } from './dom.js';
import { renderGallery, toPredictions } from './gallery.js';
import { drawLossChart } from './loss-chart.js';
import { modelFromCheckpoint, modelFromName, modelFromUrl, type ModelSource } from './model-source.js';
import { pageState, setState } from './page-state.js';
import { drawRgba, fileToRgba, rgbaToInput } from './pixels.js';
import { className, topK } from './top-k.js';

let runtime: WebGpuRuntime | undefined;
let executor: TrainableExecutor | undefined;
let source: ModelSource | undefined;
let bundle: Bundle | undefined;

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
  setState({ model: next.label, predictions: [], lastLogits: [], losses: [] });
  drawLossChart(element('loss-chart', SVGSVGElement), []);
  await predictBundle('');
}

/** Classifies the bundled images with the current model and redraws the gallery; `note` qualifies the summary. */
async function predictBundle(note: string): Promise<void> {
  if (bundle === undefined || executor === undefined || source === undefined) return;
  const { spec } = source;
  const summary = element('gallery-status', HTMLElement);
  const { channels, height, width } = spec.input;
  if (channels !== 3 || height !== 32 || width !== 32) {
    element('gallery', HTMLElement).replaceChildren();
    summary.textContent = `${source.label} takes ${height}x${width}x${channels} images, not CIFAR's 32x32 RGB.`;
    return;
  }
  const { images } = bundle;
  const predictions = toPredictions(images, await predictImages(executor, images, spec));
  const names = bundle.info.images.classNames;
  renderGallery(element('gallery', HTMLElement), images, predictions, spec, names, (image) => {
    void run(() => classify(image.rgba));
  });
  const top1 = predictions.filter(({ label, top5 }) => top5[0] === label).length;
  const top5 = predictions.filter(({ label, top5 }) => top5.includes(label)).length;
  summary.textContent =
    spec.numClasses === names.length
      ? `${source.label}${note}: top-1 right on ${top1} of ${images.length}, the true class in the top 5 on ${top5}.`
      : `${source.label}${note}: its ${spec.numClasses} classes are not CIFAR-10's, so nothing is marked right or wrong.`;
  setState({ predictions });
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
 * Fine-tunes the current model on the bundled images with `@wrn/train`'s loop into an in-memory run store, drawing
 * the loss after each step, then continues with the trained weights (the store's last checkpoint) and classifies
 * the bundled images again.
 */
async function train(): Promise<void> {
  if (runtime === undefined || executor === undefined || source === undefined)
    throw new Error('build or load a model first');
  if (bundle === undefined) throw new Error('the bundled images did not load: there is nothing to train on');
  const { spec } = source;
  const classes = bundle.info.images.classNames.length;
  if (spec.numClasses !== classes)
    throw new Error(`the bundled images have ${classes} classes; this model has ${spec.numClasses}`);
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
    train: cyclingBatches(bundle.images, spec, size, steps),
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
  await predictBundle(', fine-tuned on these images (no longer held out)');
}

function wireInputs(): void {
  element('use-bundle', HTMLButtonElement).addEventListener('click', () => {
    if (bundle) void run(() => useModel(bundle!.model));
  });
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

wireInputs();
drawLossChart(element('loss-chart', SVGSVGElement), []);
void run(async () => {
  runtime = await createWebGpuRuntime();
  const { vendor, description, architecture } = runtime.adapter;
  const adapter = [vendor, architecture, description].filter(Boolean).join(' · ') || 'unnamed adapter';
  element('adapter', HTMLElement).textContent = `WebGPU adapter: ${adapter}`;
  setState({ adapter });
  bundle = await loadBundle(new URL('bundle/', document.baseURI).href);
  element('bundle-about', HTMLElement).textContent = describeBundle(bundle.info, bundle.images.length);
  await useModel(bundle.model);
});

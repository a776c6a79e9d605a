import type { ModelSpec } from '@wrn/spec';
import type { LabelledImage } from './bundle.js';
import { drawRgba } from './pixels.js';
import { className, topK } from './top-k.js';

/**
 * One bundled image's prediction as the page shows and publishes it: the true label, the top-5 labels (most
 * probable first) with their probabilities, and the logits.
 *
 * @example
 * const right = prediction.top5[0] === prediction.label;
 */
export interface Prediction {
  label: number;
  top5: number[];
  probabilities: number[];
  logits: number[];
}

/**
 * Ranks each image's logits into a {@link Prediction}.
 *
 * @example
 * const predictions = toPredictions(bundle.images, await predictImages(executor, bundle.images, spec));
 */
export function toPredictions(
  images: readonly LabelledImage[],
  logits: readonly Float32Array[],
): Prediction[] {
  return images.map(({ label }, index) => {
    const row = logits[index]!;
    const top = topK(row, 5);
    return {
      label,
      top5: top.map((entry) => entry.label),
      probabilities: top.map((entry) => entry.probability),
      logits: Array.from(row),
    };
  });
}

/**
 * Draws one card per image into `holder`: the picture, its true class (named by `truthNames`), and the model's
 * top-5 classes with probability bars; when the model has those classes, the card is marked right or wrong by its
 * top-1. Clicking a card calls `onPick` with its image.
 *
 * @example
 * renderGallery(holder, bundle.images, predictions, spec, bundle.info.images.classNames, (image) => show(image));
 */
export function renderGallery(
  holder: HTMLElement,
  images: readonly LabelledImage[],
  predictions: readonly Prediction[],
  spec: Pick<ModelSpec, 'numClasses' | 'classNames'>,
  truthNames: readonly string[],
  onPick: (image: LabelledImage) => void,
): void {
  const comparable = spec.numClasses === truthNames.length;
  const cards = images.map((image, index) => {
    const prediction = predictions[index]!;
    const card = document.createElement('button');
    card.type = 'button';
    const verdict = prediction.top5[0] === image.label ? 'right' : 'wrong';
    card.className = comparable ? `card ${verdict}` : 'card';
    card.title = `test image ${image.sourceIndex} of the source file`;
    const canvas = document.createElement('canvas');
    drawRgba(canvas, image.rgba);
    const truth = document.createElement('div');
    truth.className = 'truth';
    truth.textContent = truthNames[image.label] ?? `class ${image.label}`;
    const list = document.createElement('ol');
    prediction.top5.forEach((label, rank) => {
      const item = document.createElement('li');
      if (comparable && label === image.label) item.className = 'true-class';
      const percent = `${(100 * prediction.probabilities[rank]!).toFixed(0)}%`;
      item.innerHTML = `<span></span><span class="percent">${percent}</span><i style="width:${percent}"></i>`;
      (item.firstElementChild as HTMLElement).textContent = className(label, spec);
      list.append(item);
    });
    card.append(canvas, truth, list);
    card.addEventListener('click', () => onPick(image));
    return card;
  });
  holder.replaceChildren(...cards);
}

import type { InferenceExecutor } from '@wrn/core';
import type { ModelSpec } from '@wrn/spec';
import type { LabelledImage } from './bundle.js';
import { rgbaToInput } from './pixels.js';

/**
 * The model's input for `images`: one NCHW batch, each image normalised as {@link rgbaToInput} does.
 *
 * @example
 * const input = imagesToInput(bundle.images, spec); // Float32Array(images.length * 3 * 32 * 32)
 */
export function imagesToInput(images: readonly LabelledImage[], spec: ModelSpec): Float32Array {
  const { channels, height, width } = spec.input;
  const size = channels * height * width;
  const input = new Float32Array(images.length * size);
  images.forEach(({ rgba }, index) => rgbaToInput(rgba, spec, input, index * size));
  return input;
}

/**
 * Classifies every image in one forward pass and returns each image's logits, `[classes]` per image.
 *
 * @example
 * const rows = await predictImages(executor, bundle.images, spec);
 * topK(rows[0], 5);
 */
export async function predictImages(
  executor: InferenceExecutor,
  images: readonly LabelledImage[],
  spec: ModelSpec,
): Promise<Float32Array[]> {
  const logits = await executor.forward(imagesToInput(images, spec), images.length);
  const classes = spec.numClasses;
  return images.map((_, index) => logits.slice(index * classes, (index + 1) * classes));
}

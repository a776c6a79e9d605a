import type { Batch } from '@wrn/core';
import { deriveSeed, Random, type InputSpec, type ModelSpec } from '@wrn/spec';

/** Cosine waves per field: enough for a 1/f spectrum over 1-8 cycles per image, cheap at batch 64. */
const WAVES = 16;
/** How much of each channel is the shared luminance: natural RGB channels correlate at about 0.9. */
const LUMINANCE_SHARE = 0.9;
/** Spread of the per-image brightness, as a share of the target std: CIFAR images differ a lot in brightness. */
const BRIGHTNESS_SPREAD = 0.6;

/** A zero-mean, unit-std smooth field: random cosines with amplitude 1/f (a natural image's spectrum) and an edge. */
function smoothField(random: Random, height: number, width: number): Float64Array {
  const field = new Float64Array(height * width);
  for (let wave = 0; wave < WAVES; wave++) {
    const frequency = 1 + 7 * random.uniform(); // cycles per image: low frequencies only, as downsampled photos
    const angle = 2 * Math.PI * random.uniform();
    const phase = 2 * Math.PI * random.uniform();
    const [fy, fx] = [(frequency * Math.sin(angle)) / height, (frequency * Math.cos(angle)) / width];
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++)
        field[y * width + x]! += Math.cos(2 * Math.PI * (fy * y + fx * x) + phase) / frequency;
  }
  const [cy, cx, edgeAngle] = [
    height * random.uniform(),
    width * random.uniform(),
    2 * Math.PI * random.uniform(),
  ];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      // an object boundary, blurred over about a pixel
      field[y * width + x]! +=
        1.5 * Math.tanh((Math.cos(edgeAngle) * (x - cx) + Math.sin(edgeAngle) * (y - cy)) / 1.5);
  let [sum, squares] = [0, 0];
  for (const value of field) [sum, squares] = [sum + value, squares + value * value];
  const mean = sum / field.length;
  const std = Math.sqrt(Math.max(squares / field.length - mean * mean, 1e-12));
  return field.map((value) => (value - mean) / std);
}

/**
 * Deterministic images with natural-image statistics, pixels in [0, 1] quantised to 8 bits, CHW per image: smooth
 * fields with a 1/f spectrum and a blurred edge, a luminance field shared by the channels, per-image brightness,
 * channel means and stds near `input.mean` and `input.std` (CIFAR-10's by default). Unlike iid noise, neighbouring
 * pixels correlate (above 0.9), as in photographs.
 *
 * @example
 * const pixels = naturalImages(spec.input, 64, 7); // Float32Array of 64 * 3 * 32 * 32 values in [0, 1]
 */
export function naturalImages(input: InputSpec, count: number, seed: number): Float32Array {
  const { channels, height, width, mean, std } = input;
  const plane = height * width;
  const pixels = new Float32Array(count * channels * plane);
  for (let image = 0; image < count; image++) {
    const random = new Random(deriveSeed(seed, `natural-image:${image}`));
    const luminance = smoothField(random, height, width);
    const brightness = BRIGHTNESS_SPREAD * random.normal();
    const contrast = Math.sqrt(1 - BRIGHTNESS_SPREAD ** 2) * Math.exp(0.25 * random.normal() - 0.03); // mean ~1
    for (let channel = 0; channel < channels; channel++) {
      const colour = smoothField(random, height, width);
      const offset = (image * channels + channel) * plane;
      for (let index = 0; index < plane; index++) {
        const shared =
          LUMINANCE_SHARE * luminance[index]! + Math.sqrt(1 - LUMINANCE_SHARE ** 2) * colour[index]!;
        const value = mean[channel]! + std[channel]! * (brightness + contrast * shared);
        pixels[offset + index] = Math.round(255 * Math.min(1, Math.max(0, value))) / 255;
      }
    }
  }
  return pixels;
}

/**
 * A batch of {@link naturalImages} normalised as training normalises CIFAR (`(pixel - mean[c]) / std[c]` with the
 * spec's statistics) and uniform labels, reproducible from the seed.
 *
 * @example
 * const batch = naturalImageBatch(spec, 64, 7); // batch.images has mean ~0, std ~1 per channel
 */
export function naturalImageBatch(spec: ModelSpec, size: number, seed: number): Batch {
  const { channels, height, width, mean, std } = spec.input;
  const images = naturalImages(spec.input, size, seed);
  const plane = height * width;
  for (let index = 0; index < images.length; index++) {
    const channel = Math.floor(index / plane) % channels;
    images[index] = (images[index]! - mean[channel]!) / std[channel]!;
  }
  const random = new Random(deriveSeed(seed, 'natural-labels'));
  const labels = Int32Array.from({ length: size }, () => random.integer(spec.numClasses));
  return { images, labels, size };
}

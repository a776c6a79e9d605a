import { Random } from '@wrn/spec';

/**
 * Deterministic images with natural-image statistics, NCHW: per image and channel a random brightness offset plus a
 * smooth field (a few low-frequency cosines) plus a little pixel noise, then normalised per channel over the whole
 * batch to zero mean and unit standard deviation, as a dataset's normalisation does. Unlike iid noise, neighbouring
 * pixels are strongly correlated and each image has its own mean, so activations and gradients keep large
 * per-channel offsets that sums must cancel: what makes float32 accumulation over long reductions inexact.
 *
 * @example
 * const images = naturalImages(64, 3, 32, 32, 7); // Float32Array of 64 * 3 * 32 * 32
 */
export function naturalImages(
  count: number,
  channels: number,
  height: number,
  width: number,
  seed: number,
): Float32Array {
  const random = new Random(seed);
  const images = new Float64Array(count * channels * height * width);
  const waves = 6; // enough cosines for varied smooth shapes, few enough to stay low-frequency
  const noise = 0.1; // pixel noise relative to the smooth field's unit-scale amplitude
  for (let image = 0; image < count; image++) {
    for (let channel = 0; channel < channels; channel++) {
      const offset = random.normal();
      const components = Array.from({ length: waves }, () => ({
        amplitude: random.normal() / Math.sqrt(waves),
        rowFrequency: (random.uniform() * 3 * 2 * Math.PI) / height, // at most 3 cycles per image
        columnFrequency: (random.uniform() * 3 * 2 * Math.PI) / width,
        phase: random.uniform() * 2 * Math.PI,
      }));
      const base = (image * channels + channel) * height * width;
      for (let row = 0; row < height; row++) {
        for (let column = 0; column < width; column++) {
          let value = offset + noise * random.normal();
          for (const wave of components) {
            value +=
              wave.amplitude * Math.cos(wave.rowFrequency * row + wave.columnFrequency * column + wave.phase);
          }
          images[base + row * width + column] = value;
        }
      }
    }
  }
  normalizePerChannel(images, count, channels, height * width);
  return Float32Array.from(images);
}

/** Shifts and scales each channel (over all images and pixels) to zero mean and unit standard deviation, in place. */
function normalizePerChannel(images: Float64Array, count: number, channels: number, pixels: number): void {
  for (let channel = 0; channel < channels; channel++) {
    let sum = 0;
    let squares = 0;
    for (let image = 0; image < count; image++) {
      const base = (image * channels + channel) * pixels;
      for (let pixel = 0; pixel < pixels; pixel++) sum += images[base + pixel]!;
    }
    const mean = sum / (count * pixels);
    for (let image = 0; image < count; image++) {
      const base = (image * channels + channel) * pixels;
      for (let pixel = 0; pixel < pixels; pixel++) squares += (images[base + pixel]! - mean) ** 2;
    }
    const scale = 1 / Math.sqrt(squares / (count * pixels));
    for (let image = 0; image < count; image++) {
      const base = (image * channels + channel) * pixels;
      for (let pixel = 0; pixel < pixels; pixel++)
        images[base + pixel] = (images[base + pixel]! - mean) * scale;
    }
  }
}

import { deriveSeed, Random } from '@wrn/spec';
import type { Dataset } from './dataset.js';

/**
 * Options of {@link generateSyntheticDataset}.
 *
 * @example
 * const options: SyntheticOptions = { classes: 10, perClass: 50, seed: 1 };
 */
export interface SyntheticOptions {
  classes: number;
  perClass: number;
  seed: number;
  /** Default 32 x 32 x 3, the CIFAR shape. */
  height?: number;
  width?: number;
  channels?: number;
}

/**
 * A learnable synthetic dataset: class k has its own colour (hue k / classes) and stripe orientation
 * (angle pi k / classes, period 8 pixels), with a random stripe phase, brightness and pixel noise per image, so a
 * small network must learn colour and orientation rather than memorise pixels. Example i has class
 * `i % classes`; the same options always give the same bytes.
 *
 * @example
 * const dataset = generateSyntheticDataset({ classes: 10, perClass: 20, seed: 0 });
 * dataset.count; // 200
 */
export function generateSyntheticDataset(options: SyntheticOptions): Dataset {
  const { classes, perClass, seed } = options;
  const height = options.height ?? 32; // the CIFAR image height
  const width = options.width ?? 32; // the CIFAR image width
  const channels = options.channels ?? 3; // RGB, as CIFAR
  if (!Number.isInteger(classes) || classes < 1 || classes > 256)
    throw new RangeError(`classes must be an integer in [1, 256], got ${classes}`);
  if (!Number.isInteger(perClass) || perClass < 0)
    throw new RangeError(`perClass must be an integer >= 0, got ${perClass}`);
  const count = classes * perClass;
  const plane = height * width;
  const images = new Uint8Array(count * channels * plane);
  const labels = new Int32Array(count);
  const random = new Random(deriveSeed(seed, 'wrn-data/synthetic'));
  const stripe = new Float32Array(plane);
  for (let index = 0; index < count; index++) {
    const label = index % classes;
    labels[index] = label;
    const angle = (Math.PI * label) / classes;
    const phase = random.uniform() * 2 * Math.PI;
    const brightness = 0.85 + 0.3 * random.uniform();
    const frequency = (2 * Math.PI) / 8;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        stripe[y * width + x] =
          0.5 + 0.5 * Math.sin(frequency * (x * Math.cos(angle) + y * Math.sin(angle)) + phase);
      }
    }
    for (let channel = 0; channel < channels; channel++) {
      const colour = hueComponent(label / classes, channel);
      const base = index * channels * plane + channel * plane;
      for (let pixel = 0; pixel < plane; pixel++) {
        const noise = (random.nextUint32() / 4294967296 - 0.5) * 0.2;
        const value = brightness * (0.5 * colour + 0.4 * stripe[pixel]!) + noise;
        images[base + pixel] = Math.max(0, Math.min(255, Math.round(value * 255)));
      }
    }
  }
  const classNames = Array.from({ length: classes }, (_, k) => `class-${k}`);
  return { images, labels, count, channels, height, width, classNames };
}

/** The RGB component `channel` of a saturated colour of hue `hue` in [0, 1) (HSV, saturation 0.8, value 1). */
function hueComponent(hue: number, channel: number): number {
  const shifted = (hue + 1 - channel / 3) % 1; // red, green and blue peak a third of the hue circle apart
  const distance = Math.min(shifted, 1 - shifted) * 6; // 0 at the peak, 3 at the opposite hue
  return 1 - 0.8 * Math.min(1, Math.max(0, distance - 1));
}

import { deriveSeed, Random } from '@wrn/spec';

/**
 * CIFAR's image side in pixels.
 *
 * @example
 * new ImageData(IMAGE_SIZE, IMAGE_SIZE);
 */
export const IMAGE_SIZE = 32;

/**
 * A learnable synthetic 32x32 RGBA image of class `label`: the class sets the colour (hue label / classes) and the
 * stripe orientation (angle pi label / classes); `seed` sets the stripe phase, the brightness and pixel noise.
 *
 * @example
 * const rgba = syntheticImage(3, 10, 7); // Uint8ClampedArray(32 * 32 * 4), ready for ImageData
 */
export function syntheticImage(label: number, classes: number, seed: number): Uint8ClampedArray {
  const random = new Random(deriveSeed(seed, `example/synthetic/${label}`));
  const [red, green, blue] = hueToRgb(label / classes);
  const angle = (Math.PI * label) / classes;
  const phase = random.uniform() * 2 * Math.PI;
  const brightness = 0.8 + 0.4 * random.uniform();
  const rgba = new Uint8ClampedArray(IMAGE_SIZE * IMAGE_SIZE * 4);
  for (let y = 0; y < IMAGE_SIZE; y++) {
    for (let x = 0; x < IMAGE_SIZE; x++) {
      // Stripes with a period of 8 pixels, across the class's direction.
      const stripe =
        0.5 + 0.5 * Math.sin(((x * Math.cos(angle) + y * Math.sin(angle)) * 2 * Math.PI) / 8 + phase);
      const offset = (y * IMAGE_SIZE + x) * 4;
      const shade = brightness * (0.35 + 0.65 * stripe);
      rgba[offset] = 255 * shade * red + 24 * (random.uniform() - 0.5);
      rgba[offset + 1] = 255 * shade * green + 24 * (random.uniform() - 0.5);
      rgba[offset + 2] = 255 * shade * blue + 24 * (random.uniform() - 0.5);
      rgba[offset + 3] = 255;
    }
  }
  return rgba;
}

function hueToRgb(hue: number): [number, number, number] {
  const channel = (shift: number) => {
    const k = (shift + hue * 6) % 6;
    return 1 - Math.max(0, Math.min(k, 4 - k, 1));
  };
  return [channel(5), channel(3), channel(1)];
}

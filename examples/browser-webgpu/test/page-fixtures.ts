import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initWeights, parseModelName, Random, type ModelSpec, type WeightMap } from '@wrn/spec';

/** The model and images the page bundles (written by scripts/prepare-browser-example.mjs). */
export const BUNDLE = join(new URL('..', import.meta.url).pathname, 'public', 'bundle');

/** Another checkpoint the page loads: WRN-10-1 with non-trivial BatchNorm statistics, so eval-mode BN is exercised. */
export function checkpointWeights(): { spec: ReturnType<typeof parseModelName>; weights: WeightMap } {
  const spec = parseModelName('WRN-10-1', { numClasses: 10 });
  const weights = initWeights(spec, 11);
  const random = new Random(5);
  for (const [name, tensor] of weights) {
    if (!/bn\d?\.|\.bn\./.test(name)) continue;
    const spread = name.endsWith('running_var')
      ? [0.5, 1.5]
      : name.endsWith('weight')
        ? [0.8, 1.2]
        : [-0.1, 0.1];
    tensor.data.forEach(
      (_, index) => (tensor.data[index] = spread[0]! + (spread[1]! - spread[0]!) * random.uniform()),
    );
  }
  return { spec, weights };
}

/** A 32x32 24-bit BMP of one colour, written by hand (14-byte file header, 40-byte info header, BGR rows). */
export function solidBitmap([red, green, blue]: [number, number, number]): number[] {
  const pixels = 32 * 32 * 3;
  const bytes = Buffer.alloc(54 + pixels);
  bytes.write('BM', 0, 'ascii');
  bytes.writeUInt32LE(54 + pixels, 2);
  bytes.writeUInt32LE(54, 10);
  bytes.writeUInt32LE(40, 14);
  bytes.writeInt32LE(32, 18);
  bytes.writeInt32LE(32, 22);
  bytes.writeUInt16LE(1, 26);
  bytes.writeUInt16LE(24, 28);
  bytes.writeUInt32LE(pixels, 34);
  for (let offset = 54; offset < bytes.length; offset += 3) bytes.set([blue, green, red], offset);
  return [...bytes];
}

/**
 * The bundled images as a model input, read here from images.bin by hand (not by the page's code): CIFAR-10
 * records of a label byte then 1024 red, 1024 green and 1024 blue bytes, each scaled to [0, 1] and normalised.
 */
export function bundledImages(spec: ModelSpec): { input: Float32Array; labels: number[] } {
  const bytes = readFileSync(join(BUNDLE, 'images.bin'));
  const count = bytes.length / 3073;
  const input = new Float32Array(count * 3072);
  const labels: number[] = [];
  for (let image = 0; image < count; image++) {
    labels.push(bytes[image * 3073]!);
    for (let offset = 0; offset < 3072; offset++) {
      const channel = Math.floor(offset / 1024);
      const value = bytes[image * 3073 + 1 + offset]! / 255;
      input[image * 3072 + offset] = (value - spec.input.mean[channel]!) / spec.input.std[channel]!;
    }
  }
  return { input, labels };
}

/** Class labels by falling logit. */
export function ranking(logits: ArrayLike<number>): number[] {
  return Array.from(logits, (_, label) => label).sort((a, b) => logits[b]! - logits[a]!);
}

/**
 * How far the page's top-k ranking departs from the reference logits: rank by rank, the largest gap between the
 * reference logit of the page's class and the reference's own logit at that rank. 0 when the rankings are equal;
 * within the float32 tolerance, a swap of classes the reference itself cannot tell apart.
 */
export function rankingGap(pageTop: readonly number[], reference: ArrayLike<number>, k: number): number {
  const expected = ranking(reference);
  return Math.max(
    ...pageTop.slice(0, k).map((label, rank) => Math.abs(reference[label]! - reference[expected[rank]!]!)),
  );
}

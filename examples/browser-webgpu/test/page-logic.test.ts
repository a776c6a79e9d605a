import { parseModelName } from '@wrn/spec';
import { describe, expect, it } from 'vitest';
import { describeBundle, type BundleInfo, type LabelledImage } from '../src/bundle.js';
import { imagesToInput } from '../src/bundle-predictions.js';
import { cyclingBatches, pageRecipe } from '../src/bundled-training.js';
import { toPredictions } from '../src/gallery.js';
import { planarToRgba, rgbaToInput } from '../src/pixels.js';
import { className, topK } from '../src/top-k.js';

const spec = parseModelName('WRN-10-1', { numClasses: 10 });

/** A 32x32 RGBA image of one colour, label `label`. */
function solid(label: number, [red, green, blue]: number[]): LabelledImage {
  const rgba = new Uint8ClampedArray(32 * 32 * 4);
  for (let pixel = 0; pixel < 1024; pixel++) rgba.set([red!, green!, blue!, 255], pixel * 4);
  return { rgba, label, sourceIndex: 100 + label };
}

describe('page logic', () => {
  it('normalises RGBA pixels into NCHW with the spec mean and std', () => {
    const rgba = new Uint8ClampedArray(32 * 32 * 4);
    rgba.set([255, 0, 51, 255], 0); // first pixel; every other pixel is black
    const input = rgbaToInput(rgba, spec);
    const [mean, std] = [spec.input.mean, spec.input.std];
    // By hand: (value / 255 - mean) / std, red plane first, then green, then blue.
    expect(input[0]).toBeCloseTo((1 - mean[0]!) / std[0]!, 6);
    expect(input[1024]).toBeCloseTo((0 - mean[1]!) / std[1]!, 6);
    expect(input[2048]).toBeCloseTo((0.2 - mean[2]!) / std[2]!, 6);
    expect(input[1]).toBeCloseTo(-mean[0]! / std[0]!, 6);
    expect(() => rgbaToInput(new Uint8ClampedArray(16), spec)).toThrow(/32x32 RGBA/);
  });

  it('interleaves the planes of a CIFAR record into opaque RGBA', () => {
    const planar = new Uint8Array(3072);
    planar[0] = 10; // red of pixel 0
    planar[1024 + 1] = 20; // green of pixel 1
    planar[2048 + 1023] = 30; // blue of the last pixel
    const rgba = planarToRgba(planar);
    expect(Array.from(rgba.subarray(0, 8))).toEqual([10, 0, 0, 255, 0, 20, 0, 255]);
    expect(Array.from(rgba.subarray(1023 * 4))).toEqual([0, 0, 30, 255]);
    expect(() => planarToRgba(new Uint8Array(3073))).toThrow('expected 3072 bytes');
  });

  it('ranks softmax probabilities', () => {
    // softmax([2, 0, 1]) = e^2, 1, e / (e^2 + 1 + e) = 0.6652, 0.0900, 0.2447.
    const top = topK(new Float32Array([2, 0, 1]), 2);
    expect(top.map(({ label }) => label)).toEqual([0, 2]);
    expect(top[0]!.probability).toBeCloseTo(0.6652, 4);
    expect(top[1]!.probability).toBeCloseTo(0.2447, 4);
  });

  it('turns logits rows into top-5 predictions with the true label', () => {
    const logits = [
      new Float32Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
      new Float32Array([9, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
    ];
    const [first, second] = toPredictions([solid(9, [0, 0, 0]), solid(2, [0, 0, 0])], logits);
    expect(first).toMatchObject({ label: 9, top5: [9, 8, 7, 6, 5] });
    expect(second!.label).toBe(2);
    expect(second!.top5.slice(0, 2)).toEqual([0, 9]);
    // e^9 / (e^9 + e + 8 e^0) = 8103.084 / 8113.802 = 0.998679.
    expect(second!.probabilities[0]).toBeCloseTo(0.998679, 5);
    expect(second!.logits).toHaveLength(10);
  });

  it("names classes: the spec's own, CIFAR-10's, or by number", () => {
    expect(className(3, spec)).toBe('cat');
    expect(className(3, { numClasses: 100 })).toBe('class 3');
    expect(className(1, { numClasses: 2, classNames: ['no', 'yes'] })).toBe('yes');
  });

  it('fine-tunes on the bundled images in order, wrapping around, at a constant rate', async () => {
    const images = [0, 1, 2].map((label) => solid(label, [label * 100, 0, 0]));
    const data = cyclingBatches(images, spec, 2, 3);
    const labels = [];
    for await (const batch of data.batches(0, 1)) labels.push(Array.from(batch.labels));
    expect(data.batchesPerEpoch).toBe(3);
    // Steps 1 and 2 (from startBatch 1): images 2, 0, then 1, 2.
    expect(labels).toEqual([
      [2, 0],
      [1, 2],
    ]);
    let first;
    for await (const batch of data.batches(0, 0)) first ??= batch;
    expect(first!.images).toEqual(imagesToInput(images.slice(0, 2), spec));
    expect(first!.images[3072]).toBeCloseTo((100 / 255 - spec.input.mean[0]!) / spec.input.std[0]!, 6);
    expect(() => cyclingBatches(images, spec, 2, 0)).toThrow('steps must be an integer >= 1, got 0');
    expect(() => cyclingBatches([], spec, 2, 1)).toThrow('no images');
    const recipe = pageRecipe(0.01, 4);
    expect(recipe).toMatchObject({
      batchSize: 4,
      epochs: 1,
      augmentation: { crop: null, horizontalFlip: 0 },
    });
    expect(recipe.optimizer.learningRate).toBe(0.01);
    expect(recipe.schedule.milestones).toEqual([]);
  });

  it('says where the bundled model and images come from', () => {
    const info: BundleInfo = {
      model: {
        file: 'model.safetensors',
        name: 'WRN-16-2',
        dataset: 'cifar10',
        dataDir: '../data/c10/',
        best: { epoch: 14, testTop1Error: 0.2049 },
        trainImages: 25000,
        heldOutImages: 4000,
      },
      images: { file: 'images.bin', source: '/data/c10/test_batch.bin', indices: [5], classNames: [] },
    };
    expect(describeBundle(info, 40)).toBe(
      'WRN-16-2 trained with @wrn/train on 25000 CIFAR-10 images (c10), top-1 error 20.5% on 4000 held-out test images ' +
        'after epoch 15. Below: 40 real CIFAR-10 test images (test_batch.bin), never trained on.',
    );
    expect(
      describeBundle({ ...info, model: { ...info.model, heldOutImages: null, best: null } }, 2),
    ).toContain('no held-out error recorded');
  });
});

import { readFileSync } from 'node:fs';
import { Random, type AugmentationSpec } from '@wrn/spec';
import { describe, expect, it } from 'vitest';
import {
  compilePipeline,
  drawAugmentation,
  writeExample,
  type AugmentationDraw,
  type Layout,
} from '../src/augment.js';
import { normalizationTable } from '../src/normalization.js';

const golden = JSON.parse(readFileSync(new URL('./fixtures/golden.json', import.meta.url), 'utf8'));

/** A 1 x 4 x 4 image whose pixel (y, x) is 10y + x, so outputs read as source coordinates. */
const tiny = Uint8Array.from({ length: 16 }, (_, i) => 10 * Math.floor(i / 4) + (i % 4));

function augmentTiny(mode: 'reflect' | 'zeros', draw: AugmentationDraw): number[][] {
  const pipeline = compilePipeline(
    { channels: 1, height: 4, width: 4 },
    { crop: { size: 4, padding: 2, mode }, horizontalFlip: 0.5 },
    null,
    'NCHW',
  );
  const output = new Float32Array(16);
  writeExample(pipeline, tiny, 0, draw, output, 0);
  const bytes = Array.from(output, (value) => Math.round(value * 255)); // null normalisation is pixel / 255
  return [0, 1, 2, 3].map((y) => bytes.slice(4 * y, 4 * y + 4));
}

describe('crop, pad and flip on hand-made images', () => {
  it('reflect padding mirrors without repeating the edge (rows/columns -2,-1 read 2,1)', () => {
    expect(augmentTiny('reflect', { top: 0, left: 0, flip: false })).toEqual([
      [22, 21, 20, 21],
      [12, 11, 10, 11],
      [2, 1, 0, 1],
      [12, 11, 10, 11],
    ]);
  });

  it('zero padding fills with black (byte 0)', () => {
    expect(augmentTiny('zeros', { top: 0, left: 0, flip: false })).toEqual([
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 1],
      [0, 0, 10, 11],
    ]);
    // Padded rows 4..7 = source rows 2, 3, out, out; padded columns 3..6 = 1, 2, 3, out, then reversed.
    expect(augmentTiny('zeros', { top: 4, left: 3, flip: true })).toEqual([
      [0, 23, 22, 21],
      [0, 33, 32, 31],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
  });

  it('the centred crop is the image, and a flip reverses each row', () => {
    expect(augmentTiny('reflect', { top: 2, left: 2, flip: false }).flat()).toEqual([...tiny]);
    expect(augmentTiny('reflect', { top: 2, left: 2, flip: true })).toEqual([
      [3, 2, 1, 0],
      [13, 12, 11, 10],
      [23, 22, 21, 20],
      [33, 32, 31, 30],
    ]);
  });

  it('flips after cropping a reflected corner', () => {
    // rows 2,3,4,5 of the padded image = source rows 2,3,2,1; padded columns 3..6 = 1,2,3,2, reversed.
    expect(augmentTiny('reflect', { top: 4, left: 3, flip: true })).toEqual([
      [22, 23, 22, 21],
      [32, 33, 32, 31],
      [22, 23, 22, 21],
      [12, 13, 12, 11],
    ]);
  });

  it('writes NHWC by interleaving channels', () => {
    // 2 channels x 1 x 2: channel 0 = [0, 51], channel 1 = [102, 255].
    const pipeline = compilePipeline({ channels: 2, height: 1, width: 2 }, null, null, 'NHWC');
    const output = new Float32Array(8);
    writeExample(
      pipeline,
      Uint8Array.of(9, 9, 9, 9, 0, 51, 102, 255),
      1,
      { top: 0, left: 0, flip: false },
      output,
      1,
    );
    expect(Array.from(output, (value) => Math.round(value * 255))).toEqual([0, 0, 0, 0, 0, 102, 51, 255]);
  });
});

describe('matches PyTorch (F.pad + crop + flip + ToTensor/Normalize in float32) exactly', () => {
  const { shape, padding, size, mean, std, pixels, cases } = golden.augment;
  for (const testCase of cases) {
    for (const layout of ['NCHW', 'NHWC'] as Layout[]) {
      it(`${testCase.mode} top ${testCase.top} left ${testCase.left} flip ${testCase.flip} ${layout}`, () => {
        const augmentation: AugmentationSpec = {
          crop: { size, padding, mode: testCase.mode },
          horizontalFlip: 0.5,
        };
        const pipeline = compilePipeline(
          { channels: shape[0], height: shape[1], width: shape[2] },
          augmentation,
          { mean, std },
          layout,
        );
        const output = new Float32Array(2 * 3 * size * size);
        writeExample(pipeline, Uint8Array.from(pixels), 0, testCase, output, 1);
        expect([...output.subarray(3 * size * size)]).toEqual(testCase[layout.toLowerCase()]);
        expect(output.subarray(0, 3 * size * size).every((value) => value === 0)).toBe(true);
      });
    }
  }
});

describe('normalisation and validation', () => {
  it('computes (v / 255 - mean) / std per channel', () => {
    const table = normalizationTable({ mean: [0.5, 0], std: [0.25, 1] }, 2);
    expect(table[255]).toBe(2);
    expect(table[0]).toBe(-2);
    expect(table[51]).toBeCloseTo(-1.2, 6);
    expect(table[256 + 255]).toBe(1);
  });

  it('refuses inconsistent settings with a clear message', () => {
    const shape = { channels: 3, height: 4, width: 4 };
    const crop = (size: number, padding: number, mode: 'reflect' | 'zeros') => ({
      crop: { size, padding, mode },
      horizontalFlip: 0,
    });
    expect(() => compilePipeline(shape, crop(4, 4, 'reflect'), null, 'NCHW')).toThrow(
      /reflect padding 4 must be smaller than the image/,
    );
    expect(() => compilePipeline(shape, crop(9, 2, 'zeros'), null, 'NCHW')).toThrow(
      /crop.size 9 exceeds the padded image 8x8/,
    );
    expect(() => compilePipeline(shape, { crop: null, horizontalFlip: 1.5 }, null, 'NCHW')).toThrow(
      /horizontalFlip must be in \[0, 1\]/,
    );
    expect(() => compilePipeline(shape, null, { mean: [0.5], std: [1, 1, 1] }, 'NCHW')).toThrow(
      /mean has 1 values but the images have 3 channels/,
    );
    expect(() => compilePipeline(shape, null, { mean: [0, 0, 0], std: [1, 0, 1] }, 'NCHW')).toThrow(
      /std\[1\] must be a finite number > 0/,
    );
    expect(() => compilePipeline(shape, null, null, 'CHW' as Layout)).toThrow(
      /layout must be 'NCHW' or 'NHWC'/,
    );
  });
});

describe('random draws', () => {
  it('crop origins are uniform over the 9 x 9 positions and flips follow their probability', () => {
    const pipeline = compilePipeline(
      { channels: 3, height: 32, width: 32 },
      { crop: { size: 32, padding: 4, mode: 'reflect' }, horizontalFlip: 0.3 },
      null,
      'NCHW',
    );
    const random = new Random(5);
    const tops = new Array<number>(9).fill(0);
    const lefts = new Array<number>(9).fill(0);
    let flips = 0;
    for (let i = 0; i < 9000; i++) {
      const draw = drawAugmentation(pipeline, random);
      tops[draw.top]!++;
      lefts[draw.left]!++;
      flips += draw.flip ? 1 : 0;
    }
    // Each count is Binomial(9000, 1/9): mean 1000, sd 30; 150 is five standard deviations.
    for (const count of [...tops, ...lefts]) expect(Math.abs(count - 1000)).toBeLessThan(150);
    expect(Math.abs(flips - 2700)).toBeLessThan(5 * Math.sqrt(9000 * 0.3 * 0.7));
  });

  it('draws nothing without augmentation', () => {
    const pipeline = compilePipeline({ channels: 3, height: 8, width: 8 }, null, null, 'NCHW');
    const random = new Random(1);
    expect(drawAugmentation(pipeline, random)).toEqual({ top: 0, left: 0, flip: false });
    expect(random.getState()).toEqual(new Random(1).getState());
  });
});

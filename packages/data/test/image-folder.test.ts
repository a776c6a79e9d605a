import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readImageFolder } from '../src/image-folder.js';
import { resizeBilinear } from '../src/resize.js';

const golden = JSON.parse(readFileSync(new URL('./fixtures/golden.json', import.meta.url), 'utf8'));

let root: string;
beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'wrn-images-'))));
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** RGBA pixels where pixel (y, x) is (r + x, g + y, b, alpha 200). */
function rgba(width: number, height: number, [r, g, b]: number[]): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([r! + x, g! + y, b!, 200], (y * width + x) * 4);
  }
  return data;
}

function writePng(path: string, width: number, height: number, colour: number[]) {
  const png = new PNG({ width, height });
  rgba(width, height, colour).copy(png.data);
  writeFileSync(path, PNG.sync.write(png));
}

function writeJpeg(path: string, width: number, height: number, colour: number[]) {
  writeFileSync(path, jpeg.encode({ data: rgba(width, height, colour), width, height }, 100).data);
}

describe('readImageFolder', () => {
  it('reads class folders in sorted order, PNG exactly and JPEG closely, as CHW RGB', async () => {
    mkdirSync(join(root, 'dog'));
    mkdirSync(join(root, 'cat'));
    mkdirSync(join(root, '.hidden'));
    writePng(join(root, 'dog', 'b.png'), 4, 3, [10, 20, 30]);
    writePng(join(root, 'dog', 'a.PNG'), 4, 3, [40, 50, 60]);
    writeJpeg(join(root, 'cat', 'x.jpg'), 4, 3, [100, 100, 100]);
    writeFileSync(join(root, 'cat', 'notes.txt'), 'not an image');
    const dataset = await readImageFolder(root, { height: 3, width: 4 });
    expect(dataset.classNames).toEqual(['cat', 'dog']);
    expect([...dataset.labels]).toEqual([0, 1, 1]);
    expect(dataset.sources!.map((path) => path.slice(root.length + 1))).toEqual([
      'cat/x.jpg',
      'dog/a.PNG',
      'dog/b.png',
    ]);
    // dog/a.PNG is image 1: R plane = 40 + x, G plane = 50 + y, B = 60 (alpha dropped).
    const image = dataset.images.subarray(36, 72);
    expect([...image.subarray(0, 4)]).toEqual([40, 41, 42, 43]);
    expect([...image.subarray(12, 24)]).toEqual([50, 50, 50, 50, 51, 51, 51, 51, 52, 52, 52, 52]);
    expect([...image.subarray(24, 36)]).toEqual(new Array(12).fill(60));
    const jpegPixel = dataset.images[12 + 5]!; // G plane of cat/x.jpg at (1, 1): 101
    expect(Math.abs(jpegPixel - 101)).toBeLessThanOrEqual(3);
  });

  it('refuses an image of the wrong size unless asked to resize', async () => {
    mkdirSync(join(root, 'a'));
    writePng(join(root, 'a', 'big.png'), 8, 8, [0, 0, 0]);
    await expect(readImageFolder(root)).rejects.toThrow(
      /big\.png is 8x8 but the model input is 32x32; .*resize: true/,
    );
    const resized = await readImageFolder(root, { height: 4, width: 4, resize: true });
    expect(resized.count).toBe(1);
    expect(resized.images.length).toBe(48);
  });

  it('names an unreadable image, an empty class folder and a missing root', async () => {
    mkdirSync(join(root, 'a'));
    writeFileSync(join(root, 'a', 'broken.png'), Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 1, 2, 3));
    await expect(readImageFolder(root)).rejects.toThrow(/unreadable image .*broken\.png/);
    writeFileSync(join(root, 'a', 'broken.png'), 'GIF89a');
    await expect(readImageFolder(root)).rejects.toThrow(/unreadable image .*broken\.png: not a PNG or JPEG/);
    rmSync(join(root, 'a', 'broken.png'));
    await expect(readImageFolder(root)).rejects.toThrow(/class folder .*a has no PNG or JPEG images/);
    await expect(readImageFolder(join(root, 'missing'))).rejects.toThrow(/does not exist/);
    rmSync(join(root, 'a'), { recursive: true });
    await expect(readImageFolder(root)).rejects.toThrow(/has no class sub-folders/);
  });
});

describe('resizeBilinear', () => {
  it('interpolates with half-pixel centres (hand arithmetic: [0, 100] to 4 pixels is [0, 25, 75, 100])', () => {
    expect([...resizeBilinear(Uint8Array.of(0, 100), { channels: 1, height: 1, width: 2 }, 1, 4)]).toEqual([
      0, 25, 75, 100,
    ]);
    expect([
      ...resizeBilinear(Uint8Array.of(0, 100, 200, 50), { channels: 1, height: 1, width: 4 }, 1, 2),
    ]).toEqual([50, 125]);
  });

  it('matches PyTorch interpolate(bilinear, align_corners=False) within rounding', () => {
    for (const { shape, output, pixels, expected } of golden.resize) {
      const result = resizeBilinear(
        Uint8Array.from(pixels),
        { channels: shape[0], height: shape[1], width: shape[2] },
        output[0],
        output[1],
      );
      const errors = Array.from(result, (value, index) => Math.abs(value - expected[index]));
      expect(Math.max(...errors)).toBeLessThanOrEqual(0.5 + 1e-9);
    }
  });
});

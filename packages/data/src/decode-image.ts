import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/**
 * Decodes a PNG or JPEG file's bytes (recognised by their signature, not the file name) into an RGB CHW image.
 * Alpha is dropped; grey images become three equal channels. Throws an `Error` naming `fileName` when the bytes
 * are neither format or cannot be decoded.
 *
 * @example
 * const { pixels, height, width } = decodeImage(await readFile('cat.png'), 'cat.png');
 */
export function decodeImage(
  bytes: Uint8Array,
  fileName: string,
): { pixels: Uint8Array; height: number; width: number } {
  let rgba: Uint8Array;
  let height: number;
  let width: number;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
      const png = PNG.sync.read(buffer);
      ({ height, width } = png);
      rgba = png.data;
    } else if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
      // 64 MiB caps decoder memory: far above any dataset image, far below what a hostile file could ask for.
      const decoded = jpeg.decode(buffer, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 64 });
      ({ height, width } = decoded);
      rgba = decoded.data;
    } else {
      throw new Error('not a PNG or JPEG file (unknown signature)');
    }
  } catch (error) {
    throw new Error(`unreadable image ${fileName}: ${(error as Error).message}`);
  }
  const plane = height * width;
  const pixels = new Uint8Array(3 * plane);
  for (let pixel = 0; pixel < plane; pixel++) {
    pixels[pixel] = rgba[pixel * 4]!;
    pixels[plane + pixel] = rgba[pixel * 4 + 1]!;
    pixels[2 * plane + pixel] = rgba[pixel * 4 + 2]!;
  }
  return { pixels, height, width };
}

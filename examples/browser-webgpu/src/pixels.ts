import type { ModelSpec } from '@wrn/spec';

/**
 * CIFAR's image side in pixels.
 *
 * @example
 * new ImageData(IMAGE_SIZE, IMAGE_SIZE);
 */
export const IMAGE_SIZE = 32;

/**
 * Converts one CIFAR image as its binary files store it (1024 red, 1024 green, then 1024 blue bytes) to RGBA pixels
 * in canvas `ImageData` order, opaque.
 *
 * @example
 * const rgba = planarToRgba(record.subarray(1, 3073)); // a CIFAR-10 record without its label byte
 */
export function planarToRgba(planar: Uint8Array): Uint8ClampedArray {
  const plane = IMAGE_SIZE * IMAGE_SIZE;
  if (planar.length !== 3 * plane)
    throw new RangeError(`expected ${3 * plane} bytes (3 planes of 32x32), got ${planar.length}`);
  const rgba = new Uint8ClampedArray(plane * 4);
  for (let pixel = 0; pixel < plane; pixel++) {
    rgba[pixel * 4] = planar[pixel]!;
    rgba[pixel * 4 + 1] = planar[plane + pixel]!;
    rgba[pixel * 4 + 2] = planar[2 * plane + pixel]!;
    rgba[pixel * 4 + 3] = 255;
  }
  return rgba;
}

/**
 * Converts RGBA pixels (canvas `ImageData` order) to the model's input: NCHW float32, each channel scaled to [0, 1]
 * then normalised with the spec's mean and standard deviation.
 *
 * @example
 * const input = rgbaToInput(planarToRgba(cifarPixels), spec); // Float32Array(3 * 32 * 32)
 */
export function rgbaToInput(
  rgba: Uint8ClampedArray,
  spec: ModelSpec,
  into?: Float32Array,
  // Writes from the start unless the image is one of several in a batch.
  offset = 0,
): Float32Array {
  const { channels, height, width, mean, std } = spec.input;
  if (rgba.length !== height * width * 4) {
    throw new RangeError(
      `expected ${height}x${width} RGBA pixels (${height * width * 4} bytes), got ${rgba.length}`,
    );
  }
  const plane = height * width;
  const input = into ?? new Float32Array(channels * plane);
  for (let channel = 0; channel < channels; channel++) {
    const channelMean = mean[channel] ?? 0;
    const channelStd = std[channel] ?? 1;
    for (let pixel = 0; pixel < plane; pixel++) {
      const value = (rgba[pixel * 4 + channel] ?? 0) / 255;
      input[offset + channel * plane + pixel] = (value - channelMean) / channelStd;
    }
  }
  return input;
}

/**
 * Decodes an image file (PNG, JPEG, ...) and scales it to 32x32 RGBA, as CIFAR images are.
 *
 * @example
 * const rgba = await fileToRgba(droppedFile);
 */
export async function fileToRgba(file: Blob): Promise<Uint8ClampedArray> {
  const bitmap = await createImageBitmap(file, {
    resizeWidth: IMAGE_SIZE,
    resizeHeight: IMAGE_SIZE,
    resizeQuality: 'high',
  });
  const canvas = document.createElement('canvas');
  canvas.width = IMAGE_SIZE;
  canvas.height = IMAGE_SIZE;
  const context = canvas.getContext('2d');
  if (context === null)
    throw new Error('this browser gives no 2D canvas context, which decoding images needs');
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  return context.getImageData(0, 0, IMAGE_SIZE, IMAGE_SIZE).data;
}

/**
 * Draws 32x32 RGBA pixels onto a canvas (CSS scales it up, pixelated).
 *
 * @example
 * drawRgba(document.querySelector('canvas')!, planarToRgba(cifarPixels));
 */
export function drawRgba(canvas: HTMLCanvasElement, rgba: Uint8ClampedArray): void {
  canvas.width = IMAGE_SIZE;
  canvas.height = IMAGE_SIZE;
  const image = new ImageData(new Uint8ClampedArray(rgba), IMAGE_SIZE, IMAGE_SIZE);
  canvas.getContext('2d')?.putImageData(image, 0, 0);
}

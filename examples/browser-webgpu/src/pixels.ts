import type { ModelSpec } from '@wrn/spec';
import { IMAGE_SIZE } from './synthetic-images.js';

/**
 * Converts RGBA pixels (canvas `ImageData` order) to the model's input: NCHW float32, each channel scaled to [0, 1]
 * then normalised with the spec's mean and standard deviation.
 *
 * @example
 * const input = rgbaToInput(syntheticImage(0, 10, 1), spec); // Float32Array(3 * 32 * 32)
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
 * drawRgba(document.querySelector('canvas')!, syntheticImage(2, 10, 0));
 */
export function drawRgba(canvas: HTMLCanvasElement, rgba: Uint8ClampedArray): void {
  canvas.width = IMAGE_SIZE;
  canvas.height = IMAGE_SIZE;
  const image = new ImageData(new Uint8ClampedArray(rgba), IMAGE_SIZE, IMAGE_SIZE);
  canvas.getContext('2d')?.putImageData(image, 0, 0);
}

/**
 * Bilinear resize of one CHW 8-bit image with half-pixel centres (PyTorch `interpolate(mode='bilinear',
 * align_corners=False, antialias=False)`), rounding to the nearest byte.
 *
 * @example
 * const small = resizeBilinear(pixels, { channels: 3, height: 64, width: 64 }, 32, 32);
 */
export function resizeBilinear(
  image: Uint8Array,
  shape: { channels: number; height: number; width: number },
  height: number,
  width: number,
): Uint8Array {
  const { channels } = shape;
  const output = new Uint8Array(channels * height * width);
  const rows = axisWeights(shape.height, height);
  const columns = axisWeights(shape.width, width);
  for (let channel = 0; channel < channels; channel++) {
    const plane = channel * shape.height * shape.width;
    for (let y = 0; y < height; y++) {
      const top = plane + rows.low[y]! * shape.width;
      const bottom = plane + rows.high[y]! * shape.width;
      const wy = rows.weight[y]!;
      for (let x = 0; x < width; x++) {
        const left = columns.low[x]!;
        const right = columns.high[x]!;
        const wx = columns.weight[x]!;
        const upper = image[top + left]! * (1 - wx) + image[top + right]! * wx;
        const lower = image[bottom + left]! * (1 - wx) + image[bottom + right]! * wx;
        output[channel * height * width + y * width + x] = Math.round(upper * (1 - wy) + lower * wy);
      }
    }
  }
  return output;
}

/** For each output index: the two source indices and the weight of the upper one. */
function axisWeights(inputSize: number, outputSize: number) {
  const low = new Int32Array(outputSize);
  const high = new Int32Array(outputSize);
  const weight = new Float64Array(outputSize);
  const scale = inputSize / outputSize;
  for (let index = 0; index < outputSize; index++) {
    const source = Math.max(0, (index + 0.5) * scale - 0.5);
    const floor = Math.min(Math.floor(source), inputSize - 1);
    low[index] = floor;
    high[index] = Math.min(floor + 1, inputSize - 1);
    weight[index] = source - floor;
  }
  return { low, high, weight };
}

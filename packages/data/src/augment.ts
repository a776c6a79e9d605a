import type { AugmentationSpec, Random } from '@wrn/spec';
import { normalizationTable, type Normalization } from './normalization.js';

/** Memory order of a batch: `NCHW` (the @wrn/core canonical layout) or `NHWC`. @example const layout: Layout = 'NCHW'; */
export type Layout = 'NCHW' | 'NHWC';

/** One example's augmentation: crop window origin in the padded image, then an optional horizontal flip. @example const draw: AugmentationDraw = { top: 4, left: 4, flip: false }; */
export interface AugmentationDraw {
  top: number;
  left: number;
  flip: boolean;
}

/**
 * Everything needed to turn 8-bit CHW images into normalised, augmented float images, computed once per stream:
 * the normalisation lookup table and, for every crop origin and flip, the source row/column of every output
 * pixel, so the inner loop is a gather without per-pixel branches.
 *
 * @example
 * const pipeline = compilePipeline({ channels: 3, height: 32, width: 32 }, paperRecipe().augmentation, spec.input, 'NCHW');
 * pipeline.outputHeight; // 32
 */
export interface CompiledPipeline {
  channels: number;
  height: number;
  width: number;
  outputHeight: number;
  outputWidth: number;
  layout: Layout;
  augmentation: AugmentationSpec | null;
  /** Number of possible crop origins along each axis (1 without a crop). */
  topChoices: number;
  leftChoices: number;
  table: Float32Array;
  /** `rowSource[top * outputHeight + y]`: source row of output row y, or -1 for a zero-padded row. */
  rowSource: Int32Array;
  /** `columnSource[(left * 2 + flip) * outputWidth + x]`: source column, or -1 for zero padding. */
  columnSource: Int32Array;
}

/**
 * Precomputes the index and lookup tables of {@link CompiledPipeline}, checking the augmentation against the image
 * size (reflect padding must be smaller than the image, as in NumPy and PyTorch).
 *
 * @example
 * compilePipeline({ channels: 1, height: 4, width: 4 }, { crop: { size: 4, padding: 2, mode: 'reflect' }, horizontalFlip: 0.5 }, null, 'NCHW');
 */
export function compilePipeline(
  shape: { channels: number; height: number; width: number },
  augmentation: AugmentationSpec | null,
  normalization: Normalization,
  layout: Layout,
): CompiledPipeline {
  const { channels, height, width } = shape;
  if (layout !== 'NCHW' && layout !== 'NHWC')
    throw new RangeError(`layout must be 'NCHW' or 'NHWC', got ${String(layout)}`);
  const crop = augmentation?.crop ?? null;
  const flip = augmentation?.horizontalFlip ?? 0;
  if (!(flip >= 0 && flip <= 1))
    throw new RangeError(`augmentation.horizontalFlip must be in [0, 1], got ${flip}`);
  const padding = crop?.padding ?? 0;
  const outputHeight = crop?.size ?? height;
  const outputWidth = crop?.size ?? width;
  if (crop) {
    if (!Number.isInteger(crop.size) || crop.size < 1)
      throw new RangeError(`crop.size must be an integer >= 1, got ${crop.size}`);
    if (!Number.isInteger(padding) || padding < 0)
      throw new RangeError(`crop.padding must be an integer >= 0, got ${padding}`);
    if (crop.mode !== 'reflect' && crop.mode !== 'zeros')
      throw new RangeError(`crop.mode must be 'reflect' or 'zeros', got ${String(crop.mode)}`);
    if (crop.size > height + 2 * padding || crop.size > width + 2 * padding) {
      throw new RangeError(
        `crop.size ${crop.size} exceeds the padded image ${height + 2 * padding}x${width + 2 * padding}`,
      );
    }
    if (crop.mode === 'reflect' && (padding >= height || padding >= width)) {
      throw new RangeError(
        `reflect padding ${padding} must be smaller than the image (${height}x${width}); use mode 'zeros'`,
      );
    }
  }
  const reflect = crop?.mode !== 'zeros';
  const topChoices = height + 2 * padding - outputHeight + 1;
  const leftChoices = width + 2 * padding - outputWidth + 1;
  const rowSource = new Int32Array(topChoices * outputHeight);
  for (let top = 0; top < topChoices; top++) {
    for (let y = 0; y < outputHeight; y++)
      rowSource[top * outputHeight + y] = sourceIndex(top + y - padding, height, reflect);
  }
  const columnSource = new Int32Array(leftChoices * 2 * outputWidth);
  for (let left = 0; left < leftChoices; left++) {
    for (let flipped = 0; flipped < 2; flipped++) {
      for (let x = 0; x < outputWidth; x++) {
        const padded = left + (flipped ? outputWidth - 1 - x : x);
        columnSource[(left * 2 + flipped) * outputWidth + x] = sourceIndex(padded - padding, width, reflect);
      }
    }
  }
  const table = normalizationTable(normalization, channels);
  return {
    channels,
    height,
    width,
    outputHeight,
    outputWidth,
    layout,
    augmentation,
    topChoices,
    leftChoices,
    table,
    rowSource,
    columnSource,
  };
}

/** NumPy 'reflect' (edge not repeated) or -1 outside the image for zero padding. */
function sourceIndex(index: number, size: number, reflect: boolean): number {
  if (index >= 0 && index < size) return index;
  if (!reflect) return -1;
  return index < 0 ? -index : 2 * (size - 1) - index;
}

/**
 * Draws one example's augmentation in a fixed order (crop top, crop left, flip), consuming the same number of
 * draws whatever the outcome, so streams stay aligned. Without a crop the origin is 0 and nothing is drawn for it.
 *
 * @example
 * const draw = drawAugmentation(pipeline, new Random(7));
 */
export function drawAugmentation(pipeline: CompiledPipeline, random: Random): AugmentationDraw {
  const crop = pipeline.augmentation?.crop ?? null;
  const top = crop ? random.integer(pipeline.topChoices) : 0;
  const left = crop ? random.integer(pipeline.leftChoices) : 0;
  const probability = pipeline.augmentation?.horizontalFlip ?? 0;
  const flip = probability > 0 ? random.uniform() < probability : false;
  return { top, left, flip };
}

/**
 * Writes one augmented, normalised image into `output` as example `slot` of a batch in the pipeline's layout.
 *
 * @example
 * writeExample(pipeline, dataset.images, 0, { top: 4, left: 4, flip: true }, batchImages, 0);
 */
export function writeExample(
  pipeline: CompiledPipeline,
  images: Uint8Array,
  imageIndex: number,
  draw: AugmentationDraw,
  output: Float32Array,
  slot: number,
): void {
  const { channels, height, width, outputHeight, outputWidth, table, rowSource, columnSource } = pipeline;
  const nchw = pipeline.layout === 'NCHW';
  const xStride = nchw ? 1 : channels;
  const rowStride = outputWidth * xStride;
  const channelStride = nchw ? outputHeight * outputWidth : 1;
  const exampleBase = slot * channels * outputHeight * outputWidth;
  const columns = (draw.left * 2 + (draw.flip ? 1 : 0)) * outputWidth;
  const rows = draw.top * outputHeight;
  // The valid (non-padding) columns are one contiguous run of output columns, found once per example.
  let first = 0;
  while (first < outputWidth && columnSource[columns + first]! < 0) first++;
  let end = outputWidth;
  while (end > first && columnSource[columns + end - 1]! < 0) end--;
  for (let channel = 0; channel < channels; channel++) {
    const lookup = channel * 256;
    const zero = table[lookup]!;
    const planeBase = imageIndex * channels * height * width + channel * height * width;
    for (let y = 0; y < outputHeight; y++) {
      const sourceRow = rowSource[rows + y]!;
      const start = exampleBase + channel * channelStride + y * rowStride;
      if (sourceRow < 0) {
        for (let x = 0, o = start; x < outputWidth; x++, o += xStride) output[o] = zero;
        continue;
      }
      const rowBase = planeBase + sourceRow * width;
      let o = start;
      for (let x = 0; x < first; x++, o += xStride) output[o] = zero;
      for (let x = first; x < end; x++, o += xStride)
        output[o] = table[lookup + images[rowBase + columnSource[columns + x]!]!]!;
      for (let x = end; x < outputWidth; x++, o += xStride) output[o] = zero;
    }
  }
}

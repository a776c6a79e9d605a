/**
 * Per-channel normalisation of pixels scaled to [0, 1]: `(pixel / 255 - mean[c]) / std[c]`, as the model's
 * `spec.input` states it. `null` only scales to [0, 1].
 *
 * @example
 * const normalization: Normalization = { mean: spec.input.mean, std: spec.input.std };
 */
export type Normalization = { mean: readonly number[]; std: readonly number[] } | null;

/**
 * A lookup table of the normalised value of every byte, per channel (`table[c * 256 + v]`). Each entry repeats
 * PyTorch's float32 arithmetic (`ToTensor` then `Normalize`): `x = f32(v / 255)`, `f32(f32(x - f32(mean)) / f32(std))`,
 * so batches match a torchvision pipeline bit for bit.
 *
 * @example
 * const table = normalizationTable({ mean: [0.5], std: [0.5] }, 1);
 * table[255]; // 1
 */
export function normalizationTable(normalization: Normalization, channels: number): Float32Array {
  if (normalization !== null) {
    for (const key of ['mean', 'std'] as const) {
      if (normalization[key].length !== channels) {
        throw new RangeError(
          `normalization.${key} has ${normalization[key].length} values but the images have ${channels} channels; ` +
            'pass one value per channel (spec.input.mean / spec.input.std)',
        );
      }
    }
    normalization.std.forEach((value, channel) => {
      if (!(value > 0) || !Number.isFinite(value)) {
        throw new RangeError(`normalization.std[${channel}] must be a finite number > 0, got ${value}`);
      }
    });
  }
  const table = new Float32Array(channels * 256);
  for (let channel = 0; channel < channels; channel++) {
    const mean = Math.fround(normalization?.mean[channel] ?? 0);
    const std = Math.fround(normalization?.std[channel] ?? 1);
    for (let value = 0; value < 256; value++) {
      const scaled = Math.fround(value / 255);
      table[channel * 256 + value] = Math.fround(Math.fround(scaled - mean) / std);
    }
  }
  return table;
}

/**
 * A batch in the canonical layout: normalised images NCHW (`[n, channels, height, width]`) and integer labels.
 *
 * @example
 * const batch: Batch = { images: new Float32Array(2 * 3 * 32 * 32), labels: new Int32Array([3, 7]), size: 2 };
 */
export interface Batch {
  images: Float32Array;
  labels: Int32Array;
  /** Number of examples n; `images.length === n * channels * height * width`. */
  size: number;
}

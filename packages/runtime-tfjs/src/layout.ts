import * as tf from '@tensorflow/tfjs';

/**
 * How a canonical (PyTorch) layout maps to the layout tfjs computes in: conv weights OIHW to HWIO, dense weights
 * `[out, in]` to `[in, out]`, images NCHW to NHWC; vectors are unchanged. Each entry is the permutation from
 * canonical to internal; its inverse goes back.
 *
 * @example
 * internalPermutation([16, 3, 3, 3]); // [2, 3, 1, 0]
 */
export function internalPermutation(canonicalShape: readonly number[]): number[] | undefined {
  if (canonicalShape.length === 4) return [2, 3, 1, 0];
  if (canonicalShape.length === 2) return [1, 0];
  return undefined;
}

/**
 * A canonical-layout host array as an internal-layout tensor (the caller owns it).
 *
 * @example
 * const filter = toInternal({ shape: [16, 3, 3, 3], data }); // shape [3, 3, 3, 16]
 */
export function toInternal(tensor: { shape: number[]; data: Float32Array }): tf.Tensor {
  return tf.tidy(() => {
    const canonical = tf.tensor(tensor.data, tensor.shape, 'float32');
    const permutation = internalPermutation(tensor.shape);
    return permutation ? tf.transpose(canonical, permutation) : canonical;
  });
}

/**
 * An internal-layout tensor read back to the host in the canonical layout of `canonicalShape`.
 *
 * @example
 * const { shape, data } = await toCanonical(filter, [16, 3, 3, 3]);
 */
export async function toCanonical(
  tensor: tf.Tensor,
  canonicalShape: readonly number[],
): Promise<{ shape: number[]; data: Float32Array }> {
  const permutation = internalPermutation(canonicalShape);
  const inverse = permutation?.map((_, axis) => permutation.indexOf(axis));
  const canonical = inverse ? tf.transpose(tensor, inverse) : tensor;
  try {
    const data = (await canonical.data()) as Float32Array;
    return { shape: [...canonicalShape], data: new Float32Array(data) };
  } finally {
    if (canonical !== tensor) canonical.dispose();
  }
}

/**
 * NCHW images as an NHWC tensor (the caller owns it). Throws a RangeError when the sizes disagree.
 *
 * @example
 * const x = imagesToInternal(batch.images, batch.size, [3, 32, 32]); // [n, 32, 32, 3]
 */
export function imagesToInternal(images: Float32Array, size: number, shape: readonly number[]): tf.Tensor4D {
  const [channels = 0, height = 0, width = 0] = shape;
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`batch size must be an integer >= 1, got ${size}`);
  if (images.length !== size * channels * height * width) {
    throw new RangeError(
      `images has ${images.length} values but ${size} images of [${channels}, ${height}, ${width}] need ` +
        `${size * channels * height * width}; pass NCHW float32 data of exactly that length`,
    );
  }
  return tf.tidy(() => tf.transpose(tf.tensor4d(images, [size, channels, height, width]), [0, 2, 3, 1]));
}

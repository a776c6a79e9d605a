/** Reinterprets float32 values as their bit patterns without copying. Internal scratch space. */
const scratchFloat = new Float32Array(1);
const scratchBits = new Uint32Array(scratchFloat.buffer);

/**
 * Widens IEEE 754 half-precision bit patterns to float32 (exact: every half value is a float32 value).
 *
 * @example
 * halfToFloat32(new Uint16Array([0x3c00, 0xc000])); // Float32Array [1, -2]
 */
export function halfToFloat32(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) {
    const h = bits[i] ?? 0;
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >> 10) & 0x1f;
    const fraction = h & 0x3ff;
    if (exponent === 0) out[i] = sign * fraction * 2 ** -24;
    else if (exponent === 0x1f) out[i] = fraction ? NaN : sign * Infinity;
    else out[i] = sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
  }
  return out;
}

/**
 * Rounds float32 values to half precision (round to nearest, ties to even; overflow to infinity; NaN kept).
 *
 * @example
 * float32ToHalf(new Float32Array([1, 65520])); // Uint16Array [0x3c00, 0x7c00]
 */
export function float32ToHalf(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    scratchFloat[0] = values[i] ?? 0;
    const x = scratchBits[0] ?? 0;
    const sign = (x >>> 16) & 0x8000;
    const exponent = (x >>> 23) & 0xff;
    let mantissa = x & 0x7fffff;
    if (exponent === 0xff) {
      out[i] = sign | 0x7c00 | (mantissa ? 0x200 : 0);
      continue;
    }
    const halfExponent = exponent - 127 + 15;
    if (halfExponent >= 0x1f) {
      out[i] = sign | 0x7c00;
      continue;
    }
    let shift = 13;
    let base = sign | (halfExponent << 10);
    if (halfExponent <= 0) {
      // Subnormal (or zero) in half precision: make the implicit leading 1 explicit and shift further.
      if (halfExponent < -10) {
        out[i] = sign;
        continue;
      }
      mantissa |= 0x800000;
      shift = 14 - halfExponent;
      base = sign;
    }
    const truncated = mantissa >>> shift;
    const remainder = mantissa & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    const roundUp = remainder > halfway || (remainder === halfway && (truncated & 1) === 1);
    // A carry out of the mantissa correctly bumps the exponent (and reaches infinity at the top).
    out[i] = base + truncated + (roundUp ? 1 : 0);
  }
  return out;
}

/**
 * Widens bfloat16 bit patterns (the top half of a float32) to float32, exactly.
 *
 * @example
 * bfloat16ToFloat32(new Uint16Array([0x3f80])); // Float32Array [1]
 */
export function bfloat16ToFloat32(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  const outBits = new Uint32Array(out.buffer);
  for (let i = 0; i < bits.length; i++) outBits[i] = (bits[i] ?? 0) << 16;
  return out;
}

/**
 * Rounds float32 values to bfloat16 (round to nearest, ties to even; NaN kept as a quiet NaN).
 *
 * @example
 * float32ToBfloat16(new Float32Array([1])); // Uint16Array [0x3f80]
 */
export function float32ToBfloat16(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  for (let i = 0; i < values.length; i++) {
    const x = bits[i] ?? 0;
    if ((x & 0x7f800000) === 0x7f800000 && (x & 0x7fffff) !== 0) {
      out[i] = (x >>> 16) | 0x40;
      continue;
    }
    const rounding = 0x7fff + ((x >>> 16) & 1);
    out[i] = ((x + rounding) >>> 16) & 0xffff;
  }
  return out;
}
